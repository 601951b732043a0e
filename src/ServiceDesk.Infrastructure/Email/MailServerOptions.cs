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

/// <summary>Checks a mail server's settings at start-up, naming the valid values of each wrong one.</summary>
public sealed class MailServerOptionsValidator<T>(string section, int defaultPort) : Microsoft.Extensions.Options.IValidateOptions<T>
    where T : MailServerOptions
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        if (!Enum.TryParse<MailKit.Security.SecureSocketOptions>(options.Security, true, out _) || int.TryParse(options.Security, out _))
            failures.Add($"{section}:Security is '{options.Security}', which is not one of {string.Join(", ", Enum.GetNames<MailKit.Security.SecureSocketOptions>())}.");
        if (options.Port is < 0 or > 65535)
            failures.Add($"{section}:Port is {options.Port}, which is not a port: use 1 to 65535, or leave it out for {defaultPort}.");
        if (options.IsConfigured && options.Host is { } host && Uri.CheckHostName(host.Trim()) == UriHostNameType.Unknown)
            failures.Add($"{section}:Host '{host}' is not a host name or address, e.g. mail.council.example.");
        if (options is ImapOptions { PollSeconds: < 1 } imap)
            failures.Add($"{section}:PollSeconds is {imap.PollSeconds}; it must be 1 or more, e.g. 30.");
        if (options is ImapOptions { BatchSize: < 1 or > 1000 } batch)
            failures.Add($"{section}:BatchSize is {batch.BatchSize}; it must be 1 to 1000, e.g. 50.");
        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
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

    /// <summary>
    /// How many messages are fetched in one command, and moved in one command once all their outcomes are
    /// committed. A desk that stops mid-batch reads the batch again and skips what it had processed.
    /// </summary>
    public int BatchSize { get; set; } = 50;
}

/// <summary>Told when a save has written mail to the outbox, so it can be sent without waiting for the next sweep.</summary>
public interface IOutboxTrigger
{
    void MailWritten();
}
