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

/// <summary>Sends over SMTP with MailKit.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public async Task SendAsync(OutgoingMail mail, CancellationToken ct)
    {
        var o = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(o.Host!, o.Port == 0 ? 25 : o.Port, o.SocketOptions, ct);
        if (!string.IsNullOrEmpty(o.Username)) await client.AuthenticateAsync(o.Username, o.Password ?? "", ct);
        await client.SendAsync(OutgoingMessage.Build(mail), ct);
        await client.DisconnectAsync(true, ct);
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
