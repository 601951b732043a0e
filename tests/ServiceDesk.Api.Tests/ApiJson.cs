using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>Small helpers that keep the tests about behaviour, not plumbing.</summary>
public static class ApiJson
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url)).JsonAsync(expected);

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object? body, HttpStatusCode expected = HttpStatusCode.OK, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await (await client.SendAsync(request)).JsonAsync(expected);
    }

    public static async Task<JsonElement> PutJsonAsync(this HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PutAsync(url, JsonContent.Create(body))).JsonAsync(expected);

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;

    public static async Task<int> ServiceIdAsync(this HttpClient client, string name)
    {
        var catalogue = await client.GetJsonAsync("/api/v1/catalogue");
        return catalogue.EnumerateArray().First(s => s.Str("name") == name).GetProperty("id").GetInt32();
    }

    public static async Task<int> GroupIdAsync(this HttpClient client, string name)
    {
        var groups = await client.GetJsonAsync("/api/v1/resolver-groups");
        return groups.EnumerateArray().First(g => g.Str("name") == name).GetProperty("id").GetInt32();
    }

    public static async Task<int> CategoryIdAsync(this HttpClient client, string service, string category)
    {
        var catalogue = await client.GetJsonAsync("/api/v1/catalogue");
        return catalogue.EnumerateArray().First(s => s.Str("name") == service)
            .GetProperty("categories").EnumerateArray().First(c => c.Str("name") == category).GetProperty("id").GetInt32();
    }

    /// <summary>Raises an incident of a service and category as the signed-in requester and returns its reference.</summary>
    public static async Task<string> RaiseIncidentAsync(this HttpClient client, int serviceId, int? categoryId, string title)
    {
        var ticket = await client.PostJsonAsync("/api/v1/tickets",
            new { type = "Incident", title, description = "It stopped working this morning.", serviceId, categoryId, impact = "Medium", urgency = "Medium" },
            HttpStatusCode.Created);
        return ticket.Str("reference");
    }

    public static async Task<JsonElement> DeleteJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.DeleteAsync(url)).JsonAsync(expected);

    /// <summary>Raises a ticket and returns its reference.</summary>
    public static async Task<string> RaiseAsync(this HttpClient client, int serviceId, string title = "Printer jammed on the second floor",
        string impact = "Medium", string urgency = "Medium", string type = "Incident")
    {
        var ticket = await client.PostJsonAsync("/api/v1/tickets",
            new { type, title, description = "It shows a paper jam error and nobody can print.", serviceId, impact, urgency },
            HttpStatusCode.Created);
        return ticket.Str("reference");
    }
}
