using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceDesk.Core.Features.Email;

namespace ServiceDesk.Infrastructure.Email;

/// <summary>Builds the MIME message for an outgoing email: threading headers, and loop guards on system mail.</summary>
public static class OutgoingMessage
{
    public static MimeMessage Build(OutgoingMail mail)
    {
        var message = new MimeMessage
        {
            MessageId = mail.MessageId,
            Subject = mail.Subject,
            Body = BodyOf(mail),
        };
        message.From.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        message.ReplyTo.Add(new MailboxAddress(mail.FromName, mail.FromAddress));
        message.To.Add(MailboxAddress.Parse(mail.ToAddress));
        if (mail.InReplyTo is { } inReplyTo)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }
        if (mail.AutoSubmitted)
        {
            // RFC 3834: automatic mail must say so, so that other systems never answer it.
            message.Headers.Add("Auto-Submitted", "auto-generated");
            message.Headers.Add("X-Auto-Response-Suppress", "All");
        }
        return message;
    }

    /// <summary>Plain text alone; or text with an HTML alternative; and any attachment alongside.</summary>
    private static MimeEntity BodyOf(OutgoingMail mail)
    {
        var body = new BodyBuilder { TextBody = mail.Body, HtmlBody = mail.HtmlBody };
        foreach (var file in new[] { mail.Attachment, mail.SecondAttachment }.OfType<MailAttachment>())
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        return body.ToMessageBody();
    }
}

/// <summary>
/// Sends over SMTP with MailKit, keeping one connection for as long as its scope lives (a dispatcher's
/// run over the outbox), so a batch of mail costs one connection, not one each. A kept connection the
/// server has dropped (an idle timeout, a restart) is replaced and the message tried once more on the
/// new one; any other failure closes the connection, so the next message starts on a fresh one.
/// </summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender, IDisposable, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;

    /// <summary>How many connections this sender has opened (for tests and benchmarks).</summary>
    public int Connections { get; private set; }

    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var message = OutgoingMessage.Build(mail);
        await _gate.WaitAsync(ct);
        try
        {
            var kept = _client is { IsConnected: true };
            try
            {
                await (await ConnectedAsync(ct)).SendAsync(message, ct);
            }
            catch (Exception e) when (kept && IsDroppedConnection(e))
            {
                // The server closed the connection while it waited; the message did not reach it.
                Close();
                await (await ConnectedAsync(ct)).SendAsync(message, ct);
            }
        }
        catch
        {
            Close();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true } client) return client;
        Close();
        var o = options.Value;
        client = new SmtpClient();
        try
        {
            await client.ConnectAsync(o.Host!, o.Port == 0 ? 25 : o.Port, o.SocketOptions, ct);
            if (!string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
        }
        catch
        {
            client.Dispose();
            throw;
        }
        Connections++;
        return _client = client;
    }

    private static bool IsDroppedConnection(Exception e) =>
        e is IOException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or SmtpProtocolException;

    private void Close()
    {
        _client?.Dispose();
        _client = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true } client)
        {
            try
            {
                await client.DisconnectAsync(true);
            }
            catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or MailKit.ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException)
            {
                // Closing politely failed: the socket is closed below all the same.
            }
        }
        Close();
        _gate.Dispose();
    }

    public void Dispose()
    {
        Close();
        _gate.Dispose();
    }
}

/// <summary>The embedded default: each email is written as an .eml file to a folder, never sent.</summary>
public sealed class PickupDirectoryMailSender(string directory, TimeProvider time) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var safe = string.Concat(mail.MessageId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_'));
        var path = Path.Combine(directory, $"{time.GetUtcNow():yyyyMMddHHmmss}-{safe}.eml");
        await OutgoingMessage.Build(mail).WriteToAsync(path, ct);
    }
}
