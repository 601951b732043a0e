using System.Net;
using System.Text.Json;
using MimeKit;
using MimeKit.Utils;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>
/// Agents turn unmatched mail (from no council's domain) into a ticket for a council's requester:
/// POST /api/v1/mail/{id}/ticket. The mail arrives through the same use case the mailbox poll runs.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class MailToTicketTests(SharedDesk desk)
{
    /// <summary>A stranger's email, read by the desk as the poll job would; returns its id in the Unmatched list.</summary>
    private async Task<long> UnmatchedMailAsync(string subject, string text, string from = "helpdesk@facilities-contractor.example")
    {
        var message = new MimeMessage { Subject = subject, Date = DeskFactory.Start, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress("Facilities Helpdesk", from));
        message.To.Add(MailboxAddress.Parse("desk@sharedict.example"));
        message.MessageId = MimeUtils.GenerateMessageId("mail.facilities-contractor.example");
        using var stream = new MemoryStream();
        await message.WriteToAsync(stream);
        var outcome = await desk.SendAsync(new IngestEmail(MailReader.Read(stream.ToArray())));
        Assert.Equal(Core.Domain.Email.InboundStatus.Unmatched, outcome.Status);

        var priya = await desk.SignInAsync(Accounts.Agent);
        var unmatched = (await priya.GetJsonAsync("/api/v1/mail?status=Unmatched")).GetProperty("items");
        return Assert.Single(unmatched.EnumerateArray(), m => m.Str("subject") == subject).GetProperty("id").GetInt64();
    }

    private static JsonElement Listed(JsonElement list, long id) =>
        Assert.Single(list.EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);

    [Fact]
    public async Task The_mail_lists_page_filter_by_sender_and_date_and_search_subject_and_text()
    {
        var sender = $"orders.{Guid.NewGuid():N}@stationery-supplier.example";
        await UnmatchedMailAsync("Invoice 1001", "Toner cartridges, qty 4.", sender);
        await UnmatchedMailAsync("Invoice 1002", "Paper, 20 reams.", sender);
        await UnmatchedMailAsync("Delivery note", "Toner delivered to reception.", sender);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var url = $"/api/v1/mail?from={Uri.EscapeDataString(sender)}";

        var first = await priya.GetJsonAsync(url + "&pageSize=2");
        Assert.Equal(3, first.GetProperty("total").GetInt32());
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        var second = await priya.GetJsonAsync(url + "&pageSize=2&page=2");
        var last = Assert.Single(second.GetProperty("items").EnumerateArray());
        // Newest first: the last page holds the first message.
        Assert.Equal("Invoice 1001", last.Str("subject"));

        var toner = await priya.GetJsonAsync(url + "&q=toner");
        Assert.Equal(["Delivery note", "Invoice 1001"], toner.GetProperty("items").EnumerateArray().Select(m => m.Str("subject")));
        var received = last.GetProperty("receivedAt").GetDateTime();
        var day = received.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, (await priya.GetJsonAsync($"{url}&since={day}&until={day}")).GetProperty("total").GetInt32());
        var nextDay = received.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await priya.GetJsonAsync($"{url}&since={nextDay}")).GetProperty("total").GetInt32());

        var badDate = await priya.GetJsonAsync(url + "&since=yesterday", HttpStatusCode.BadRequest);
        Assert.True(badDate.GetProperty("errors").TryGetProperty("since", out _));
        var badSize = await priya.GetJsonAsync(url + "&pageSize=0", HttpStatusCode.BadRequest);
        Assert.True(badSize.GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task An_agent_turns_unmatched_mail_into_an_email_ticket_for_a_council_requester_once()
    {
        var id = await UnmatchedMailAsync("Door entry fault at Maidstone House", "The staff door entry panel on the east side rejects every pass.");
        var priya = await desk.SignInAsync(Accounts.Agent);

        var response = await priya.PostAsync($"/api/v1/mail/{id}/ticket",
            System.Net.Http.Json.JsonContent.Create(new { requesterEmail = Accounts.MaidstoneRequester, impact = "High", urgency = "Medium" }));
        var ticket = await response.JsonAsync(HttpStatusCode.Created);
        var reference = ticket.Str("reference");
        Assert.Equal($"/api/v1/tickets/{reference}", response.Headers.Location?.OriginalString);

        // The ticket exists, for the requester the agent named, logged by email, from the mail's subject and text.
        var stored = await priya.GetJsonAsync($"/api/v1/tickets/{reference}");
        Assert.Equal("Email", stored.Str("channel"));
        Assert.Equal("Door entry fault at Maidstone House", stored.Str("title"));
        Assert.Equal("The staff door entry panel on the east side rejects every pass.", stored.Str("description"));
        Assert.Equal(Accounts.MaidstoneRequester, stored.GetProperty("requester").Str("email"));
        Assert.Equal("General enquiry", stored.GetProperty("service").Str("name"));
        Assert.Equal("P2", stored.Str("priority"));
        // The requester sees it as theirs.
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        await alice.GetJsonAsync($"/api/v1/tickets/{reference}");

        // The mail leaves the Unmatched list and is on record as Ticketed, pointing at the ticket.
        Assert.DoesNotContain(((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items")).EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
        var ticketed = Listed((await priya.GetJsonAsync("/api/v1/mail?status=Ticketed")).GetProperty("items"), id);
        Assert.Equal("Ticketed", ticketed.Str("status"));
        Assert.Equal(reference, ticketed.Str("ticketReference"));

        // Once is enough: a second ticket, or discarding it now, is a conflict, and nothing changes.
        var tickets = (await priya.GetJsonAsync("/api/v1/tickets?q=Door%20entry%20fault")).GetProperty("total").GetInt32();
        await priya.PostJsonAsync($"/api/v1/mail/{id}/ticket", new { requesterEmail = Accounts.MaidstoneRequester2 }, HttpStatusCode.Conflict);
        await priya.PostJsonAsync($"/api/v1/mail/{id}/discard", null, HttpStatusCode.Conflict);
        Assert.Equal(tickets, (await priya.GetJsonAsync("/api/v1/tickets?q=Door%20entry%20fault")).GetProperty("total").GetInt32());
        Assert.Equal(reference, Listed((await priya.GetJsonAsync("/api/v1/mail?status=Ticketed")).GetProperty("items"), id).Str("ticketReference"));
    }

    [Fact]
    public async Task A_request_forwarded_by_shared_ICT_staff_waits_in_the_unmatched_list_for_its_requester()
    {
        // Desk staff have no council to raise a ticket for: the agent names the requester.
        var id = await UnmatchedMailAsync("Fwd: new starter needs a laptop", "Forwarded from Maidstone HR: new starter on Monday.", Accounts.Agent2);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var listed = Listed((await priya.GetJsonAsync("/api/v1/mail?status=Unmatched")).GetProperty("items"), id);
        Assert.Contains("shared ICT staff", listed.Str("note"));
        Assert.DoesNotContain(((await priya.GetJsonAsync("/api/v1/mail?status=Failed")).GetProperty("items")).EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
        await priya.PostJsonAsync($"/api/v1/mail/{id}/ticket", new { requesterEmail = Accounts.MaidstoneRequester }, HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_same_mail_sent_to_the_desk_twice_at_once_makes_one_ticket()
    {
        var id = await UnmatchedMailAsync("Lift stuck at Swale House", "The lift at Swale House stops between the first and second floors.");
        var priya = await desk.SignInAsync(Accounts.Agent);
        var tom = await desk.SignInAsync(Accounts.Agent2);

        // Two agents (or one double click) at the same moment: one ticket, and the other is told it is taken.
        var answers = await Task.WhenAll(new[] { priya, tom }.Select(agent => agent.PostAsync($"/api/v1/mail/{id}/ticket",
            System.Net.Http.Json.JsonContent.Create(new { requesterEmail = Accounts.SwaleRequester }))));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        Assert.Equal(1, (await priya.GetJsonAsync("/api/v1/tickets?q=Lift%20stuck%20at%20Swale")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Council_staff_may_not_turn_mail_into_tickets_whether_or_not_it_exists()
    {
        var id = await UnmatchedMailAsync("Car park barrier", "The car park barrier stays up all night.");
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);

        // The desk's mailbox is for shared ICT staff: 403, the same for mail that exists and mail that does not.
        var refused = await alice.PostJsonAsync($"/api/v1/mail/{id}/ticket", new { requesterEmail = Accounts.MaidstoneRequester }, HttpStatusCode.Forbidden);
        var missing = await alice.PostJsonAsync("/api/v1/mail/999999999/ticket", new { requesterEmail = Accounts.MaidstoneRequester }, HttpStatusCode.Forbidden);
        Assert.Equal(missing.Str("detail"), refused.Str("detail"));
        await david.PostJsonAsync($"/api/v1/mail/{id}/ticket", new { requesterEmail = Accounts.MaidstoneRequester }, HttpStatusCode.Forbidden);
        await alice.GetJsonAsync("/api/v1/mail", HttpStatusCode.Forbidden);

        // Nothing happened: the mail is still waiting for the desk, and no ticket was raised.
        var priya = await desk.SignInAsync(Accounts.Agent);
        Assert.Equal("Unmatched", Listed((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items"), id).Str("status"));
        Assert.Equal(0, (await priya.GetJsonAsync("/api/v1/tickets?q=car%20park%20barrier")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Unknown_mail_is_404_and_the_ticket_needs_a_council_requester()
    {
        var id = await UnmatchedMailAsync("Broken window in the council chamber", "A window in the chamber will not close.");
        var priya = await desk.SignInAsync(Accounts.Agent);

        await priya.PostJsonAsync("/api/v1/mail/999999999/ticket", new { requesterEmail = Accounts.MaidstoneRequester }, HttpStatusCode.NotFound);

        var noRequester = await priya.PostJsonAsync($"/api/v1/mail/{id}/ticket", new { }, HttpStatusCode.BadRequest);
        Assert.True(noRequester.GetProperty("errors").TryGetProperty("requesterEmail", out _));
        var stranger = await priya.PostJsonAsync($"/api/v1/mail/{id}/ticket", new { requesterEmail = "helpdesk@facilities-contractor.example" }, HttpStatusCode.BadRequest);
        Assert.True(stranger.GetProperty("errors").TryGetProperty("requesterEmail", out _));
        Assert.Equal("Unmatched", Listed((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items"), id).Str("status"));
    }
}
