using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Utils;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>
/// Priced requests wait for the council's approver (enhanced) and then a service manager's standards
/// check (bespoke); their clocks start at approval, a rejection closes them with the reason, and a
/// fulfilled request is charged to its council.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class ApprovalTests(SharedDesk desk)
{
    private static async Task<JsonElement> RequestAsync(HttpClient client, string service, string title, int quantity = 1) =>
        await client.PostJsonAsync("/api/v1/tickets", new
        {
            type = "ServiceRequest", title, description = "For a new officer starting next month.",
            serviceId = await client.ServiceIdAsync(service), impact = "Low", urgency = "Medium", quantity,
        }, HttpStatusCode.Created);

    private static JsonElement Step(JsonElement ticket, string stage) =>
        Assert.Single(ticket.GetProperty("approvals").EnumerateArray(), a => a.Str("stage") == stage);

    private static JsonElement? Listed(JsonElement list, string reference) =>
        list.EnumerateArray().Where(a => a.Str("ticketReference") == reference).Select(a => (JsonElement?)a).FirstOrDefault();

    private async Task<List<Notification>> MailAsync(string reference)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..]);
        return await db.Notifications.AsNoTracking().Where(n => n.TicketId == id).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<List<Core.Domain.Charge>> ChargesAsync(string reference)
    {
        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..]);
        return await db.Charges.AsNoTracking().Where(c => c.TicketId == id).ToListAsync();
    }

    private async Task ResolveAsync(string reference)
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/take", null);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Delivered and set up." });
    }

    [Fact]
    public async Task An_essential_request_goes_straight_to_fulfilment_and_is_never_charged()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ticket = await RequestAsync(alice, "Password and account access", "Access for a new starter");
        Assert.Empty(ticket.GetProperty("approvals").EnumerateArray());
        Assert.Equal("Running", ticket.GetProperty("sla").GetProperty("response").Str("state"));

        var reference = ticket.Str("reference");
        await ResolveAsync(reference);
        Assert.Empty(await ChargesAsync(reference));
    }

    [Fact]
    public async Task An_enhanced_request_waits_for_its_councils_approver_then_runs_and_is_charged_unit_cost_times_quantity()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ticket = await RequestAsync(alice, "Additional laptop", "Laptops for two planning officers", quantity: 2);
        var reference = ticket.Str("reference");
        var step = Step(ticket, "Council");
        Assert.Equal("Pending", step.Str("status"));
        Assert.Equal(2, ticket.GetProperty("quantity").GetInt32());
        // Its clocks wait for the approval.
        Assert.Equal("Pending", ticket.GetProperty("sla").GetProperty("response").Str("state"));
        Assert.Equal(JsonValueKind.Null, ticket.GetProperty("sla").GetProperty("response").GetProperty("dueAt").ValueKind);

        // The council's approver is asked by email, with the cost; nobody else is.
        var asked = Assert.Single(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalRequest);
        Assert.Equal(Accounts.MaidstoneApprover, asked.RecipientEmail);
        Assert.Contains($"[{reference}]", asked.Subject);
        Assert.Contains("£1,900.00", asked.Body);

        // Nobody works it until it is approved: it waits in its own list, not among the new tickets.
        var priya = await desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/take", null, HttpStatusCode.Conflict);
        Assert.True(await ListedAsync(priya, reference, awaitingApproval: true));
        Assert.False(await ListedAsync(priya, reference, awaitingApproval: false));

        // It is what David may decide now; Swale's approver does not see it, and cannot decide it.
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var pending = Listed(await david.GetJsonAsync("/api/v1/approvals?status=pending"), reference)!.Value;
        Assert.Equal(1900m, pending.GetProperty("total").GetDecimal());
        var id = pending.GetProperty("id").GetInt32();
        var isla = await desk.SignInAsync(Accounts.SwaleApprover);
        Assert.Null(Listed(await isla.GetJsonAsync("/api/v1/approvals"), reference));
        await isla.PostJsonAsync($"/api/v1/approvals/{id}/approve", new { }, HttpStatusCode.NotFound);
        await alice.PostJsonAsync($"/api/v1/approvals/{id}/approve", new { }, HttpStatusCode.Forbidden);
        await alice.GetJsonAsync("/api/v1/approvals?status=pending", HttpStatusCode.Forbidden);
        var bad = await david.GetJsonAsync("/api/v1/approvals?status=maybe", HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("status", out _));

        desk.Clock.Advance(TimeSpan.FromHours(1));
        var approved = await david.PostJsonAsync($"/api/v1/approvals/{id}/approve", null);
        Assert.Equal("Approved", approved.Str("status"));
        Assert.Equal("David Hughes", approved.Str("decidedBy"));
        Assert.Null(Listed(await david.GetJsonAsync("/api/v1/approvals?status=pending"), reference));
        await david.PostJsonAsync($"/api/v1/approvals/{id}/reject", new { reason = "Changed my mind" }, HttpStatusCode.Conflict);
        Assert.False(await ListedAsync(priya, reference, awaitingApproval: true));
        Assert.True(await ListedAsync(priya, reference, awaitingApproval: false));

        // The clocks start at the approval, and the requester is told.
        var after = await alice.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal(desk.Clock.GetUtcNow().UtcDateTime, after.GetProperty("sla").GetProperty("response").GetProperty("startedAt").GetDateTime());
        Assert.Contains(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalOutcome && n.RecipientEmail == Accounts.MaidstoneRequester && n.Subject.Contains("Approved"));

        // Fulfilled: charged to Maidstone once, unit cost × quantity, even if resolved again after a reopen.
        await ResolveAsync(reference);
        var charge = Assert.Single(await ChargesAsync(reference));
        Assert.Equal((950m, 2, 1900m), (charge.UnitCost, charge.Quantity, charge.Amount));
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/reopen", new { reason = "Only one laptop came." });
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Second laptop delivered." });
        Assert.Single(await ChargesAsync(reference));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_closes_the_request_and_tells_the_requester_why()
    {
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var reference = (await RequestAsync(ben, "Mobile phone", "Phone for the enforcement team")).Str("reference");
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var id = Listed(await david.GetJsonAsync("/api/v1/approvals?status=pending"), reference)!.Value.GetProperty("id").GetInt32();

        var bad = await david.PostJsonAsync($"/api/v1/approvals/{id}/reject", new { reason = " " }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("reason", out _));

        var rejected = await david.PostJsonAsync($"/api/v1/approvals/{id}/reject", new { reason = "The team shares the duty phone." });
        Assert.Equal("Rejected", rejected.Str("status"));
        var ticket = await ben.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal("Closed", ticket.Str("status"));
        Assert.Contains("The team shares the duty phone.", ticket.Str("resolution"));
        var told = Assert.Single(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalOutcome);
        Assert.Equal(Accounts.MaidstoneRequester2, told.RecipientEmail);
        Assert.Contains("The team shares the duty phone.", told.Body);
        Assert.Empty(await ChargesAsync(reference));
        Assert.Single((await david.GetJsonAsync("/api/v1/approvals?status=rejected")).EnumerateArray(), a => a.Str("ticketReference") == reference);
    }

    [Fact]
    public async Task A_bespoke_request_needs_the_council_approver_and_then_a_service_managers_standards_check()
    {
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var ticket = await RequestAsync(frank, "Specialist hardware", "Rugged tablet for street-scene inspections");
        var reference = ticket.Str("reference");
        Assert.Equal(["Council", "Standards"], ticket.GetProperty("approvals").EnumerateArray().Select(a => a.Str("stage")));

        // The service manager cannot check standards before the council has agreed to pay.
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        Assert.Null(Listed(await rob.GetJsonAsync("/api/v1/approvals?status=pending"), reference));
        var standardsId = Step(ticket, "Standards").GetProperty("id").GetInt32();
        await rob.PostJsonAsync($"/api/v1/approvals/{standardsId}/approve", new { }, HttpStatusCode.Conflict);

        var isla = await desk.SignInAsync(Accounts.SwaleApprover);
        await isla.PostJsonAsync($"/api/v1/approvals/{Step(ticket, "Council").GetProperty("id").GetInt32()}/approve", new { });
        var waiting = await frank.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal("Approved", Step(waiting, "Council").Str("status"));
        Assert.Equal("Pending", Step(waiting, "Standards").Str("status"));
        Assert.Equal("Pending", waiting.GetProperty("sla").GetProperty("response").Str("state"));
        Assert.Contains(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalRequest && n.RecipientEmail == Accounts.ServiceManager);

        // Only a service manager decides the standards check; approving it with conditions starts the clocks.
        Assert.Null(Listed(await isla.GetJsonAsync("/api/v1/approvals?status=pending"), reference));
        await isla.PostJsonAsync($"/api/v1/approvals/{standardsId}/approve", new { }, HttpStatusCode.Forbidden);
        Assert.NotNull(Listed(await rob.GetJsonAsync("/api/v1/approvals?status=pending"), reference));
        var approved = await rob.PostJsonAsync($"/api/v1/approvals/{standardsId}/approve", new { conditions = "From the approved rugged range, enrolled in device management." });
        Assert.Equal("From the approved rugged range, enrolled in device management.", approved.Str("reason"));
        var running = await frank.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.NotEqual("Pending", running.GetProperty("sla").GetProperty("response").Str("state"));
        Assert.Contains(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalOutcome && n.Subject.Contains("Approved:") && n.Body.Contains("rugged range"));

        // A service manager may also refuse bespoke work that would break the standards.
        var other = await RequestAsync(frank, "Specialist hardware", "Consumer tablet for inspections");
        await isla.PostJsonAsync($"/api/v1/approvals/{Step(other, "Council").GetProperty("id").GetInt32()}/approve", new { });
        await rob.PostJsonAsync($"/api/v1/approvals/{Step(other, "Standards").GetProperty("id").GetInt32()}/reject", new { reason = "Consumer tablets cannot be enrolled in device management." });
        Assert.Equal("Closed", (await frank.GetJsonAsync($"/api/v1/tickets/{other.Str("reference")}")).Str("status"));
    }

    private Task<IngestOutcome> ReplyAsync(string from, Notification answered, string text, string? subject = null, params string[] headers) =>
        ReplyAsync(desk, from, answered, text, subject, headers);

    private static async Task<IngestOutcome> ReplyAsync(DeskFactory desk, string from, Notification answered, string text, string? subject = null, params string[] headers)
    {
        var message = new MimeMessage { Subject = subject ?? $"Re: {answered.Subject}", Date = desk.Clock.GetUtcNow(), Body = new TextPart("plain") { Text = text } };
        foreach (var header in headers) message.Headers.Add(header.Split(':', 2)[0], header.Split(':', 2)[1].Trim());
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("desk@sharedict.example"));
        message.MessageId = MimeUtils.GenerateMessageId("mail.example");
        message.InReplyTo = answered.MessageId;
        message.References.Add(answered.MessageId!);
        using var stream = new MemoryStream();
        await message.WriteToAsync(stream);
        return await desk.SendAsync(new IngestEmail(MailReader.Read(stream.ToArray())));
    }

    [Fact]
    public async Task The_approver_decides_by_replying_to_the_approval_email_and_anyone_elses_APPROVE_decides_nothing()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = (await RequestAsync(alice, "Second monitor", "Second screen for reconciliations")).Str("reference");
        var asked = Assert.Single(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalRequest);

        // The requester (or anyone else with the email) cannot approve it for the council.
        Assert.Equal(reference, (await ReplyAsync(Accounts.MaidstoneRequester, asked, "APPROVE")).TicketReference);
        Assert.Equal("Pending", Step(await alice.GetJsonAsync($"/api/v1/tickets/{reference}"), "Council").Str("status"));
        var history = await alice.GetJsonAsync($"/api/v1/tickets/{reference}/history");
        Assert.Contains(history.EnumerateArray(), h => h.Str("change") == "Approval refused" && h.Str("to").Contains(Accounts.MaidstoneRequester));
        // What they wrote is kept as their reply.
        Assert.Contains((await alice.GetJsonAsync($"/api/v1/tickets/{reference}")).GetProperty("conversation").EnumerateArray(), c => c.Str("body") == "APPROVE");
        await ReplyAsync(Accounts.SwaleApprover, asked, "APPROVE");
        Assert.Equal("Pending", Step(await alice.GetJsonAsync($"/api/v1/tickets/{reference}"), "Council").Str("status"));

        // The approver's own reply decides it.
        await ReplyAsync(Accounts.MaidstoneApprover, asked, "approve\n\nThanks, David");
        var step = Step(await alice.GetJsonAsync($"/api/v1/tickets/{reference}"), "Council");
        Assert.Equal("Approved", step.Str("status"));
        Assert.True(step.GetProperty("byEmail").GetBoolean());

        // REJECT with a reason, by email.
        var second = (await RequestAsync(alice, "Additional software licence", "Visio for process mapping")).Str("reference");
        var askedAgain = Assert.Single(await MailAsync(second), n => n.Kind == TicketMail.ApprovalRequest);
        await ReplyAsync(Accounts.MaidstoneApprover, askedAgain, "REJECT: use the free diagram tool instead");
        var rejected = await alice.GetJsonAsync($"/api/v1/tickets/{second}");
        Assert.Equal("Closed", rejected.Str("status"));
        Assert.Equal("use the free diagram tool instead", Step(rejected, "Council").Str("reason"));
    }

    [Fact]
    public async Task A_forged_APPROVE_from_the_approvers_address_without_the_approval_emails_key_decides_nothing_and_the_approver_is_asked_to_use_the_portal()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = (await RequestAsync(alice, "Second monitor", "Monitor for the planning desk")).Str("reference");
        var asked = Assert.Single(await MailAsync(reference), n => n.Kind == TicketMail.ApprovalRequest);
        Assert.Matches(@"\(key [A-Z2-9]{4}-[A-Z2-9]{4}\)$", asked.Subject);

        // From anywhere, with the approver's address, the ticket tag and the right word, but no key.
        await ReplyAsync(Accounts.MaidstoneApprover, asked, "APPROVE", subject: $"Re: [{reference}] approve");
        // Or a key that is not this approval's.
        await ReplyAsync(Accounts.MaidstoneApprover, asked, "APPROVE", subject: $"Re: [{reference}] Approval needed (key AAAA-BBBB)");

        var ticket = await alice.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal("Pending", Step(ticket, "Council").Str("status"));
        Assert.Contains(ticket.GetProperty("conversation").EnumerateArray(), c => c.Str("body") == "APPROVE");
        var history = (await alice.GetJsonAsync($"/api/v1/tickets/{reference}/history")).EnumerateArray().ToList();
        Assert.Contains(history, h => h.Str("change") == "Approval refused" && h.Str("to").Contains("did not carry the approval email's key"));
        Assert.Contains(history, h => h.Str("change") == "Approval refused" && h.Str("to").Contains("not this approval's current key"));
        Assert.Equal(2, (await MailAsync(reference)).Count(n => n.Kind == TicketMail.DecideOnPortal && n.RecipientEmail == Accounts.MaidstoneApprover));

        // The real reply, keeping the subject and its key, decides; its key then decides nothing more.
        await ReplyAsync(Accounts.MaidstoneApprover, asked, "APPROVE");
        Assert.Equal("Approved", Step(await alice.GetJsonAsync($"/api/v1/tickets/{reference}"), "Council").Str("status"));
    }

    /// <summary>A desk that trusts the Authentication-Results of Maidstone's mail server.</summary>
    private sealed class AuthenticatingDesk : DeskFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [("ServiceDesk:Email:TrustedAuthservIds:0", "mx.maidstone.example")];
    }

    [Fact]
    public async Task Where_the_councils_mail_server_checked_it_an_emailed_decision_needs_a_DMARC_or_DKIM_pass_for_the_approvers_domain()
    {
        await using var checkedDesk = new AuthenticatingDesk();
        var alice = await checkedDesk.SignInAsync(Accounts.MaidstoneRequester);
        var reference = (await RequestAsync(alice, "Second monitor", "Monitor for the licensing desk")).Str("reference");
        await using var scope = checkedDesk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..]);
        var asked = await db.Notifications.AsNoTracking().SingleAsync(n => n.TicketId == id && n.Kind == TicketMail.ApprovalRequest);

        await ReplyAsync(checkedDesk, Accounts.MaidstoneApprover, asked, "APPROVE", null,
            "Authentication-Results: mx.maidstone.example; spf=pass smtp.mailfrom=maidstone.example; dkim=fail header.d=maidstone.example; dmarc=fail header.from=maidstone.example");
        // A header from a server the desk does not trust proves nothing.
        await ReplyAsync(checkedDesk, Accounts.MaidstoneApprover, asked, "APPROVE", null,
            "Authentication-Results: mx.maidstone.example; dmarc=fail header.from=maidstone.example",
            "Authentication-Results: forger.example; dmarc=pass header.from=maidstone.example");
        Assert.Equal("Pending", Step(await alice.GetJsonAsync($"/api/v1/tickets/{reference}"), "Council").Str("status"));

        await ReplyAsync(checkedDesk, Accounts.MaidstoneApprover, asked, "APPROVE", null,
            "Authentication-Results: mx.maidstone.example; dkim=pass header.d=maidstone.example header.s=s1; dmarc=pass header.from=maidstone.example");
        Assert.Equal("Approved", Step(await alice.GetJsonAsync($"/api/v1/tickets/{reference}"), "Council").Str("status"));
    }

    /// <summary>Whether the ticket list, filtered by awaiting approval or not, shows the ticket.</summary>
    private static async Task<bool> ListedAsync(HttpClient client, string reference, bool awaitingApproval)
    {
        var list = await client.GetJsonAsync($"/api/v1/tickets?q={reference}&awaitingApproval={(awaitingApproval ? "true" : "false")}");
        return list.GetProperty("items").EnumerateArray().Any(t => t.Str("reference") == reference);
    }
}
