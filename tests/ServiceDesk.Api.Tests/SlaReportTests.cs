using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>A desk of its own for the SLA report API tests (they store reports and write mail).</summary>
public sealed class ReportDesk : DeskFactory;

/// <summary>
/// GET /api/v1/reports/sla: a council's report for its approvers and report recipients and for shared
/// ICT staff, the partnership's for shared ICT staff; 404 for anyone else; 400 naming a bad month.
/// </summary>
public sealed class SlaReportApiTests(ReportDesk desk) : IClassFixture<ReportDesk>
{
    private static JsonElement Measure(JsonElement report, string section, string label) =>
        report.GetProperty("figures").GetProperty("measures").EnumerateArray()
            .Single(m => m.Str("section") == section && m.Str("label") == label);

    [Fact]
    public async Task A_service_manager_reads_any_councils_month_with_targets_rag_and_change()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var report = await rob.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-10");

        var figures = report.GetProperty("figures");
        Assert.Equal(("2026-10", "MBC", "Maidstone Borough Council"), (figures.Str("month"), figures.Str("councilCode"), figures.Str("scope")));
        Assert.False(report.GetProperty("stored").GetBoolean());
        var response = Measure(report, "Response within target", "All priorities");
        Assert.Equal("at least 95 %", response.Str("target"));
        Assert.Contains(response.Str("rag"), new[] { "Green", "Amber", "Red", "None" });
        Assert.True(response.GetProperty("of").GetInt32() > 0, "the demo has tickets answered in October");
        Assert.NotEqual(JsonValueKind.Null, response.GetProperty("previous").ValueKind);
        var counts = figures.GetProperty("counts").EnumerateArray().Select(c => c.Str("section")).Distinct().ToList();
        Assert.Contains("Volumes by channel", counts);
        Assert.Contains("Backlog by age", counts);
        Assert.Contains("Problems", counts);
    }

    [Fact]
    public async Task Without_a_council_shared_ict_staff_get_the_partnership_and_council_staff_their_own()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var partnership = await rob.GetJsonAsync("/api/v1/reports/sla?month=2026-10");
        Assert.Equal(JsonValueKind.Null, partnership.GetProperty("figures").GetProperty("councilCode").ValueKind);
        var mbc = await rob.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-10");
        int Volume(JsonElement r) => r.GetProperty("figures").GetProperty("counts").EnumerateArray()
            .Single(c => c.Str("section") == "Volumes by type" && c.Str("label") == "All tickets").GetProperty("count").GetInt32();
        Assert.True(Volume(partnership) > Volume(mbc));

        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var own = await david.GetJsonAsync("/api/v1/reports/sla?month=2026-10");
        Assert.Equal("MBC", own.GetProperty("figures").Str("councilCode"));
        Assert.Equal(Volume(mbc), Volume(own));
    }

    [Fact]
    public async Task A_councils_people_read_their_own_councils_report_only()
    {
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        await david.GetJsonAsync("/api/v1/reports/sla?council=mbc&month=2026-10");
        await david.GetJsonAsync("/api/v1/reports/sla?council=SBC&month=2026-10", HttpStatusCode.NotFound);
        await david.GetJsonAsync("/api/v1/reports/sla?council=NOPE&month=2026-10", HttpStatusCode.NotFound);

        // A requester is neither an approver nor a report recipient; Swale's approver is of another council.
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        await alice.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-10", HttpStatusCode.NotFound);
        await alice.GetJsonAsync("/api/v1/reports/sla?month=2026-10", HttpStatusCode.NotFound);
        var isla = await desk.SignInAsync(Accounts.SwaleApprover);
        await isla.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-10", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("month=2026-13")]
    [InlineData("month=October")]
    [InlineData("council=MBC")]
    [InlineData("council=MBC&month=2027-01")]
    public async Task A_bad_or_future_month_is_a_400_naming_the_month(string query)
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var problem = await rob.GetJsonAsync($"/api/v1/reports/sla?{query}", HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("month", out _), problem.ToString());
    }

    [Fact]
    public async Task The_report_downloads_as_csv()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/sla?council=SBC&month=2026-10");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await rob.SendAsync(request);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Section,Measure,Value,Count,Of,Target,RAG,Previous month,Change\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\r\nResponse within target,All priorities,", csv, StringComparison.Ordinal);
        Assert.Equal(csv, await rob.GetStringAsync("/api/v1/reports/sla.csv?council=SBC&month=2026-10"));
    }

    [Fact]
    public async Task Only_a_service_manager_sends_a_past_months_report_again_and_it_is_then_stored()
    {
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        await david.PostJsonAsync("/api/v1/reports/sla/send?council=MBC&month=2026-09", null, HttpStatusCode.Forbidden);

        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var problem = await rob.PostJsonAsync("/api/v1/reports/sla/send?council=MBC&month=2026-11", null, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("month", out _));

        var sent = await rob.PostJsonAsync("/api/v1/reports/sla/send?council=MBC&month=2026-09", null);
        Assert.Equal(1, sent.GetProperty("emails").GetInt32()); // Maidstone's approver receives its report
        var stored = await rob.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-09");
        Assert.True(stored.GetProperty("stored").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, stored.GetProperty("resentAt").ValueKind);
    }

    private async Task<HttpClient> CookieClient(string email)
    {
        var client = desk.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        await client.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = "Demo-Desk-2026!" });
        return client;
    }

    [Fact]
    public async Task The_report_page_shows_tables_rag_words_charts_and_send_again_to_a_service_manager()
    {
        var rob = await CookieClient(Accounts.ServiceManager);
        var html = await rob.GetStringAsync("/reports/sla?council=MBC&month=2026-10");
        Assert.Contains("<h1 class=\"govuk-heading-l\">Maidstone Borough Council</h1>", html, StringComparison.Ordinal);
        Assert.Matches("<strong class=\"govuk-tag govuk-tag--(green|yellow|red|grey)\">(Green|Amber|Red|No data)</strong>", html);
        Assert.Contains("<svg class=\"sd-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("Send again", html, StringComparison.Ordinal);
        Assert.Contains("value=\"partnership\"", html, StringComparison.Ordinal);

        var csv = await rob.GetAsync("/reports/sla?handler=Csv&council=MBC&month=2026-10");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sla-report-mbc-2026-10.csv", csv.Content.Headers.ContentDisposition?.FileName);
    }

    [Fact]
    public async Task An_approver_sees_their_own_councils_report_page_without_send_again_and_no_other()
    {
        var david = await CookieClient(Accounts.MaidstoneApprover);
        var html = await david.GetStringAsync("/reports/sla");
        Assert.Contains("Maidstone Borough Council</h1>", html, StringComparison.Ordinal);
        Assert.Contains("October 2026</span>", html, StringComparison.Ordinal); // last month by default
        Assert.DoesNotContain("Send again", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"partnership\"", html, StringComparison.Ordinal);
        var other = await david.GetAsync("/reports/sla?council=SBC&month=2026-10");
        Assert.True(other.StatusCode == HttpStatusCode.NotFound, $"SBC: {other.StatusCode} {other.RequestMessage?.RequestUri}");
        var alice = await (await CookieClient(Accounts.MaidstoneRequester)).GetAsync("/reports/sla");
        Assert.True(alice.StatusCode == HttpStatusCode.NotFound, $"alice: {alice.StatusCode} {alice.RequestMessage?.RequestUri}");
    }
}
