using System.Net;
using System.Text;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>Bad input gets a 400 ProblemDetails naming the field, never a 500, and changes nothing.</summary>
[Collection(DeskCollection.Name)]
public sealed class ValidationTests(SharedDesk desk)
{
    private const string Valid = """{"type":"Incident","title":"Screen flickers","description":"My monitor flickers.","serviceId":SERVICE,"impact":"Low","urgency":"Low"}""";

    public static TheoryData<string, string, string> BadTickets => new()
    {
        { "missing title", """{"type":"Incident","description":"d","serviceId":SERVICE,"impact":"Low","urgency":"Low"}""", "title" },
        { "missing type", """{"title":"t","description":"d","serviceId":SERVICE,"impact":"Low","urgency":"Low"}""", "type" },
        { "missing description", """{"type":"Incident","title":"t","serviceId":SERVICE,"impact":"Low","urgency":"Low"}""", "description" },
        { "missing service", """{"type":"Incident","title":"t","description":"d","impact":"Low","urgency":"Low"}""", "serviceId" },
        { "over-long title", Valid.Replace("Screen flickers", new string('x', 201)), "title" },
        { "unknown service", Valid.Replace("SERVICE", "99999"), "serviceId" },
        { "wrong enum for impact", Valid.Replace("\"impact\":\"Low\"", "\"impact\":\"Huge\""), "impact" },
        { "number for an enum", Valid.Replace("\"urgency\":\"Low\"", "\"urgency\":\"2\""), "urgency" },
        { "wrong enum for type", Valid.Replace("\"Incident\"", "\"Complaint\""), "type" },
        { "string for serviceId", Valid.Replace("SERVICE", "\"abc\""), "serviceId" },
        { "array for title", Valid.Replace("\"Screen flickers\"", "[1,2]"), "title" },
        { "unknown channel", Valid.Replace("\"impact\"", "\"channel\":\"Pigeon\",\"impact\""), "channel" },
        { "not an email for requesterEmail", Valid.Replace("\"impact\"", "\"requesterEmail\":\"not-an-email\",\"impact\""), "requesterEmail" },
        { "unknown council code", Valid.Replace("\"impact\"", "\"councilCode\":\"XYZ\",\"impact\""), "councilCode" },
        { "not JSON at all", "this is not json", "body" },
        { "a JSON array", "[]", "body" },
    };

    [Theory]
    [MemberData(nameof(BadTickets))]
    public async Task A_bad_ticket_is_refused_with_400_naming_the_field(string scenario, string json, string field)
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var service = await alice.ServiceIdAsync("Desktop hardware");
        var before = (await alice.GetJsonAsync("/api/v1/tickets?pageSize=1")).GetProperty("total").GetInt32();

        var response = await alice.PostAsync("/api/v1/tickets",
            new StringContent(json.Replace("SERVICE", service.ToString(System.Globalization.CultureInfo.InvariantCulture)), Encoding.UTF8, "application/json"));
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"{scenario}: errors should name {field}: {problem}");
        Assert.NotEqual(0, messages.GetArrayLength());
        var after = (await alice.GetJsonAsync("/api/v1/tickets?pageSize=1")).GetProperty("total").GetInt32();
        Assert.Equal(before, after);
    }

    public static TheoryData<string, string, object, string> BadActions => new()
    {
        { "empty comment", "comments", new { body = "" }, "body" },
        { "internal as text", "comments", new { body = "x", @internal = "yes" }, "internal" },
        { "unknown status", "status", new { status = "Done" }, "status" },
        { "resolved without resolution", "status", new { status = "Resolved" }, "resolution" },
        { "assign without group", "assign", new { assigneeEmail = "priya.shah@sharedict.example" }, "resolverGroupId" },
        { "assign to unknown group", "assign", new { resolverGroupId = 99999 }, "resolverGroupId" },
        { "reopen without reason", "reopen", new { reason = "  " }, "reason" },
        { "wrong impact", "priority", new { impact = "Enormous", urgency = "Low" }, "impact" },
    };

    [Theory]
    [MemberData(nameof(BadActions))]
    public async Task A_bad_action_is_refused_with_400_naming_the_field(string scenario, string action, object body, string field)
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"));
        var before = await priya.GetJsonAsync($"/api/v1/tickets/{reference}");

        var problem = await priya.PostJsonAsync($"/api/v1/tickets/{reference}/{action}", body, HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{scenario}: errors should name {field}: {problem}");
        var after = await priya.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal(before.GetProperty("version").GetInt32(), after.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("status=Nope", "status")]
    [InlineData("priority=P9", "priority")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("resolverGroupId=abc", "resolverGroupId")]
    [InlineData("sort=sideways", "sort")]
    public async Task A_bad_list_filter_is_refused_with_400_naming_it(string query, string field)
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var problem = await priya.GetJsonAsync($"/api/v1/tickets?{query}", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task An_illegal_transition_is_a_409_that_says_what_is_allowed()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"));
        var problem = await priya.PostJsonAsync($"/api/v1/tickets/{reference}/close", null, HttpStatusCode.Conflict);
        Assert.Contains("Only a resolved ticket can be closed", problem.Str("detail"));
    }

    [Fact]
    public async Task A_requester_cannot_work_a_ticket_and_gets_403()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Email and calendar"));
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "InProgress" }, HttpStatusCode.Forbidden);
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/take", null, HttpStatusCode.Forbidden);
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "note", @internal = true }, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Unknown_or_malformed_references_are_404()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.GetJsonAsync("/api/v1/tickets/SD-999999", HttpStatusCode.NotFound);
        await priya.GetJsonAsync("/api/v1/tickets/not-a-reference", HttpStatusCode.NotFound);
        await priya.PostJsonAsync("/api/v1/tickets/SD-999999/take", null, HttpStatusCode.NotFound);
        var problem = await priya.GetJsonAsync("/api/v1/tickets/SD-999999/history", HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.String, problem.GetProperty("title").ValueKind);
    }
}
