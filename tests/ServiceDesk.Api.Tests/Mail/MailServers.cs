using ServiceDesk.TestSupport;

namespace ServiceDesk.Api.Tests.Mail;

/// <summary>One mailbox server (Dovecot) and one SMTP server (aiosmtpd) for a class of mail tests.</summary>
public sealed class MailServers : IAsyncLifetime
{
    public DovecotServer Imap { get; } = new();
    public SmtpSink Smtp { get; } = new();

    public async ValueTask InitializeAsync()
    {
        try
        {
            await Imap.InitializeAsync();
            await Smtp.InitializeAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose start failed: stop whichever server did start.
            await DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await Imap.DisposeAsync();
    }
}
