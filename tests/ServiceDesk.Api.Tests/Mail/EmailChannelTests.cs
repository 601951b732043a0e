using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Utils;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>The desk wired to a real IMAP mailbox (Dovecot) and a real SMTP server (aiosmtpd).</summary>
public sealed class MailDeskFactory(DovecotServer imap, SmtpSink smtp, string deskAddress, Action<IServiceCollection>? services = null) : DeskFactory
{
    public const string DeskPassword = "desk-mailbox-secret";

    /// <summary>This desk's own mailbox and sender address: one per test, so tests never see each other's mail.</summary>
    public string DeskAddress => deskAddress;

    /// <summary>What this desk has sent through the SMTP server.</summary>
    public IReadOnlyList<MimeMessage> Sent() =>
        smtp.Messages().Where(m => m.From.Mailboxes.Any(a => a.Address == deskAddress)).ToList();

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("ServiceDesk:Email:DeskAddress", DeskAddress),
        ("ServiceDesk:Email:Imap:Host", imap.Host),
        ("ServiceDesk:Email:Imap:Port", imap.Port.ToString(CultureInfo.InvariantCulture)),
        ("ServiceDesk:Email:Imap:Security", "None"),
        ("ServiceDesk:Email:Imap:Username", DeskAddress),
        ("ServiceDesk:Email:Imap:Password", DeskPassword),
        ("ServiceDesk:Email:Smtp:Host", "127.0.0.1"),
        ("ServiceDesk:Email:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture)),
        ("ServiceDesk:Email:Smtp:Security", "None"),
    ];

    /// <summary>Delivers a message to the desk's INBOX, as a mail server's delivery would.</summary>
    public Task DeliverAsync(MimeMessage message) => imap.AppendAsync(DeskAddress, DeskPassword, message);

    public Task<int> PollAsync() => PollAsync(CancellationToken.None);

    public Task<int> PollAsync(CancellationToken cancellationToken) => RunAsync<MailboxPollJob, int>(j => j.RunAsync(cancellationToken));

    public Task SendOutboxAsync() => RunJobAsync<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));

    public Task<IReadOnlyList<MimeMessage>> FolderAsync(string folder) => imap.ReadFolderAsync(DeskAddress, DeskPassword, folder);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (services is not null) builder.ConfigureTestServices(services);
    }

    private async Task<TResult> RunAsync<TJob, TResult>(Func<TJob, Task<TResult>> run) where TJob : notnull
    {
        TResult result = default!;
        await RunJobAsync<TJob>(async j => result = await run(j));
        return result;
    }
}

/// <summary>
/// Council staff email the desk and get tickets, acknowledgements and threaded replies; automatic
/// mail is never answered; nothing is lost or processed twice.
/// </summary>
public sealed class EmailChannelTests(MailServers servers) : IClassFixture<MailServers>, IAsyncLifetime
{
    private MailDeskFactory _desk = null!;

    public async ValueTask InitializeAsync()
    {
        RealParts.Require(servers.Imap.Available, DovecotServer.DebianPackage, "The email tests");
        RealParts.Require(servers.Smtp.Available, SmtpSink.DebianPackage, "The email tests");
        // Each test has a mailbox of its own, so it starts empty.
        var desk = $"desk.{Guid.NewGuid():N}@sharedict.example";
        servers.Imap.AddUser(desk, MailDeskFactory.DeskPassword);
        _desk = new MailDeskFactory(servers.Imap, servers.Smtp, desk);
    }

    public async ValueTask DisposeAsync() => await _desk.DisposeAsync();

