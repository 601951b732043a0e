namespace ServiceDesk.Core.Domain;

/// <summary>A partner council: sovereign over its staff, budget and data.</summary>
public sealed class Council
{
    private Council() { }

    public Council(string code, string name, IEnumerable<string> mailDomains, int activeUsers, int calendarId)
    {
        Code = code.ToUpperInvariant();
        Name = name;
        MailDomains = mailDomains.Select(d => d.Trim().ToLowerInvariant()).ToList();
        ActiveUsers = activeUsers;
        CalendarId = calendarId;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public List<string> MailDomains { get; private set; } = [];
    public int ActiveUsers { get; private set; }
    public int CalendarId { get; private set; }
    public Calendars.BusinessCalendar? Calendar { get; private set; }

    public bool OwnsMailDomain(string domain) => MailDomains.Contains(domain.Trim().ToLowerInvariant());
}
