using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ServiceDesk.Api.Tests.SignIn;

/// <summary>
/// SCIM 2.0 provisioning with the requests Microsoft Entra ID sends: look up by userName, create,
/// look up by externalId, PATCH active "False", DELETE; each council's token reaches only its people.
/// </summary>
[Collection(CouncilSignInCollection.Name)]
public sealed class ScimProvisioningTests(CouncilSignInDesk fixture)
{
    private const string Enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private async Task<HttpClient> ScimClientAsync(string council)
    {
        var created = await fixture.Manager.PostJsonAsync($"/api/v1/councils/{council}/provisioning-tokens", new { name = "Entra ID provisioning" }, HttpStatusCode.Created);
        var token = created.Str("token");
        Assert.StartsWith("sdscim_", token, StringComparison.Ordinal);
        var client = new HttpClient { BaseAddress = new Uri(fixture.Desk.BaseUrl + "/scim/v2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Scim(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/scim+json");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {text}");
        if (text.Length == 0) return default;
        Assert.Equal("application/scim+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    private static object Patch(params object[] operations) =>
        new { schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:PatchOp" }, Operations = operations };

    [Fact]
    public async Task Entra_creates_finds_deactivates_and_deletes_a_Maidstone_person_whose_open_session_ends_at_once()
    {
        OidcProvider.RequireInstalled();
        using var scim = await ScimClientAsync("MBC");
        const string email = "olivia.stone@maidstone.example";

        var none = await ReadAsync(await scim.GetAsync($"Users?filter={Uri.EscapeDataString($"userName eq \"{email}\"")}"), HttpStatusCode.OK);
        Assert.Equal(0, none.GetProperty("totalResults").GetInt32());

        var user = await ReadAsync(await scim.PostAsync("Users", Scim(new Dictionary<string, object>
        {
            ["schemas"] = new[] { "urn:ietf:params:scim:schemas:core:2.0:User", Enterprise },
            ["externalId"] = "ostone",
            ["userName"] = email,
            ["active"] = true,
            ["displayName"] = "Olivia Stone",
            ["emails"] = new[] { new { primary = true, type = "work", value = email } },
            ["meta"] = new { resourceType = "User" },
            ["name"] = new { formatted = "Olivia Stone", familyName = "Stone", givenName = "Olivia" },
            ["title"] = "Planning officer",
            [Enterprise] = new { department = "Planning" },
        })), HttpStatusCode.Created);
        var id = user.Str("id");
        Assert.Equal(email, user.Str("userName"));
        Assert.True(user.GetProperty("active").GetBoolean());

        var found = await ReadAsync(await scim.GetAsync($"Users?filter={Uri.EscapeDataString("externalId eq \"ostone\"")}"), HttpStatusCode.OK);
        Assert.Equal(id, found.GetProperty("Resources")[0].Str("id"));
        var again = await ReadAsync(await scim.PostAsync("Users", Scim(new { userName = email, active = true })), HttpStatusCode.Conflict);
        Assert.Equal("uniqueness", again.Str("scimType"));

        // Provisioned, Olivia signs in with her council account and has a session.
        using var browser = fixture.NewBrowser();
        Assert.Equal("/", (await browser.SignInAsync(email, email)).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);

        // She leaves: Entra sends active "False" (a string). Her open session is refused on its next request.
        var off = await ReadAsync(await scim.PatchAsync($"Users/{id}", Scim(Patch(new { op = "Replace", path = "active", value = "False" }))), HttpStatusCode.OK);
        Assert.False(off.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me")).StatusCode);
        using var later = fixture.NewBrowser();
        var refused = await later.SignInAsync(email, email);
        Assert.Contains("reason=deactivated", refused.Query, StringComparison.Ordinal);

        // Back again (a boolean this time, with a new name), then deleted: deactivated, and still on record.
        var back = await ReadAsync(await scim.PatchAsync($"Users/{id}", Scim(Patch(
            new { op = "replace", value = new Dictionary<string, object> { ["active"] = true, ["displayName"] = "Olivia Stone-Hart" } },
            new { op = "Add", path = "title", value = "Senior planning officer" }))), HttpStatusCode.OK);
        Assert.True(back.GetProperty("active").GetBoolean());
        Assert.Equal("Olivia Stone-Hart", back.Str("displayName"));
        await ReadAsync(await scim.DeleteAsync($"Users/{id}"), HttpStatusCode.NoContent);
        var kept = await ReadAsync(await scim.GetAsync($"Users/{id}"), HttpStatusCode.OK);
        Assert.False(kept.GetProperty("active").GetBoolean());

        var audit = await fixture.Manager.GetJsonAsync($"/api/v1/audit?q={email}");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.Str("actor") == "Maidstone Borough Council provisioning (Entra ID provisioning)");
    }

    [Fact]
    public async Task A_councils_token_reaches_only_that_councils_people()
    {
        OidcProvider.RequireInstalled();
        using var scim = await ScimClientAsync("MBC");
        var swale = (await fixture.Manager.GetJsonAsync($"/api/v1/people?q={Accounts.SwaleRequester}")).GetProperty("items")[0].GetProperty("id").GetInt32();

        await ReadAsync(await scim.GetAsync($"Users/{swale}"), HttpStatusCode.NotFound);
        await ReadAsync(await scim.PatchAsync($"Users/{swale}", Scim(Patch(new { op = "replace", path = "active", value = false }))), HttpStatusCode.NotFound);
        await ReadAsync(await scim.DeleteAsync($"Users/{swale}"), HttpStatusCode.NotFound);
        var filtered = await ReadAsync(await scim.GetAsync($"Users?filter={Uri.EscapeDataString($"userName eq \"{Accounts.SwaleRequester}\"")}"), HttpStatusCode.OK);
        Assert.Equal(0, filtered.GetProperty("totalResults").GetInt32());
        var outside = await ReadAsync(await scim.PostAsync("Users", Scim(new { userName = "new.person@swale.example", active = true })), HttpStatusCode.BadRequest);
        Assert.Equal("invalidValue", outside.Str("scimType"));
        Assert.Contains("not a mail domain of Maidstone", outside.Str("detail"), StringComparison.Ordinal);

        var listed = await ReadAsync(await scim.GetAsync("Users?count=200"), HttpStatusCode.OK);
        Assert.All(listed.GetProperty("Resources").EnumerateArray(), u => Assert.EndsWith("@maidstone.example", u.Str("userName"), StringComparison.Ordinal));
        Assert.True((await fixture.Manager.GetJsonAsync($"/api/v1/people/{swale}")).GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Bad_filters_paths_bodies_and_tokens_get_SCIM_errors_and_discovery_describes_the_desk()
    {
        OidcProvider.RequireInstalled();
        using var scim = await ScimClientAsync("MBC");
        var alice = (await ReadAsync(await scim.GetAsync($"Users?filter={Uri.EscapeDataString($"userName eq \"{Accounts.MaidstoneRequester}\"")}"), HttpStatusCode.OK))
            .GetProperty("Resources")[0].Str("id");

        foreach (var filter in new[] { "userName sw \"alice\"", "userName eq alice", "title eq \"x\"", "userName eq \"a\" or externalId eq \"b\"" })
        {
            var error = await ReadAsync(await scim.GetAsync($"Users?filter={Uri.EscapeDataString(filter)}"), HttpStatusCode.BadRequest);
            Assert.Equal("invalidFilter", error.Str("scimType"));
            Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", error.GetProperty("schemas")[0].GetString());
            Assert.Equal("400", error.Str("status"));
        }
        foreach (var path in new[] { "favouriteColour", "emails[type eq \"work\"", "name..givenName" })
        {
            var error = await ReadAsync(await scim.PatchAsync($"Users/{alice}", Scim(Patch(new { op = "replace", path, value = "x" }))), HttpStatusCode.BadRequest);
            Assert.Equal("invalidPath", error.Str("scimType"));
        }
        var notBool = await ReadAsync(await scim.PatchAsync($"Users/{alice}", Scim(Patch(new { op = "replace", path = "active", value = "perhaps" }))), HttpStatusCode.BadRequest);
        Assert.Equal("invalidValue", notBool.Str("scimType"));
        var notJson = await ReadAsync(await scim.PostAsync("Users", new StringContent("{not json", Encoding.UTF8, "application/scim+json")), HttpStatusCode.BadRequest);
        Assert.Equal("invalidSyntax", notJson.Str("scimType"));
        await ReadAsync(await scim.GetAsync("Users/not-a-number"), HttpStatusCode.NotFound);
        Assert.True((await fixture.Manager.GetJsonAsync($"/api/v1/people?q={Accounts.MaidstoneRequester}")).GetProperty("items")[0].GetProperty("active").GetBoolean());

        using var stranger = new HttpClient { BaseAddress = scim.BaseAddress };
        await ReadAsync(await stranger.GetAsync("Users"), HttpStatusCode.Unauthorized);
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sdscim_made-up");
        await ReadAsync(await stranger.GetAsync("Users"), HttpStatusCode.Unauthorized);

        // A revoked token stops at once.
        var tokens = await fixture.Manager.GetJsonAsync("/api/v1/councils/MBC/provisioning-tokens");
        await fixture.Manager.PostJsonAsync($"/api/v1/councils/MBC/provisioning-tokens/{tokens[0].GetProperty("id").GetInt32()}/revoke", null);
        await ReadAsync(await scim.GetAsync("Users"), HttpStatusCode.Unauthorized);

        var config = await ReadAsync(await stranger.GetAsync("ServiceProviderConfig"), HttpStatusCode.OK);
        Assert.True(config.GetProperty("patch").GetProperty("supported").GetBoolean());
        Assert.Equal("User", (await ReadAsync(await stranger.GetAsync("ResourceTypes"), HttpStatusCode.OK)).GetProperty("Resources")[0].Str("id"));
        Assert.Equal("urn:ietf:params:scim:schemas:core:2.0:User",
            (await ReadAsync(await stranger.GetAsync("Schemas"), HttpStatusCode.OK)).GetProperty("Resources")[0].Str("id"));
    }
}