    private MimeMessage Mail(string from, string subject, string text, string? inReplyTo = null, string? messageId = null, params string[] cc)
    {
        var message = new MimeMessage { Subject = subject, Date = DateTimeOffset.UtcNow, Body = new TextPart("plain") { Text = text } };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(_desk.DeskAddress));
        foreach (var c in cc) message.Cc.Add(MailboxAddress.Parse(c));
        message.MessageId = messageId ?? MimeUtils.GenerateMessageId("mail.maidstone.example");
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }
        return message;
    }

    private async Task<System.Text.Json.JsonElement> TicketAsync(string reference)
    {
        var priya = await _desk.SignInAsync(Accounts.Agent);
        return await priya.GetJsonAsync($"/api/v1/tickets/{reference}");
    }

    private async Task<string> OnlyNewTicketOf(string requester)
    {
        var priya = await _desk.SignInAsync(Accounts.Agent);
        var page = await priya.GetJsonAsync($"/api/v1/tickets?q=&pageSize=5&sort=-created");
        var newest = page.GetProperty("items").EnumerateArray().First();
        Assert.Equal(requester, (await TicketAsync(newest.Str("reference"))).GetProperty("requester").Str("email"));
        return newest.Str("reference");
    }

    [Fact]
    public async Task A_new_email_becomes_a_ticket_and_the_requester_gets_an_acknowledgement_that_threads_their_reply()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Can't open the planning system",
            "Since this morning the planning system says my licence has expired.\n\nAlice"));
        Assert.Equal(1, await _desk.PollAsync());

        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);
        var ticket = await TicketAsync(reference);
        Assert.Equal("Email", ticket.Str("channel"));
        Assert.Equal("General enquiry", ticket.GetProperty("service").Str("name"));
        Assert.Equal("P4", ticket.Str("priority"));
        Assert.Equal("Can't open the planning system", ticket.Str("title"));
        // Processed only once committed: the message left the inbox for the Processed folder.
        Assert.Empty(await _desk.FolderAsync("INBOX"));
        Assert.Single(await _desk.FolderAsync("Processed"));

        await _desk.SendOutboxAsync();
        var ack = Assert.Single(_desk.Sent(), m => m.To.Mailboxes.Any(a => a.Address == Accounts.MaidstoneRequester));
        Assert.Contains($"[{reference}]", ack.Subject);
        Assert.Equal("auto-generated", ack.Headers["Auto-Submitted"]);
        Assert.Contains("Maidstone Borough Council", ack.TextBody);
        Assert.Contains("reply to this email", ack.TextBody, StringComparison.OrdinalIgnoreCase);

        // Alice replies to the acknowledgement from her mail client, quoting it.
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"RE: {ack.Subject}",
            "It says error 4031 when I click Open.\n\nOn Mon, 23 Nov 2026 at 10:01, Shared ICT Service Desk <desk@sharedict.example> wrote:\n> We have logged your report\n> for Maidstone Borough Council",
            inReplyTo: ack.MessageId));
        await _desk.PollAsync();
        var updated = await TicketAsync(reference);
        var conversation = updated.GetProperty("conversation").EnumerateArray().Select(c => c.Str("body")).ToList();
        Assert.Contains("It says error 4031 when I click Open.", conversation);
        Assert.DoesNotContain(conversation, b => b.Contains("We have logged your report"));
    }

    [Fact]
    public async Task A_public_reply_from_an_agent_reaches_the_requester_and_copied_colleagues_threaded_to_their_email()
    {
        var original = Mail(Accounts.MaidstoneRequester, "Printer on floor 2", "It prints blank pages.", cc: Accounts.MaidstoneRequester2);
        await _desk.DeliverAsync(original);
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);

        var priya = await _desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "We'll replace the toner this afternoon." });
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "Toner stock is low; order more.", @internal = true });
        await _desk.SendOutboxAsync();

        var replies = _desk.Sent().Where(m => (m.TextBody ?? "").Contains("replace the toner")).ToList();
        Assert.Equal(2, replies.Count);
        Assert.Contains(replies, m => m.To.Mailboxes.Single().Address == Accounts.MaidstoneRequester);
        Assert.Contains(replies, m => m.To.Mailboxes.Single().Address == Accounts.MaidstoneRequester2);
        Assert.All(replies, m => Assert.Equal(original.MessageId, m.InReplyTo));
        Assert.All(replies, m => Assert.Contains($"[{reference}]", m.Subject));
        // Internal notes never leave the desk.
        Assert.DoesNotContain(_desk.Sent(), m => (m.TextBody ?? "").Contains("Toner stock"));
    }

    [Fact]
    public async Task Automatic_mail_is_never_acknowledged_and_a_bounce_is_noted_on_its_ticket()
    {
        await _desk.DeliverAsync(Mail(Accounts.SwaleRequester, "Monitor flickers", "The left monitor flickers."));
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.SwaleRequester);
        await _desk.SendOutboxAsync();
        var ack = Assert.Single(_desk.Sent());

        // An out-of-office answering the acknowledgement.
        var outOfOffice = Mail(Accounts.SwaleRequester, $"Automatic reply: {ack.Subject}", "I am out of the office until Monday.", inReplyTo: ack.MessageId);
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        outOfOffice.Headers.Add("X-Auto-Response-Suppress", "All");
        await _desk.DeliverAsync(outOfOffice);
        // A mailing list message from a council address.
        var list = Mail(Accounts.SwaleRequester2, "Staff newsletter", "This week at Swale…");
        list.Headers.Add("List-Id", "<staff-news.swale.example>");
        list.Headers.Add("Precedence", "list");
        await _desk.DeliverAsync(list);
        // A bounce of the desk's acknowledgement.
        await _desk.DeliverAsync(Bounce(ack));
        await _desk.PollAsync();
        await _desk.SendOutboxAsync();

        Assert.Single(_desk.Sent());
        var history = await (await _desk.SignInAsync(Accounts.Agent)).GetJsonAsync($"/api/v1/tickets/{reference}/history");
        Assert.Contains(history.EnumerateArray(), h => h.Str("change") == "Automatic reply");
        Assert.Contains(history.EnumerateArray(), h => h.Str("change") == "Bounce");
        Assert.Equal("New", (await TicketAsync(reference)).Str("status"));
        var automatic = (await (await _desk.SignInAsync(Accounts.Agent)).GetJsonAsync("/api/v1/mail?status=Automatic")).GetProperty("items");
        Assert.Contains(automatic.EnumerateArray(), m => m.Str("subject") == "Staff newsletter");
    }

    [Fact]
    public async Task An_unreadable_message_goes_to_Failed_with_its_reason_and_original_and_the_mail_behind_it_is_still_read()
    {
        var unreadable = "Lorem ipsum dolor sit amet, consectetur adipisicing elit.\r\nDuis aute irure dolor.\r\n"u8.ToArray();
        await servers.Imap.AppendRawAsync(_desk.DeskAddress, MailDeskFactory.DeskPassword, [unreadable]);
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Mouse broken", "The mouse wheel does not scroll."));

        Assert.Equal(2, await _desk.PollAsync());

        var priya = await _desk.SignInAsync(Accounts.Agent);
        Assert.Equal(1, (await priya.GetJsonAsync("/api/v1/tickets?q=mouse%20wheel")).GetProperty("total").GetInt32());
        var failed = Assert.Single(((await priya.GetJsonAsync("/api/v1/mail?status=Failed")).GetProperty("items")).EnumerateArray());
        Assert.Contains("no header block", failed.Str("note"));
        var original = await priya.GetAsync($"/api/v1/mail/{failed.GetProperty("id").GetInt64()}/original");
        Assert.Equal(unreadable, await original.Content.ReadAsByteArrayAsync());
        Assert.Single(await _desk.FolderAsync("Processed"));
        Assert.Equal(1, await servers.Imap.CountAsync(_desk.DeskAddress, MailDeskFactory.DeskPassword, "Failed"));
        Assert.Empty(await _desk.FolderAsync("INBOX"));

        // The desk lets it go; it stays on record.
        await priya.PostJsonAsync($"/api/v1/mail/{failed.GetProperty("id").GetInt64()}/discard", null);
        Assert.Empty(((await priya.GetJsonAsync("/api/v1/mail?status=Failed")).GetProperty("items")).EnumerateArray());
    }

    [Fact]
    public async Task Emailed_replies_meeting_agents_notes_on_the_same_ticket_are_all_added_and_none_fails()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Laptop fan noisy", "The fan is loud."));
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);
        for (var i = 1; i <= 8; i++)
            await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"RE: [{reference}] Laptop fan noisy", $"Emailed detail {i}."));

        var priya = await _desk.SignInAsync(Accounts.Agent);
        var notes = Enumerable.Range(1, 8).Select(async i =>
        {
            await Task.Delay(i * 15);
            return await priya.PostAsync($"/api/v1/tickets/{reference}/comments",
                System.Net.Http.Json.JsonContent.Create(new { body = $"Agent note {i}", @internal = true }));
        }).ToList();
        var poll = _desk.PollAsync();
        await Task.WhenAll(notes);
        await poll;

        Assert.All(notes, n => Assert.Equal(HttpStatusCode.OK, n.Result.StatusCode));
        Assert.Empty(((await priya.GetJsonAsync("/api/v1/mail?status=Failed")).GetProperty("items")).EnumerateArray());
        var conversation = (await TicketAsync(reference)).GetProperty("conversation").EnumerateArray().Select(c => c.Str("body")).ToList();
        for (var i = 1; i <= 8; i++)
        {
            Assert.Contains($"Emailed detail {i}.", conversation);
            Assert.Contains($"Agent note {i}", conversation);
        }
    }

    [Fact]
    public async Task The_desk_adds_an_unmatched_email_to_a_ticket_as_its_requesters_reply()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Monitor cable", "I need an HDMI cable."));
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);
        // Alice answers from her personal address, which no council's domain covers.
        await _desk.DeliverAsync(Mail("alice.t@home.example", "cable", "A two metre one, please."));
        await _desk.PollAsync();

        var priya = await _desk.SignInAsync(Accounts.Agent);
        var unmatched = Assert.Single(((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items")).EnumerateArray());
        var id = unmatched.GetProperty("id").GetInt64();
        var missing = await priya.PostJsonAsync($"/api/v1/mail/{id}/add-to-ticket", new { ticketReference = "" }, HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("ticketReference", out _));

        var ticket = await priya.PostJsonAsync($"/api/v1/mail/{id}/add-to-ticket", new { ticketReference = reference });
        var reply = ticket.GetProperty("conversation").EnumerateArray().Single(c => c.Str("body") == "A two metre one, please.");
        Assert.Equal(Accounts.MaidstoneRequester, reply.GetProperty("author").Str("email"));
        Assert.Empty(((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items")).EnumerateArray());
        await priya.PostJsonAsync($"/api/v1/mail/{id}/add-to-ticket", new { ticketReference = reference }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_different_message_reusing_a_known_Message_ID_is_processed_as_new()
    {
        const string reused = "scan@mfp.maidstone.example";
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Scanner jams on A3", "The scanner jams on A3 paper.", messageId: reused));
        await _desk.PollAsync();
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester2, "Projector in room 4", "The projector in room 4 has no signal.", messageId: reused));
        await _desk.PollAsync();

        var priya = await _desk.SignInAsync(Accounts.Agent);
        Assert.Equal(1, (await priya.GetJsonAsync("/api/v1/tickets?q=jams%20on%20A3")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await priya.GetJsonAsync("/api/v1/tickets?q=no%20signal")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Read_receipts_holiday_replies_and_out_of_office_subjects_raise_no_ticket_get_no_mail_and_are_listed_as_automatic()
    {
        var receipt = Mail(Accounts.MaidstoneRequester, "Read: Printer jammed", "");
        var report = new MultipartReport("disposition-notification")
        {
            new TextPart("plain") { Text = "Your message was displayed." },
            new MimePart("message", "disposition-notification")
            {
                Content = new MimeContent(new MemoryStream("Reporting-UA: mail.maidstone.example\r\nDisposition: manual-action/MDN-sent-manually; displayed\r\n"u8.ToArray())),
            },
        };
        receipt.Body = report;
        var apple = Mail(Accounts.MaidstoneRequester2, "Thanks for your email", "I'm on holiday until Monday.");
        apple.Headers.Add("X-Apple-Action", "VACATION");
        var german = Mail(Accounts.SwaleRequester, "Abwesenheitsnotiz: Drucker", "Ich bin bis Montag nicht im Büro.");
        await _desk.DeliverAsync(receipt);
        await _desk.DeliverAsync(apple);
        await _desk.DeliverAsync(german);
        await _desk.PollAsync();
        await _desk.SendOutboxAsync();

        Assert.Empty(_desk.Sent());
        var priya = await _desk.SignInAsync(Accounts.Agent);
        Assert.Equal(0, (await priya.GetJsonAsync("/api/v1/tickets?q=holiday")).GetProperty("total").GetInt32());
        var automatic = ((await priya.GetJsonAsync("/api/v1/mail?status=Automatic")).GetProperty("items")).EnumerateArray().ToList();
        Assert.Equal(3, automatic.Count);
        Assert.Contains(automatic, m => m.Str("subject") == "Abwesenheitsnotiz: Drucker" && m.Str("note").Contains("automatic reply"));
        Assert.DoesNotContain(((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items")).EnumerateArray(), m => m.Str("subject").Contains("Abwesenheitsnotiz"));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_makes_one_ticket()
    {
        var message = Mail(Accounts.MaidstoneRequester2, "Keyboard missing keys", "The E and R keys have come off.");
        await _desk.DeliverAsync(message);
        await _desk.DeliverAsync(message);
        await _desk.PollAsync();
        var priya = await _desk.SignInAsync(Accounts.Agent);
        var found = await priya.GetJsonAsync("/api/v1/tickets?q=Keyboard%20missing%20keys");
        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal(2, (await _desk.FolderAsync("Processed")).Count);
    }

    [Fact]
    public async Task A_stranger_quoting_a_ticket_tag_cannot_add_to_it_and_is_listed_as_unmatched()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "VPN drops", "The VPN drops every ten minutes."));
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);

        await _desk.DeliverAsync(Mail("someone@elsewhere.example", $"RE: [{reference}] VPN drops", "Buy our VPN product!"));
        await _desk.DeliverAsync(Mail(Accounts.SwaleRequester, $"RE: [{reference}] VPN drops", "Same here at Swale."));
        await _desk.PollAsync();

        var ticket = await TicketAsync(reference);
        Assert.DoesNotContain(ticket.GetProperty("conversation").EnumerateArray(), c => c.Str("body").Contains("VPN product") || c.Str("body").Contains("Swale"));
        var priya = await _desk.SignInAsync(Accounts.Agent);
        var unmatched = (await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items");
        var stranger = Assert.Single(unmatched.EnumerateArray(), m => m.Str("from") == "someone@elsewhere.example");
        // Another council's person is not on the ticket either: their mail waits for the desk, and raises nothing.
        var swale = Assert.Single(unmatched.EnumerateArray(), m => m.Str("from") == Accounts.SwaleRequester);
        Assert.Contains("neither its requester nor a participant", swale.Str("note"));
        Assert.Equal(0, (await priya.GetJsonAsync("/api/v1/tickets?q=Same%20here")).GetProperty("total").GetInt32());

        // An agent can turn the stranger's mail into a ticket for a council requester, or discard it.
        var id = stranger.GetProperty("id").GetInt64();
        var original = await priya.GetAsync($"/api/v1/mail/{id}/original");
        Assert.Equal("message/rfc822", original.Content.Headers.ContentType?.MediaType);
        await priya.PostJsonAsync($"/api/v1/mail/{id}/discard", null);
        Assert.DoesNotContain(((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items")).EnumerateArray(), m => m.GetProperty("id").GetInt64() == id);
    }

    [Fact]
    public async Task A_colleague_of_the_same_council_cannot_reopen_or_add_to_a_ticket_they_are_not_on()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Payroll access", "I cannot open the payroll system."));
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);
        var priya = await _desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync($"/api/v1/tickets/{reference}/status", new { status = "Resolved", resolution = "Access granted." });

        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester2, $"RE: [{reference}] Payroll access", "Reopen this, I want payroll access too."));
        await _desk.PollAsync();

        var ticket = await TicketAsync(reference);
        Assert.Equal("Resolved", ticket.Str("status"));
        Assert.DoesNotContain(ticket.GetProperty("conversation").EnumerateArray(), c => c.Str("body").Contains("payroll access too"));
        var colleague = Assert.Single(((await priya.GetJsonAsync("/api/v1/mail")).GetProperty("items")).EnumerateArray());
        Assert.Equal(Accounts.MaidstoneRequester2, colleague.Str("from"));

        // Copied in by the requester, the colleague is a participant, and may then reply.
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"RE: [{reference}] Payroll access", "Ben needs it too.", cc: Accounts.MaidstoneRequester2));
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester2, $"RE: [{reference}] Payroll access", "Thanks, I need read access only."));
        await _desk.PollAsync();
        Assert.Contains((await TicketAsync(reference)).GetProperty("conversation").EnumerateArray(), c => c.Str("body") == "Thanks, I need read access only.");
    }

    [Fact]
    public async Task Replies_resume_reopen_or_follow_up_depending_on_the_ticket_status()
    {
        var original = Mail(Accounts.MaidstoneRequester, "Teams has no sound", "Nobody can hear me in Teams.");
        await _desk.DeliverAsync(original);
        await _desk.PollAsync();
        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);
        var url = $"/api/v1/tickets/{reference}";
        var priya = await _desk.SignInAsync(Accounts.Agent);
        await priya.PostJsonAsync($"{url}/take", null);
        await priya.PostJsonAsync($"{url}/comments", new { body = "Which headset do you use?" });
        await priya.PostJsonAsync($"{url}/status", new { status = "AwaitingCustomer" });

        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"RE: [{reference}] Teams has no sound", "A Jabra Evolve 40."));
        await _desk.PollAsync();
        var resumed = await priya.GetJsonAsync(url);
        Assert.Equal("InProgress", resumed.Str("status"));
        Assert.Equal("Running", resumed.GetProperty("sla").GetProperty("resolution").Str("state"));

        await priya.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Updated the headset firmware." });
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"RE: [{reference}] Resolved", "Still no sound after the update."));
        await _desk.PollAsync();
        Assert.Equal("InProgress", (await priya.GetJsonAsync(url)).Str("status"));

        await priya.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Replaced the headset." });
        await priya.PostJsonAsync($"{url}/close", null);
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, $"RE: [{reference}] Resolved", "Now the microphone is quiet."));
        await _desk.PollAsync();
        Assert.Equal("Closed", (await priya.GetJsonAsync(url)).Str("status"));
        var followUp = await priya.GetJsonAsync("/api/v1/tickets?q=Now%20the%20microphone");
        var followUpRef = followUp.GetProperty("items").EnumerateArray().Single().Str("reference");
        Assert.Equal(reference, (await priya.GetJsonAsync($"/api/v1/tickets/{followUpRef}")).Str("followsUp"));
    }

    [Fact]
    public async Task Attachments_are_kept_within_limits_and_executables_and_oversized_files_are_refused_with_a_note()
    {
        var message = Mail(Accounts.MaidstoneRequester, "Error screenshots", "Screenshots attached.");
        var body = new BodyBuilder { TextBody = "Screenshots attached." };
        body.Attachments.Add("error.pdf", "%PDF-1.4 tiny"u8.ToArray(), new ContentType("application", "pdf"));
        body.Attachments.Add("fix.exe", [0x4D, 0x5A, 0x90, 0x00], new ContentType("application", "octet-stream"));
        body.Attachments.Add("huge.zip", new byte[20 * 1024 * 1024], new ContentType("application", "zip"));
        message.Body = body.ToMessageBody();
        await _desk.DeliverAsync(message);
        await _desk.PollAsync();

        var reference = await OnlyNewTicketOf(Accounts.MaidstoneRequester);
        var ticket = await TicketAsync(reference);
        var file = Assert.Single(ticket.GetProperty("attachments").EnumerateArray());
        Assert.Equal("error.pdf", file.Str("fileName"));
        var alice = await _desk.SignInAsync(Accounts.MaidstoneRequester);
        var download = await alice.GetAsync($"/api/v1/tickets/{reference}/attachments/{file.GetProperty("id").GetInt64()}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("%PDF-1.4 tiny"u8.ToArray(), await download.Content.ReadAsByteArrayAsync());
        var frank = await _desk.SignInAsync(Accounts.SwaleRequester);
        Assert.Equal(HttpStatusCode.NotFound, (await frank.GetAsync($"/api/v1/tickets/{reference}/attachments/{file.GetProperty("id").GetInt64()}")).StatusCode);

        var history = await alice.GetJsonAsync($"/api/v1/tickets/{reference}/history");
        var refused = history.EnumerateArray().Where(h => h.Str("change") == "Attachment refused").Select(h => h.Str("to")).ToList();
        Assert.Contains(refused, r => r.StartsWith("fix.exe", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.StartsWith("huge.zip", StringComparison.Ordinal));

        // The refused 20 MB file is not kept in the stored original either; the original names it.
        var priya = await _desk.SignInAsync(Accounts.Agent);
        var record = Assert.Single((await priya.GetJsonAsync("/api/v1/mail?status=Ticketed&q=Error%20screenshots")).GetProperty("items").EnumerateArray());
        var original = await (await priya.GetAsync($"/api/v1/mail/{record.GetProperty("id").GetInt64()}/original")).Content.ReadAsByteArrayAsync();
        Assert.True(original.Length < 1024 * 1024, $"The stored original is {original.Length:N0} bytes.");
        Assert.Contains("huge.zip.removed.txt", System.Text.Encoding.ASCII.GetString(original));
    }

    [Fact]
    public async Task Acknowledgements_to_one_address_are_limited_to_five_an_hour()
    {
        for (var i = 1; i <= 7; i++)
            await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester2, $"Question {i}", $"Question number {i}."));
        await _desk.PollAsync();
        await _desk.SendOutboxAsync();
        Assert.Equal(5, _desk.Sent().Count(m => m.To.Mailboxes.Any(a => a.Address == Accounts.MaidstoneRequester2)));
    }

    [Fact]
    public async Task Mail_waits_in_the_outbox_while_the_SMTP_server_is_down_and_is_delivered_once_it_is_back()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Scanner offline", "The scanner shows offline."));
        await _desk.PollAsync();
        await servers.Smtp.StopAsync();
        try
        {
            await _desk.SendOutboxAsync();
        }
        finally
        {
            await servers.Smtp.StartAsync();
        }
        Assert.Empty(_desk.Sent());
        // The retry waits (back-off); once it is due, the message goes, once.
        await _desk.SendOutboxAsync();
        Assert.Empty(_desk.Sent());
        _desk.Clock.Advance(TimeSpan.FromMinutes(2));
        await _desk.SendOutboxAsync();
        await _desk.SendOutboxAsync();
        Assert.Single(_desk.Sent());
    }

    [Fact]
    public async Task While_the_IMAP_server_is_down_polling_fails_and_nothing_is_lost()
    {
        await _desk.DeliverAsync(Mail(Accounts.MaidstoneRequester, "Phone dead", "My desk phone has no dial tone."));
        await servers.Imap.StopAsync();
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => _desk.PollAsync());
        }
        finally
        {
            await servers.Imap.StartAsync();
        }
        Assert.Equal(1, await _desk.PollAsync());
        var priya = await _desk.SignInAsync(Accounts.Agent);
        Assert.Equal(1, (await priya.GetJsonAsync("/api/v1/tickets?q=no%20dial%20tone")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_crash_after_the_ticket_is_committed_but_before_the_message_is_moved_makes_no_duplicate()
    {
        var message = Mail(Accounts.MaidstoneRequester, "Wi-Fi slow", "The Wi-Fi is slow in the chamber.");
        await _desk.DeliverAsync(message);
        // The desk committed the ticket, then stopped before moving the message out of the inbox.
        using (var stream = new MemoryStream())
        {
            await message.WriteToAsync(stream);
            var email = ServiceDesk.Infrastructure.Email.MailReader.Read(message, stream.ToArray());
            await _desk.SendAsync(new ServiceDesk.Core.Features.Email.IngestEmail(email));
        }
        Assert.Equal(1, await _desk.PollAsync());
        var priya = await _desk.SignInAsync(Accounts.Agent);
        Assert.Equal(1, (await priya.GetJsonAsync("/api/v1/tickets?q=Wi-Fi%20is%20slow")).GetProperty("total").GetInt32());
        Assert.Empty(await _desk.FolderAsync("INBOX"));
    }

    /// <summary>A delivery-status report for a message the desk sent, as a mail server writes it.</summary>
    private MimeMessage Bounce(MimeMessage sent)
    {
        var report = new MultipartReport("delivery-status");
        report.Add(new TextPart("plain") { Text = "Your message could not be delivered to one or more recipients." });
        var status = new MimePart("message", "delivery-status")
        {
            Content = new MimeContent(new MemoryStream("Reporting-MTA: dns; mail.swale.example\n\nFinal-Recipient: rfc822; frank.green@swale.example\nAction: failed\nStatus: 5.1.1\n"u8.ToArray())),
        };
        report.Add(status);
        var headers = new MimePart("text", "rfc822-headers")
        {
            Content = new MimeContent(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(
                $"From: {_desk.DeskAddress}\r\nTo: frank.green@swale.example\r\nSubject: {sent.Subject}\r\nMessage-ID: <{sent.MessageId}>\r\n\r\n"))),
        };
        report.Add(headers);
        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender", Body = report, Date = DateTimeOffset.UtcNow };
        bounce.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mail.swale.example"));
        bounce.To.Add(MailboxAddress.Parse(_desk.DeskAddress));
        bounce.MessageId = MimeUtils.GenerateMessageId("mail.swale.example");
        return bounce;
    }
}
