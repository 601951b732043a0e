using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>The API's paths are a contract, described by the OpenAPI document the desk serves.</summary>
[Collection(DeskCollection.Name)]
public sealed class OpenApiTests(SharedDesk desk)
{
    [Fact]
    public async Task The_OpenAPI_document_describes_every_contracted_path()
    {
        var client = desk.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] contract =
        [
            "/api/v1/auth/login", "/api/v1/me", "/api/v1/councils", "/api/v1/catalogue", "/api/v1/resolver-groups",
            "/api/v1/tickets", "/api/v1/tickets/{reference}", "/api/v1/tickets/{reference}/history",
            "/api/v1/tickets/{reference}/take", "/api/v1/tickets/{reference}/assign", "/api/v1/tickets/{reference}/comments",
            "/api/v1/tickets/{reference}/status", "/api/v1/tickets/{reference}/reopen", "/api/v1/tickets/{reference}/close",
        ];
        Assert.All(contract, path => Assert.Contains(path, paths));
    }

    [Fact]
    public async Task The_catalogue_shows_tier_unit_cost_and_whether_approval_is_needed()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var catalogue = (await alice.GetJsonAsync("/api/v1/catalogue")).EnumerateArray().ToList();
        Assert.True(catalogue.Count >= 15);
        Assert.Equal(["Bespoke", "Enhanced", "Essential"], catalogue.Select(s => s.Str("tier")).Distinct().Order());
        var laptop = catalogue.Single(s => s.Str("name") == "Additional laptop");
        Assert.Equal(950m, laptop.GetProperty("unitCost").GetDecimal());
        Assert.True(laptop.GetProperty("requiresApproval").GetBoolean());
        Assert.All(catalogue.Where(s => s.Str("tier") == "Essential"), s => Assert.False(s.GetProperty("requiresApproval").GetBoolean()));
    }
}
