using System.Net;
using System.Text;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>An action sent with no body, or a JSON null, is bad input (400 naming "body"), never a 500.</summary>
[Collection(DeskCollection.Name)]
public sealed class EmptyBodyTests(SharedDesk desk)
{
    public static TheoryData<string, string> Actions()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in new[] { "assign", "comments", "status", "priority", "reopen", "rating" })
            foreach (var body in new[] { "", "null" })
                data.Add(action, body);
        return data;
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task An_action_without_a_body_is_refused_with_400_naming_the_body(string action, string body)
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Desktop hardware"));

        foreach (var target in new[] { reference, "MBC-999999" })
        {
            var response = await alice.PostAsync($"/api/v1/tickets/{target}/{action}", new StringContent(body, Encoding.UTF8, "application/json"));
            var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _), $"{action} with '{body}' should name the body: {problem}");
        }
    }
}
