using System.Security.Cryptography;
using System.Text;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// The partnership this desk serves (one row): its name, whether it is the demo partnership, and,
/// until someone completes the first-run setup, the hash of the one-time setup token.
/// </summary>
public sealed class PartnershipSettings
{
    private PartnershipSettings() { }

    public int Id { get; private set; }

    /// <summary>The partnership's name; empty until the first-run setup gives it.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The shared ICT team's mail domain (that of the first service manager): its people may receive any council's reports.</summary>
    public string? SharedIctDomain { get; private set; }

    /// <summary>The demo partnership, for trying the desk: every page says so.</summary>
    public bool IsDemo { get; private set; }

    /// <summary>SHA-256 of the setup token (hex); null once setup is done.</summary>
    public string? SetupTokenHash { get; private set; }

    /// <summary>When the first-run setup was completed (or the demo seeded).</summary>
    public DateTime? SetUpAt { get; private set; }

    public bool IsSetUp => SetUpAt is not null;

    /// <summary>
    /// The calendar the clocks of P1 incidents and major incidents count in; null for the built-in
    /// 24×7 calendar (<see cref="Calendars.BusinessCalendar.AroundTheClock"/>), the default.
    /// </summary>
    public int? MajorIncidentCalendarId { get; private set; }

    /// <summary>A service manager chooses the calendar of P1 and major incidents (null: 24×7).</summary>
    public void UseMajorIncidentCalendar(int? calendarId) => MajorIncidentCalendarId = calendarId;

    /// <summary>The demo partnership, ready to use.</summary>
    public static PartnershipSettings Demo(string name, string sharedIctDomain, DateTime now) =>
        new() { Name = name, IsDemo = true, SharedIctDomain = sharedIctDomain, SetUpAt = now };

    /// <summary>An empty desk waiting for its first-run setup; returns the token for the setup link (only its hash is kept).</summary>
    public static (PartnershipSettings Settings, string Token) AwaitingSetup()
    {
        var settings = new PartnershipSettings();
        return (settings, settings.IssueSetupToken());
    }

    /// <summary>A new setup token (a restart before setup issues a fresh link; the old one dies).</summary>
    public string IssueSetupToken()
    {
        if (IsSetUp) throw new InvalidOperationException("The partnership is already set up.");
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        SetupTokenHash = Hash(token);
        return token;
    }

    /// <summary>Whether this token opens the setup (constant time; false once setup is done).</summary>
    public bool AcceptsSetupToken(string? token) =>
        !IsSetUp && SetupTokenHash is not null && !string.IsNullOrEmpty(token)
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(SetupTokenHash));

    /// <summary>Completes the first-run setup: the partnership gets its name and the token dies.</summary>
    public void CompleteSetup(string token, string name, string firstServiceManagerEmail, DateTime now)
    {
        if (!AcceptsSetupToken(token)) throw new NotFoundException("Setup");
        Name = name.Trim();
        SharedIctDomain = firstServiceManagerEmail[(firstServiceManagerEmail.IndexOf('@') + 1)..].Trim().ToLowerInvariant();
        SetupTokenHash = null;
        SetUpAt = now;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
