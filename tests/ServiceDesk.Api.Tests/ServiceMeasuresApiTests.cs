using System.Net;
using System.Text.Json;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// The benchmark measures through the API: a phone call logged and resolved at once counts as
/// first-contact resolution, and a major incident's outage shows as the service's availability.
/// </summary>
public sealed class ServiceMeasuresApiTests(DutiesDesk desk) : IClassFixture<DutiesDesk>
{
    private static JsonElement? Measure(JsonElement report, string section, string label) =>
        report.GetProperty("figures").GetProperty("measures").EnumerateArray()
            .Where(m => m.Str("section") == section && m.Str("label") == label).Cast<JsonElement?>().FirstOrDefault();

    [Fact]
    public async Task A_call_resolved_on_first_contact_and_a_major_incident_outage_reach_the_monthly_report()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var serviceId = await priya.ServiceIdAsync("Desktop hardware");
        const string fcr = "First-contact resolution by channel";
        var before = await rob.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-11");
        var phoneBefore = Measure(before, fcr, "Phone")!.Value;

        // The call: logged by the agent for Alice, resolved while she is on the phone.
        var call = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Cannot unlock laptop", description = "Locked out after a password change.", serviceId,
            impact = "Low", urgency = "Low", requesterEmail = Accounts.MaidstoneRequester, channel = "Phone",
        }, HttpStatusCode.Created);
        var bad = await priya.PostJsonAsync($"/api/v1/tickets/{call.Str("reference")}/status", new { status = "InProgress", firstContact = true }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("firstContact", out _));
        await priya.PostJsonAsync($"/api/v1/tickets/{call.Str("reference")}/status", new { status = "Resolved", resolution = "Unlocked on the call.", firstContact = true });

        // A major incident: P1, its outage from 09:00 to 09:30 this morning (30 of November's 43,200 minutes).
        var major = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "No desktops start", description = "Every desktop fails to boot.", serviceId,
            impact = "High", urgency = "High", requesterEmail = Accounts.MaidstoneRequester, channel = "Phone",
        }, HttpStatusCode.Created);
        var outage = $"/api/v1/tickets/{major.Str("reference")}/outage";
        var backwards = await priya.PostJsonAsync(outage, new { outageStartedAt = "2026-11-23T09:30:00Z", outageEndedAt = "2026-11-23T09:00:00Z" }, HttpStatusCode.BadRequest);
        Assert.True(backwards.GetProperty("errors").TryGetProperty("outageEndedAt", out _));
        Assert.True((await priya.PostJsonAsync($"/api/v1/tickets/{call.Str("reference")}/outage", new { outageStartedAt = "2026-11-23T09:00:00Z" }, HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("outageStartedAt", out _));
        await priya.PostJsonAsync(outage, new { outageStartedAt = "2026-11-23T09:00:00Z", outageEndedAt = "2026-11-23T09:30:00Z" });

        var after = await rob.GetJsonAsync("/api/v1/reports/sla?council=MBC&month=2026-11");
        var phone = Measure(after, fcr, "Phone")!.Value;
        Assert.Equal(phoneBefore.GetProperty("of").GetInt32() + 1, phone.GetProperty("of").GetInt32());
        Assert.Equal(phoneBefore.GetProperty("count").GetInt32() + 1, phone.GetProperty("count").GetInt32());
        var availability = Measure(after, "Availability of services (major incidents)", "Desktop hardware")!.Value;
        Assert.Equal((99.93, 43170, 43200), (availability.GetProperty("value").GetDouble(), availability.GetProperty("count").GetInt32(), availability.GetProperty("of").GetInt32()));
        // Times beside the % within target, and cost per user against the benchmark.
        Assert.Contains(after.GetProperty("figures").GetProperty("times").EnumerateArray(), t => t.Str("section") == "Time to resolve by priority (business hours)" && t.Str("label") == "P4");
        var cost = Assert.Single(after.GetProperty("figures").GetProperty("measures").EnumerateArray(), m => m.Str("section") == "Cost per user a year, quarter on quarter");
        Assert.Equal("MBC, 2026-Q3", cost.Str("label"));
        Assert.StartsWith("at most £3,000 a year", cost.Str("target"));

        // The report downloads as PDF too; to another council's staff it does not exist.
        var pdf = await rob.GetAsync("/api/v1/reports/sla.pdf?council=MBC&month=2026-11");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5]);
        var isla = await desk.SignInAsync(Accounts.SwaleApprover);
        Assert.Equal(HttpStatusCode.NotFound, (await isla.GetAsync("/api/v1/reports/sla.pdf?council=MBC&month=2026-11")).StatusCode);
    }
}
