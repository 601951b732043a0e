using System.Net;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>In production the API's description is for signed-in people, like the API itself.</summary>
public sealed class OpenApiAccessTests
{
    [Fact]
    public async Task In_production_the_OpenAPI_document_needs_a_signed_in_person()
    {
        await using var desk = new ProductionDesk();

        var stranger = await desk.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);

        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var document = await alice.GetJsonAsync("/openapi/v1.json");
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/tickets", out _));
    }
}
