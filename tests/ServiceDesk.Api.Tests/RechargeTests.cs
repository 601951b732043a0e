using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.Recharges;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>A desk of its own: these tests change councils' user counts, calendars and subscriptions.</summary>
public sealed class RechargeDesk : DeskFactory;

/// <summary>
/// Quarterly recharge statements: the essential base cost apportioned with the figures used, plus the
/// council's fulfilled enhanced and bespoke requests and its subscriptions; CSV; emailed to finance.
/// </summary>
public sealed class RechargeTests(RechargeDesk desk) : IClassFixture<RechargeDesk>
{
    private async Task SetActiveUsersAsync(HttpClient rob, string code, int users)
    {
        var council = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == code);
        await rob.PutJsonAsync($"/api/v1/councils/{code}", new
        {
            name = council.Str("name"), mailDomains = council.GetProperty("mailDomains").EnumerateArray().Select(d => d.GetString()).ToArray(),
            activeUsers = users, calendarId = council.GetProperty("calendarId").GetInt32(),
            reportRecipients = council.GetProperty("reportRecipients").EnumerateArray().Select(d => d.GetString()).ToArray(),
        });
    }

    [Fact]
    public async Task The_statement_apportions_the_base_cost_by_active_users_and_adds_the_councils_direct_charges()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        await SetActiveUsersAsync(rob, "MBC", 499);
        await SetActiveUsersAsync(rob, "SBC", 341);
        await SetActiveUsersAsync(rob, "TWBC", 229);

        // A Maidstone request approved and fulfilled this quarter (2026-Q4) is on Maidstone's statement.
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var request = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "ServiceRequest", title = "Monitors for the finance team", description = "Three second screens.",
            serviceId = await alice.ServiceIdAsync("Second monitor"), impact = "Low", urgency = "Low", quantity = 3,
        }, HttpStatusCode.Created);
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        await david.PostJsonAsync($"/api/v1/approvals/{request.GetProperty("approvals")[0].GetProperty("id").GetInt32()}/approve", new { });
        var priya = await desk.SignInAsync(Accounts.Agent);
        var reference = request.Str("reference");
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/take", null);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Three monitors installed." });

        var statement = await david.GetJsonAsync("/api/v1/reports/recharges?council=MBC&quarter=2026-Q4");
        var essential = statement.GetProperty("essential");
        Assert.Equal("ActiveUsers", essential.Str("method"));
        Assert.Equal(46.7m, essential.GetProperty("percent").GetDecimal());
        Assert.Equal((499m, 1069m), (essential.GetProperty("councilBasis").GetDecimal(), essential.GetProperty("partnershipBasis").GetDecimal()));
        Assert.Equal(300_000m, essential.GetProperty("quarterBaseCost").GetDecimal());
        Assert.Equal(140_037.42m, essential.GetProperty("amount").GetDecimal());
        var item = Assert.Single(statement.GetProperty("items").EnumerateArray(), i => i.GetProperty("ticketReference").GetString() == reference);
        Assert.Equal((3, 140m, 420m), (item.GetProperty("quantity").GetInt32(), item.GetProperty("unitCost").GetDecimal(), item.GetProperty("amount").GetDecimal()));
        var direct = statement.GetProperty("items").EnumerateArray().Sum(i => i.GetProperty("amount").GetDecimal());
        Assert.Equal(direct, statement.GetProperty("directTotal").GetDecimal());
        Assert.Equal(140_037.42m + direct, statement.GetProperty("total").GetDecimal());

        // Swale and Tunbridge Wells have their shares; Tunbridge Wells pays for its extended hours by the quarter.
        Assert.Equal(31.9m, (await rob.GetJsonAsync("/api/v1/reports/recharges?council=SBC&quarter=2026-Q4")).GetProperty("essential").GetProperty("percent").GetDecimal());
        // Active users are kept by date: the counts changed today (in 2026-Q4), so 2026-Q3 keeps the counts it had.
        Assert.Equal(21.4m, (await rob.GetJsonAsync("/api/v1/reports/recharges?council=TWBC&quarter=2026-Q4")).GetProperty("essential").GetProperty("percent").GetDecimal());
        var twbc = await rob.GetJsonAsync("/api/v1/reports/recharges?council=TWBC&quarter=2026-Q3");
        Assert.Equal(28.0m, twbc.GetProperty("essential").GetProperty("percent").GetDecimal());
        var hours = Assert.Single(twbc.GetProperty("items").EnumerateArray(), i => i.Str("kind") == "Subscription");
        Assert.Equal(Math.Round(18_000m * 92 / 365, 2), hours.GetProperty("amount").GetDecimal());

        // The same figures as CSV.
        var csv = await (await david.GetAsync("/api/v1/reports/recharges?council=MBC&quarter=2026-Q4&format=csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("council,quarter,kind,", csv);
        Assert.Contains("MBC,2026-Q4,Essential,,Essential base cost apportioned by active users,Essential,1,300000.00,140037.42,2026-10-01,499,1069,46.7", csv);
        Assert.Contains($"MBC,2026-Q4,Enhanced,{reference},Second monitor,Enhanced,3,140.00,420.00,", csv);
    }

    [Fact]
    public async Task Only_service_managers_and_the_councils_approvers_read_its_statement_and_bad_input_names_the_field()
    {
        var isla = await desk.SignInAsync(Accounts.SwaleApprover);
        await isla.GetJsonAsync("/api/v1/reports/recharges?council=SBC&quarter=2026-Q3");
        await isla.GetJsonAsync("/api/v1/reports/recharges?council=MBC&quarter=2026-Q3", HttpStatusCode.NotFound);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        await alice.GetJsonAsync("/api/v1/reports/recharges?council=MBC&quarter=2026-Q3", HttpStatusCode.NotFound);
        var bad = await isla.GetJsonAsync("/api/v1/reports/recharges?council=SBC&quarter=2026-Q5", HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("quarter", out _));
        await isla.GetJsonAsync("/api/v1/reports/recharges?council=XYZ&quarter=2026-Q3", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Subscribing_a_council_to_extended_support_hours_moves_it_to_the_extended_calendar()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var hours = await rob.ServiceIdAsync("Extended support hours");
        var subscribed = await rob.PostJsonAsync("/api/v1/councils/SBC/subscriptions",
            new { serviceId = hours, startsOn = "2026-12-01", annualCost = 15_000m }, HttpStatusCode.Created);
        Assert.Equal(15_000m, Assert.Single(subscribed.EnumerateArray()).GetProperty("annualCost").GetDecimal());
        var swale = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == "SBC");
        Assert.Equal("Extended hours", swale.Str("calendar"));

        await rob.PostJsonAsync("/api/v1/councils/SBC/subscriptions", new { serviceId = hours, startsOn = "2027-01-01" }, HttpStatusCode.Conflict);
        var essential = await rob.ServiceIdAsync("Email and calendar");
        var bad = await rob.PostJsonAsync("/api/v1/councils/SBC/subscriptions", new { serviceId = essential, startsOn = "2027-01-01" }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("serviceId", out _));
        var isla = await desk.SignInAsync(Accounts.SwaleApprover);
        await isla.PostJsonAsync("/api/v1/councils/SBC/subscriptions", new { serviceId = hours, startsOn = "2027-01-01" }, HttpStatusCode.Forbidden);
        Assert.Single((await isla.GetJsonAsync("/api/v1/councils/SBC/subscriptions")).EnumerateArray());
        await isla.GetJsonAsync("/api/v1/councils/MBC/subscriptions", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_finance_contact_is_emailed_the_quarters_statement_once()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var council = (await rob.GetJsonAsync("/api/v1/councils")).EnumerateArray().Single(c => c.Str("code") == "MBC");
        Assert.Equal("finance@maidstone.example", council.Str("financeContact"));
        var bad = await rob.PutJsonAsync("/api/v1/councils/MBC", new
        {
            name = council.Str("name"), mailDomains = new[] { "maidstone.example" }, activeUsers = 610,
            calendarId = council.GetProperty("calendarId").GetInt32(), financeContact = "not an address",
        }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("financeContact", out _));

        Assert.Equal(3, await desk.SendAsync(new SendRechargeStatements("2026-Q3")));
        Assert.Equal(0, await desk.SendAsync(new SendRechargeStatements("2026-Q3")));
        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var mail = await db.Notifications.AsNoTracking().Where(n => n.Kind == SendRechargeStatementsHandler.Kind).ToListAsync();
        var maidstone = Assert.Single(mail, n => n.RecipientEmail == "finance@maidstone.example");
        Assert.Equal("Recharge statement 2026-Q3: Maidstone Borough Council", maidstone.Subject);
        Assert.Contains("apportioned by active users", maidstone.Body);
        Assert.Contains("attached CSV", maidstone.Body);
        Assert.Equal("text/csv", maidstone.AttachmentContentType);
        Assert.StartsWith("council,quarter,kind,", System.Text.Encoding.UTF8.GetString(maidstone.AttachmentContent!));
    }
}
