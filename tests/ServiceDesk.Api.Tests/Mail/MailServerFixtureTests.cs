using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ServiceDesk.Infrastructure.Email;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>The real mail servers the desk's mail tests run against: Dovecot (IMAP) and aiosmtpd (SMTP).</summary>
public sealed class MailServerFixtureTests(DovecotServer imap, SmtpSink smtp) : IClassFixture<DovecotServer>, IClassFixture<SmtpSink>
{
    private void RequireImap() => RealParts.Require(imap.Available, "dovecot-imapd", "The IMAP fixture test");
    private void RequireSmtp() => RealParts.Require(smtp.Available, "python3-aiosmtpd", "The SMTP fixture test");

    private static string NewUser() => $"desk-{Guid.NewGuid():N}@sharedict.example";

    private static MimeMessage Request(string subject)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Sarah Hughes", "sarah.hughes@maidstone.example"));
        message.To.Add(new MailboxAddress("Shared ICT Service Desk", "desk@sharedict.example"));
        message.Subject = subject;
        message.Date = new DateTimeOffset(2026, 11, 23, 9, 14, 5, TimeSpan.Zero);
        message.MessageId = $"{Guid.NewGuid():N}@maidstone.example";
        message.Body = new TextPart("plain") { Text = "The printer on the 2nd floor is not printing." };
        return message;
    }

    // ---- IMAP ----------------------------------------------------------------------------------

    [Fact]
    public async Task A_message_appended_to_a_users_INBOX_is_read_back_whole()
    {
        RequireImap();
        var user = imap.AddUser(NewUser(), "inbox-secret");
        var sent = Request("Printer on 2nd floor not printing");

        await imap.AppendAsync(user, "inbox-secret", sent);

        var inbox = await imap.ReadFolderAsync(user, "inbox-secret", "INBOX");
        var read = Assert.Single(inbox);
        Assert.Equal(sent.MessageId, read.MessageId);
        Assert.Equal("Printer on 2nd floor not printing", read.Subject);
        Assert.Equal("The printer on the 2nd floor is not printing.", read.TextBody?.TrimEnd());
        Assert.Equal(1, await imap.CountAsync(user, "inbox-secret", "INBOX"));
    }

    [Fact]
    public async Task A_message_appended_to_a_Processed_folder_creates_it_and_is_counted_there_only()
    {
        RequireImap();
        var user = imap.AddUser(NewUser(), "processed-secret");
        Assert.Empty(await imap.ReadFolderAsync(user, "processed-secret", "Processed"));
        Assert.Equal(0, await imap.CountAsync(user, "processed-secret", "Processed"));

        await imap.AppendAsync(user, "processed-secret", Request("First"), "Processed");
        await imap.AppendAsync(user, "processed-secret", Request("Second"), "Processed");

        var processed = await imap.ReadFolderAsync(user, "processed-secret", "Processed");
        Assert.Equal(["First", "Second"], processed.Select(m => m.Subject));
        Assert.Equal(2, await imap.CountAsync(user, "processed-secret", "Processed"));
        Assert.Equal(0, await imap.CountAsync(user, "processed-secret", "INBOX"));
    }

    [Fact]
    public async Task Users_are_kept_apart_and_a_wrong_password_is_refused()
    {
        RequireImap();
        var sarah = imap.AddUser(NewUser(), "sarah-secret");
        var tom = imap.AddUser(NewUser(), "tom-secret");

        await imap.AppendAsync(sarah, "sarah-secret", Request("For Sarah's mailbox"));

        Assert.Equal(1, await imap.CountAsync(sarah, "sarah-secret"));
        Assert.Equal(0, await imap.CountAsync(tom, "tom-secret"));
        await Assert.ThrowsAsync<AuthenticationException>(() => imap.CountAsync(tom, "not-toms-password"));
    }

    [Fact]
    public async Task A_corpus_message_survives_the_trip_through_IMAP_and_reads_the_same()
    {
        RequireImap();
        var user = imap.AddUser(NewUser(), "corpus-secret");
        var raw = MailCorpus.Raw("inline-image-and-pdf.eml");
        var direct = MailReader.Read(raw);

        await imap.AppendAsync(user, "corpus-secret", MimeMessage.Load(new MemoryStream(raw)));
        var fetched = Assert.Single(await imap.ReadFolderAsync(user, "corpus-secret"));
        using var stream = new MemoryStream();
        await fetched.WriteToAsync(stream);
        var viaImap = MailReader.Read(fetched, stream.ToArray());

        Assert.Equal(direct.MessageId, viaImap.MessageId);
        Assert.Equal(direct.NewText, viaImap.NewText);
        Assert.Equal(direct.Attachments.Select(a => (a.FileName, a.Size, a.Inline)), viaImap.Attachments.Select(a => (a.FileName, a.Size, a.Inline)));
    }

    [Fact]
    public async Task IMAP_can_be_stopped_and_started_again_on_the_same_port_with_the_same_mail()
    {
        RequireImap();
        var user = imap.AddUser(NewUser(), "restart-secret");
        await imap.AppendAsync(user, "restart-secret", Request("Before the outage"));
        var port = imap.Port;

        await imap.StopAsync();
        try
        {
            Assert.False(imap.Running);
            await Assert.ThrowsAnyAsync<SocketException>(() => imap.CountAsync(user, "restart-secret"));
            var late = imap.AddUser(NewUser(), "late-secret"); // a user added while the server is down
            await imap.StartAsync();

            Assert.Equal(port, imap.Port);
            Assert.Equal("Before the outage", Assert.Single(await imap.ReadFolderAsync(user, "restart-secret")).Subject);
            Assert.Equal(0, await imap.CountAsync(late, "late-secret"));
        }
        finally
        {
            await imap.StartAsync(); // leave it running for the other tests whatever happened
        }
    }

    // ---- SMTP ----------------------------------------------------------------------------------

    private async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(smtp.Host, smtp.Port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    [Fact]
    public async Task A_message_sent_by_SMTP_without_authentication_or_TLS_lands_in_the_sink()
    {
        RequireSmtp();
        var sent = Request("[SD-000123] We have logged your request");
        sent.From.Clear();
        sent.From.Add(new MailboxAddress("Shared ICT Service Desk", "desk@sharedict.example"));
        sent.To.Clear();
        sent.To.Add(new MailboxAddress("Sarah Hughes", "sarah.hughes@maidstone.example"));

        await SendAsync(sent);

        var received = Assert.Single(smtp.Messages(), m => m.MessageId == sent.MessageId);
        Assert.Equal("[SD-000123] We have logged your request", received.Subject);
        Assert.Equal("desk@sharedict.example", received.From.Mailboxes.Single().Address);
        Assert.Equal("sarah.hughes@maidstone.example", received.To.Mailboxes.Single().Address);
        Assert.Equal("The printer on the 2nd floor is not printing.", received.TextBody?.TrimEnd());
    }

    [Fact]
    public async Task SMTP_can_be_stopped_and_started_again_on_the_same_port_keeping_what_it_received()
    {
        RequireSmtp();
        var before = Request("Before the outage");
        await SendAsync(before);
        var port = smtp.Port;

        await smtp.StopAsync();
        try
        {
            Assert.False(smtp.Running);
            await Assert.ThrowsAnyAsync<SocketException>(() => SendAsync(Request("During the outage")));
            await smtp.StartAsync();

            Assert.Equal(port, smtp.Port);
            var after = Request("After the outage");
            await SendAsync(after);
            var ids = smtp.Messages().Select(m => m.MessageId).ToList();
            Assert.Contains(before.MessageId, ids);
            Assert.Contains(after.MessageId, ids);
        }
        finally
        {
            await smtp.StartAsync();
        }
    }
}
