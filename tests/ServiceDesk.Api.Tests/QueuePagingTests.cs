using System.Net;
using System.Text.Json;
using ServiceDesk.Api.Tests.Security;

namespace ServiceDesk.Api.Tests;

/// <summary>The demo desk with lists that count to five, so "more than the cap" needs no large desk.</summary>
public sealed class CappedCountDesk : DeskFactory
{
    protected override IEnumerable<(string Key, string Value)> Settings => [("ServiceDesk:TicketLists:CountCap", "5")];
}

/// <summary>Queues page by cursor (API and desk page), count up to a cap, and refuse a cursor they did not give out.</summary>
public sealed class QueuePagingTests(CappedCountDesk desk) : IClassFixture<CappedCountDesk>
{
    private const string Open = "status=New,Assigned,InProgress,AwaitingCustomer";

    [Theory]
    [InlineData("sla")]
    [InlineData("-created")]
    [InlineData("priority")]
    public async Task Paging_by_cursor_shows_every_ticket_once_in_order_forwards_and_back(string sort)
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        // A few more open tickets with the same due instant's neighbours: the order must still be total.
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var service = await alice.ServiceIdAsync("Desktop hardware");
        for (var i = 0; i < 4; i++) await alice.RaiseAsync(service, $"Paging check {i}");

        var all = (await priya.GetJsonAsync($"/api/v1/tickets?{Open}&sort={sort}&pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(all.Count, 20, 199);

        var forwards = new List<JsonElement>();
        JsonElement last;
        string? next = null;
        var pages = 0;
        do
        {
            last = await priya.GetJsonAsync($"/api/v1/tickets?{Open}&sort={sort}&pageSize=7" + (next is null ? "" : $"&cursor={next}"));
            forwards.AddRange(last.GetProperty("items").EnumerateArray());
            Assert.Equal(next is not null, last.TryGetProperty("previous", out _));
            next = last.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        while (next is not null && ++pages < 50);

        // No ticket twice, none left out, the same order as one long page.
        Assert.Equal(all.Select(t => t.Str("reference")), forwards.Select(t => t.Str("reference")));
        if (sort == "sla")
        {
            var due = forwards.Select(t => t.TryGetProperty("slaDueAt", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetDateTime() : (DateTime?)null).ToList();
            var known = due.TakeWhile(d => d is not null).ToList();
            Assert.Equal(known.OrderBy(d => d), known);
            Assert.All(due.Skip(known.Count), d => Assert.Null(d));
        }

        // Back from the last page, page by page, to the first.
        var backwards = new List<string>();
        var current = last;
        while (true)
        {
            backwards.InsertRange(0, current.GetProperty("items").EnumerateArray().Select(t => t.Str("reference")));
            if (!current.TryGetProperty("previous", out var previous)) break;
            current = await priya.GetJsonAsync($"/api/v1/tickets?{Open}&sort={sort}&pageSize=7&cursor={previous.GetString()}");
        }
        Assert.Equal(forwards.Select(t => t.Str("reference")), backwards);
    }

    [Fact]
    public async Task A_queue_larger_than_the_cap_is_counted_as_at_least_the_cap_on_the_API_and_the_desk_page()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var open = await priya.GetJsonAsync($"/api/v1/tickets?{Open}&pageSize=3");
        Assert.Equal(5, open.GetProperty("total").GetInt32());
        Assert.True(open.GetProperty("totalIsCapped").GetBoolean());
        Assert.Equal(3, open.GetProperty("items").GetArrayLength());

        // Under the cap the count is exact and says nothing of a cap.
        var one = await priya.GetJsonAsync($"/api/v1/tickets?q={(await priya.GetJsonAsync("/api/v1/tickets?pageSize=1")).GetProperty("items")[0].Str("reference")}");
        Assert.Equal(1, one.GetProperty("total").GetInt32());
        Assert.False(one.TryGetProperty("totalIsCapped", out _));

        // More open tickets than the desk page shows (50), so that it has a next page.
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var service = await alice.ServiceIdAsync("Desktop hardware");
        var openNow = (await priya.GetJsonAsync($"/api/v1/tickets?{Open}&pageSize=200")).GetProperty("items").GetArrayLength();
        for (var i = openNow; i <= 50; i++) await alice.RaiseAsync(service, $"Queue length check {i}");

        var browser = await desk.SignInWithCookieAsync(Accounts.Agent);
        var page = await browser.GetStringAsync("/desk?queue=all");
        Assert.Contains("<span data-live-count>5+</span> tickets", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var rows = await browser.GetAsync("/desk?queue=all&handler=Rows");
        Assert.Equal("5+", rows.Headers.GetValues("X-Total-Count").Single());
        // The pager offers the next page by cursor, and it opens.
        var next = System.Text.RegularExpressions.Regex.Match(page, "href=\"(/desk\\?[^\"]*cursor=[^\"]+)\" rel=\"next\"");
        Assert.True(next.Success, "the desk page links to its next page");
        var second = await browser.GetAsync(WebUtility.HtmlDecode(next.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("rel=\"prev\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("MX5zbGF-MH5hfmkxfmkzfmw1")]
    [InlineData("MX5zbGF-N35hfmw1")]
    [InlineData("%E2%9C%93")]
    public async Task A_cursor_the_list_did_not_give_out_is_a_400_naming_the_cursor(string cursor)
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var problem = await (await priya.GetAsync($"/api/v1/tickets?sort=sla&cursor={cursor}")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _), problem.ToString());

        // A cursor of one order does not page another.
        var sla = await priya.GetJsonAsync($"/api/v1/tickets?{Open}&sort=sla&pageSize=2");
        var other = await (await priya.GetAsync($"/api/v1/tickets?{Open}&sort=-created&pageSize=2&cursor={sla.Str("next")}")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.True(other.GetProperty("errors").TryGetProperty("cursor", out _), other.ToString());

        var browser = await desk.SignInWithCookieAsync(Accounts.Agent);
        var response = await browser.GetAsync($"/desk?queue=all&cursor={cursor}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", page, StringComparison.Ordinal);
        Assert.Contains("cursor is not one this list gave out", page, StringComparison.Ordinal);
    }
}
