using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>The real mail servers the desk's mail tests run against: Dovecot (IMAP) and aiosmtpd (SMTP).</summary>
public sealed class MailServerFixtureTests(MailServers servers) : IClassFixture<MailServers>
{
    private readonly DovecotServer _imap = servers.Imap;
    private readonly SmtpSink _smtp = servers.Smtp;

    private void RequireImap() => RealParts.Require(_imap.Available, DovecotServer.DebianPackage, "The IMAP fixture test");
    private void RequireSmtp() => RealParts.Require(_smtp.Available, SmtpSink.DebianPackage, "The SMTP fixture test");

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
        var user = _imap.AddUser(NewUser(), "inbox-secret");
        var sent = Request("Printer on 2nd floor not printing");

        await _imap.AppendAsync(user, "inbox-secret", sent);

        var inbox = await _imap.ReadFolderAsync(user, "inbox-secret", "INBOX");
        var read = Assert.Single(inbox);
        Assert.Equal(sent.MessageId, read.MessageId);
        Assert.Equal("Printer on 2nd floor not printing", read.Subject);
        Assert.Equal("The printer on the 2nd floor is not printing.", read.TextBody?.TrimEnd());
        Assert.Equal(1, await _imap.CountAsync(user, "inbox-secret", "INBOX"));
    }

    [Fact]
    public async Task A_message_appended_to_a_Processed_folder_creates_it_and_is_counted_there_only()
    {
        RequireImap();
        var user = _imap.AddUser(NewUser(), "processed-secret");
        Assert.Empty(await _imap.ReadFolderAsync(user, "processed-secret", "Processed"));
        Assert.Equal(0, await _imap.CountAsync(user, "processed-secret", "Processed"));

        await _imap.AppendAsync(user, "processed-secret", Request("First"), "Processed");
        await _imap.AppendAsync(user, "processed-secret", Request("Second"), "Processed");

        var processed = await _imap.ReadFolderAsync(user, "processed-secret", "Processed");
        Assert.Equal(["First", "Second"], processed.Select(m => m.Subject));
        Assert.Equal(2, await _imap.CountAsync(user, "processed-secret", "Processed"));
        Assert.Equal(0, await _imap.CountAsync(user, "processed-secret", "INBOX"));
    }

    [Fact]
    public async Task Users_are_kept_apart_and_a_wrong_password_is_refused()
    {
        RequireImap();
        var sarah = _imap.AddUser(NewUser(), "sarah-secret");
        var tom = _imap.AddUser(NewUser(), "tom-secret");

        await _imap.AppendAsync(sarah, "sarah-secret", Request("For Sarah's mailbox"));

        Assert.Equal(1, await _imap.CountAsync(sarah, "sarah-secret"));
        Assert.Equal(0, await _imap.CountAsync(tom, "tom-secret"));
        await Assert.ThrowsAsync<AuthenticationException>(() => _imap.CountAsync(tom, "not-toms-password"));
    }

    [Fact]
    public async Task A_corpus_message_survives_the_trip_through_IMAP_and_reads_the_same()
    {
        RequireImap();
        var user = _imap.AddUser(NewUser(), "corpus-secret");
        var raw = MailCorpus.Raw("inline-image-and-pdf.eml");
        var direct = MailReader.Read(raw);

        await _imap.AppendAsync(user, "corpus-secret", MimeMessage.Load(new MemoryStream(raw)));
        var fetched = Assert.Single(await _imap.ReadFolderAsync(user, "corpus-secret"));
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
        var user = _imap.AddUser(NewUser(), "restart-secret");
        await _imap.AppendAsync(user, "restart-secret", Request("Before the outage"));
        var port = _imap.Port;

        await _imap.StopAsync();
        try
        {
            Assert.False(_imap.Running);
            await Assert.ThrowsAnyAsync<SocketException>(() => _imap.CountAsync(user, "restart-secret"));
            var late = _imap.AddUser(NewUser(), "late-secret"); // a user added while the server is down
            await _imap.StartAsync();

            Assert.Equal(port, _imap.Port);
            Assert.Equal("Before the outage", Assert.Single(await _imap.ReadFolderAsync(user, "restart-secret")).Subject);
            Assert.Equal(0, await _imap.CountAsync(late, "late-secret"));
        }
        finally
        {
            await _imap.StartAsync(); // leave it running for the other tests whatever happened
        }
    }

    // ---- SMTP ----------------------------------------------------------------------------------

    private async Task SendAsync(MimeMessage message)
    {
        using var client = new SmtpClient { Timeout = 10_000 };
        await client.ConnectAsync(_smtp.Host, _smtp.Port, SecureSocketOptions.None);
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

        var received = Assert.Single(_smtp.Messages(), m => m.MessageId == sent.MessageId);
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
        var port = _smtp.Port;

        await _smtp.StopAsync();
        try
        {
            Assert.False(_smtp.Running);
            await Assert.ThrowsAnyAsync<SocketException>(() => SendAsync(Request("During the outage")));
            await _smtp.StartAsync();

            Assert.Equal(port, _smtp.Port);
            var after = Request("After the outage");
            await SendAsync(after);
            var ids = _smtp.Messages().Select(m => m.MessageId).ToList();
            Assert.Contains(before.MessageId, ids);
            Assert.Contains(after.MessageId, ids);
        }
        finally
        {
            await _smtp.StartAsync();
        }
    }
}
