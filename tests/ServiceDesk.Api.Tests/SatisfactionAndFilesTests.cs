using System.Net;
using System.Net.Http.Headers;

namespace ServiceDesk.Api.Tests;

/// <summary>Requesters rate resolved tickets, and add files within the desk's limits.</summary>
[Collection(DeskCollection.Name)]
public sealed class SatisfactionAndFilesTests(SharedDesk desk)
{
    [Fact]
    public async Task The_requester_rates_a_ticket_once_it_is_resolved_and_no_one_else_can()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Desktop hardware"), "Rating: dock flickers");
        var url = $"/api/v1/tickets/{reference}";

        await alice.PostJsonAsync($"{url}/rating", new { rating = 4 }, HttpStatusCode.Conflict);
        await priya.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Replaced the dock." });

        var bad = await alice.PostJsonAsync($"{url}/rating", new { rating = 6 }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("rating", out _));
        await priya.PostJsonAsync($"{url}/rating", new { rating = 5 }, HttpStatusCode.Forbidden);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        await frank.PostJsonAsync($"{url}/rating", new { rating = 1 }, HttpStatusCode.NotFound);

        var rated = await alice.PostJsonAsync($"{url}/rating", new { rating = 4, comment = "Quick, thank you." });
        Assert.Equal(4, rated.GetProperty("satisfaction").GetProperty("rating").GetInt32());
        Assert.Equal("Quick, thank you.", rated.GetProperty("satisfaction").Str("comment"));
        var history = await alice.GetJsonAsync($"{url}/history");
        Assert.Contains(history.EnumerateArray(), h => h.Str("change") == "Satisfaction" && h.Str("to") == "4 of 5: Quick, thank you.");
        // The agent sees it on the ticket.
        Assert.Equal(4, (await priya.GetJsonAsync(url)).GetProperty("satisfaction").GetProperty("rating").GetInt32());
    }

    [Fact]
    public async Task Files_are_added_within_the_limits_and_executables_are_refused()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = await alice.RaiseAsync(await alice.ServiceIdAsync("Printing and scanning"), "Files: scan is skewed");
        var url = $"/api/v1/tickets/{reference}/attachments";

        var added = await (await alice.PostAsync(url, File("scan.txt", "the scan log"u8.ToArray()))).JsonAsync(HttpStatusCode.OK);
        var file = Assert.Single(added.GetProperty("attachments").EnumerateArray());
        Assert.Equal("scan.txt", file.Str("fileName"));
        var content = await alice.GetStringAsync($"/api/v1/tickets/{reference}/attachments/{file.GetProperty("id").GetInt64()}");
        Assert.Equal("the scan log", content);

        var refused = await (await alice.PostAsync(url, File("fix.exe", [0x4d, 0x5a]))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("executable", refused.GetProperty("errors").GetProperty("file")[0].GetString());
        var missing = await (await alice.PostAsync(url, new MultipartFormDataContent())).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("file", out _));

        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        await (await frank.PostAsync(url, File("x.txt", [1]))).JsonAsync(HttpStatusCode.NotFound);
    }

    private static MultipartFormDataContent File(string name, byte[] bytes)
    {
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { part, "file", name } };
    }
}
