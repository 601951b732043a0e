namespace ServiceDesk.Infrastructure.Email;

/// <summary>How to reach a mail server: TLS mode as MailKit names it (None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable).</summary>
public class MailServerOptions
{
    public string? Host { get; set; }
    public int Port { get; set; }
    public string Security { get; set; } = "Auto";
    public string? Username { get; set; }
    public string? Password { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public MailKit.Security.SecureSocketOptions SocketOptions =>
        Enum.TryParse<MailKit.Security.SecureSocketOptions>(Security, true, out var o) ? o
            : throw new InvalidOperationException($"Security '{Security}' is not one of None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable.");
}

/// <summary>Outbound mail (ServiceDesk:Email:Smtp). Without a host, mail is written as .eml files to PickupDirectory.</summary>
public sealed class SmtpOptions : MailServerOptions
{
    public const string Section = "ServiceDesk:Email:Smtp";

    /// <summary>Where mail goes when no SMTP server is configured (relative to the content root).</summary>
    public string PickupDirectory { get; set; } = "data/outbox";
}

/// <summary>The desk mailbox (ServiceDesk:Email:Imap): polled when a host is set.</summary>
public sealed class ImapOptions : MailServerOptions
{
    public const string Section = "ServiceDesk:Email:Imap";

    public string Inbox { get; set; } = "INBOX";
    public string ProcessedFolder { get; set; } = "Processed";
    public string FailedFolder { get; set; } = "Failed";

    /// <summary>How often the mailbox is read.</summary>
    public int PollSeconds { get; set; } = 30;
}

/// <summary>Told when a save has written mail to the outbox, so it can be sent without waiting for the next sweep.</summary>
public interface IOutboxTrigger
{
    void MailWritten();
}
