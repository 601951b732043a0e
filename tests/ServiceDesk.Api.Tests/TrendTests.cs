using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// A desk moved half a year past its demo tickets, so the 12-week window holds only the incidents
/// these tests log, at instants the tests choose.
/// </summary>
public sealed class TrendDesk : DeskFactory
{
    /// <summary>Monday 24 May 2027, 10:00 UTC (11:00 in London, summer time).</summary>
    public static readonly DateTimeOffset Now = new(2027, 5, 24, 10, 0, 0, TimeSpan.Zero);

    public TrendDesk()
    {
        _ = Services; // seed the demo partnership at its own start
        Seeded = SeedAsync().GetAwaiter().GetResult();
        Clock.SetUtcNow(Now);
    }

    public IReadOnlyDictionary<string, string> Seeded { get; }

    /// <summary>
    /// Seven incidents and a service request, by hand:
    /// w/c 10 May: Alice (MBC) printing/scan to email ×2;
    /// w/c 17 May: Frank (SBC) printing/scan to email ×1 and telephony/softphone ×2 (both resolved), and a second-monitor request;
    /// w/c 24 May: Kate (TWBC) telephony/softphone ×1, and Alice printing/print queue at 23:30 UTC on Sunday 23 May,
    /// which is 00:30 on Monday in London.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> SeedAsync()
    {
        var alice = await SignInAsync(Accounts.MaidstoneRequester);
        var frank = await SignInAsync(Accounts.SwaleRequester);
        var kate = await SignInAsync(Accounts.TunbridgeWellsRequester);
        var priya = await SignInAsync(Accounts.Agent);
        var printing = await alice.ServiceIdAsync("Printing and scanning");
        var scan = await alice.CategoryIdAsync("Printing and scanning", "Scan to email");
        var queue = await alice.CategoryIdAsync("Printing and scanning", "Print queue");
        var telephony = await alice.ServiceIdAsync("Telephony");
        var softphone = await alice.CategoryIdAsync("Telephony", "Softphone");
        var seeded = new Dictionary<string, string>();

        async Task<string> At(DateTimeOffset at, HttpClient who, int service, int category, string title)
        {
            Clock.SetUtcNow(at);
            return seeded[title] = await who.RaiseIncidentAsync(service, category, title);
        }

        await At(new(2027, 5, 11, 9, 0, 0, TimeSpan.Zero), alice, printing, scan, "Scans not arriving (1)");
        await At(new(2027, 5, 12, 9, 0, 0, TimeSpan.Zero), alice, printing, scan, "Scans not arriving (2)");
        await At(new(2027, 5, 17, 8, 0, 0, TimeSpan.Zero), frank, printing, scan, "Scans not arriving (3)");
        // Logged Monday 17 May 10:00 in London, resolved Tuesday 10:00: 24 hours, 8.5 business hours (7 + 1.5).
        var first = await At(new(2027, 5, 17, 9, 0, 0, TimeSpan.Zero), frank, telephony, softphone, "Softphone silent (1)");
        Clock.SetUtcNow(new(2027, 5, 18, 9, 0, 0, TimeSpan.Zero));
        await priya.PostJsonAsync($"/api/v1/tickets/{first}/status", new { status = "Resolved", resolution = "Reset the audio device." });
        // Logged Wednesday 19 May 10:00 in London, resolved at 12:00: 2 hours, all business hours.
        var second = await At(new(2027, 5, 19, 9, 0, 0, TimeSpan.Zero), frank, telephony, softphone, "Softphone silent (2)");
        Clock.SetUtcNow(new(2027, 5, 19, 11, 0, 0, TimeSpan.Zero));
        await priya.PostJsonAsync($"/api/v1/tickets/{second}/status", new { status = "Resolved", resolution = "Reinstalled the softphone." });
        Clock.SetUtcNow(new(2027, 5, 20, 9, 0, 0, TimeSpan.Zero));
        await frank.RaiseAsync(await frank.ServiceIdAsync("Second monitor"), "Second monitor please", type: "ServiceRequest");
        await At(new(2027, 5, 23, 23, 30, 0, TimeSpan.Zero), alice, printing, queue, "Print queue stuck");
        await At(new(2027, 5, 24, 9, 0, 0, TimeSpan.Zero), kate, telephony, softphone, "Softphone silent (3)");
        return seeded;
    }
}

/// <summary>Incident trends for problem managers, checked against figures worked out by hand.</summary>
public sealed class TrendTests(TrendDesk desk) : IClassFixture<TrendDesk>
{
    private static readonly int[] Zeros = new int[9];

    private static Dictionary<string, int[]> Series(JsonElement report) =>
        report.GetProperty("series").EnumerateArray().ToDictionary(
            s => s.Str("label"), s => s.GetProperty("counts").EnumerateArray().Select(c => c.GetInt32()).ToArray());

    private static int[] Weeks(params int[] lastThree) => [.. Zeros, .. lastThree];

