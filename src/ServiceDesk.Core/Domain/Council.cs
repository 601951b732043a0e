using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>A partner council: sovereign over its staff, budget and data.</summary>
[DisplayName("Council")]
public sealed class Council : IAudited
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

    /// <summary>Who receives the council's monthly SLA report by email.</summary>
    public List<string> ReportRecipients { get; private set; } = [];

    /// <summary>Who receives the council's quarterly recharge statement by email.</summary>
    public string? FinanceContact { get; private set; }

    public List<CouncilSubscription> Subscriptions { get; private set; } = [];

    /// <summary>When the council left the partnership; null while it is a partner.</summary>
    public DateTime? WithdrawnAt { get; private set; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    /// <summary>
    /// The council leaves the partnership: its people can no longer sign in or raise tickets, while its
    /// records, reports and statements stay for shared ICT.
    /// </summary>
    public void Withdraw(DateTime now)
    {
        if (IsWithdrawn) throw new FieldException("code", $"{Name} has already withdrawn from the partnership.");
        WithdrawnAt = now;
    }

    /// <summary>Sets who receives the recharge statement (none: it is not emailed).</summary>
    public void SetFinanceContact(string? address) =>
        FinanceContact = string.IsNullOrWhiteSpace(address) ? null : address.Trim().ToLowerInvariant();

    /// <summary>
    /// Subscribes the council to an enhanced service; a service that changes the service level (extended
    /// support hours) moves the council to its calendar. True if the calendar changed.
    /// </summary>
    public bool Subscribe(CatalogueService service, DateOnly startsOn, decimal annualCost)
    {
        if (Subscriptions.Any(s => s.ServiceId == service.Id && s.EndsOn is null))
            throw new ConflictException($"{Name} already subscribes to '{service.Name}'.");
        Subscriptions.Add(new CouncilSubscription(Id, service, startsOn, annualCost));
        if (service.SubscriberCalendarId is not int calendar || calendar == CalendarId) return false;
        CalendarId = calendar;
        return true;
    }

    /// <summary>A service manager keeps the council's details current.</summary>
    public void Update(string name, IEnumerable<string> mailDomains, int activeUsers, int calendarId, IEnumerable<string> reportRecipients)
    {
        var domains = mailDomains.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        if (domains.Count == 0) throw new FieldException("mailDomains", "A council needs at least one mail domain.");
        if (activeUsers < 0) throw new FieldException("activeUsers", "Active users cannot be negative.");
        Name = name.Trim();
        MailDomains = domains;
        ActiveUsers = activeUsers;
        CalendarId = calendarId;
        ReportRecipients = reportRecipients.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct().ToList();
    }

    public string AuditKey(IAuditNames names) => Code;

    public bool OwnsMailDomain(string domain) => MailDomains.Contains(domain.Trim().ToLowerInvariant());
}