    [Fact]
    public async Task Weekly_trends_count_incidents_by_service_category_council_and_resolver_group()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);

        var byService = await helen.GetJsonAsync("/api/v1/trends?groupBy=service&period=week");
        var periods = byService.GetProperty("periods").EnumerateArray().Select(p => p.Str("start")).ToList();
        Assert.Equal(12, periods.Count);
        Assert.Equal("2027-03-08", periods[0]);
        Assert.Equal("2027-05-24", periods[^1]);
        Assert.Equal(new Dictionary<string, int[]>
        {
            ["Printing and scanning"] = Weeks(2, 1, 1),
            ["Telephony"] = Weeks(0, 2, 1),
        }, Series(byService));
        Assert.Equal(Weeks(2, 3, 2), byService.GetProperty("totals").EnumerateArray().Select(t => t.GetInt32()));

        Assert.Equal(new Dictionary<string, int[]>
        {
            ["Printing and scanning / Scan to email"] = Weeks(2, 1, 0),
            ["Printing and scanning / Print queue"] = Weeks(0, 0, 1),
            ["Telephony / Softphone"] = Weeks(0, 2, 1),
        }, Series(await helen.GetJsonAsync("/api/v1/trends?groupBy=category")));

        Assert.Equal(new Dictionary<string, int[]>
        {
            ["MBC"] = Weeks(2, 0, 1),
            ["SBC"] = Weeks(0, 3, 0),
            ["TWBC"] = Weeks(0, 0, 1),
        }, Series(await helen.GetJsonAsync("/api/v1/trends?groupBy=council&period=week")));

        // Printing goes to each council's on-site team; telephony to Networks & Telephony.
        Assert.Equal(new Dictionary<string, int[]>
        {
            ["Maidstone on-site desktop"] = Weeks(2, 0, 1),
            ["Swale on-site desktop"] = Weeks(0, 1, 0),
            ["Networks & Telephony"] = Weeks(0, 2, 1),
        }, Series(await helen.GetJsonAsync("/api/v1/trends?groupBy=resolverGroup")));

        var monthly = await helen.GetJsonAsync("/api/v1/trends?groupBy=service&period=month");
        Assert.Equal("2027-05-01", monthly.GetProperty("periods")[11].Str("start"));
        // Months reach back past the move to the demo's own tickets (to November 2026); December to April are empty.
        var totals = monthly.GetProperty("totals").EnumerateArray().Select(t => t.GetInt32()).ToList();
        Assert.Equal([0, 0, 0, 0, 0, 7], totals[6..]);

        var bad = await helen.GetJsonAsync("/api/v1/trends?groupBy=colour&period=fortnight", HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("groupBy", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("period", out _));
    }

    [Fact]
    public async Task The_trend_table_is_available_as_CSV()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);

        var csv = await helen.GetAsync("/api/v1/trends.csv?groupBy=council");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("council,2027-03-08,2027-03-15,2027-03-22,2027-03-29,2027-04-05,2027-04-12,2027-04-19,2027-04-26,2027-05-03,2027-05-10,2027-05-17,2027-05-24,Total", lines[0]);
        Assert.Equal(["MBC,0,0,0,0,0,0,0,0,0,2,0,1,3", "SBC,0,0,0,0,0,0,0,0,0,0,3,0,3", "TWBC,0,0,0,0,0,0,0,0,0,0,0,1,1",
            "Total,0,0,0,0,0,0,0,0,0,2,3,2,7"], lines[1..]);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/trends?groupBy=council");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var negotiated = await helen.SendAsync(request);
        Assert.Equal("text/csv", negotiated.Content.Headers.ContentType?.MediaType);
        Assert.Equal(string.Join("\r\n", lines) + "\r\n", await negotiated.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Top_recurring_mean_time_to_resolve_and_repeat_callers()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);

        var top = await helen.GetJsonAsync("/api/v1/trends/top");
        Assert.Equal([("Printing and scanning", 4), ("Telephony", 3)],
            top.GetProperty("services").EnumerateArray().Select(r => (r.Str("label"), r.GetProperty("count").GetInt32())));
        Assert.Equal(("Printing and scanning / Scan to email", 3),
            top.GetProperty("categories").EnumerateArray().Select(r => (r.Str("label"), r.GetProperty("count").GetInt32())).First());

        var times = (await helen.GetJsonAsync("/api/v1/trends/resolution-times")).EnumerateArray().ToList();
        var telephony = Assert.Single(times);
        Assert.Equal("Telephony", telephony.Str("service"));
        Assert.Equal(2, telephony.GetProperty("resolved").GetInt32());
        Assert.Equal(13.0, telephony.GetProperty("meanHours").GetDouble());
        Assert.Equal(5.25, telephony.GetProperty("meanBusinessHours").GetDouble());

        var callers = (await helen.GetJsonAsync("/api/v1/trends/repeat-callers")).EnumerateArray()
            .Select(c => (c.Str("email"), c.GetProperty("incidents").GetInt32())).ToList();
        Assert.Equal([(Accounts.MaidstoneRequester, 3), (Accounts.SwaleRequester, 3)], callers);
    }
}
