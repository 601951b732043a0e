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

    /// <summary>Each change of the active user count, from the day it applied: a past quarter uses that quarter's count.</summary>
    public List<ActiveUserCount> ActiveUserHistory { get; private set; } = [];

    /// <summary>Years a closed ticket keeps its personal data before it is anonymised (UK GDPR storage limitation).</summary>
    public int RetentionYears { get; private set; } = DefaultRetentionYears;

    public const int DefaultRetentionYears = 6;

    /// <summary>The council's active users on a day: the count in force then (the current one if it never changed).</summary>
    public int ActiveUsersOn(DateOnly day)
    {
        if (ActiveUserHistory.Count == 0) return ActiveUsers;
        var ordered = ActiveUserHistory.OrderBy(h => h.From).ToList();
        return ordered.LastOrDefault(h => h.From <= day)?.Count ?? ordered[0].Previous;
    }

    /// <summary>A service manager sets how long closed tickets keep personal data (1 to 100 years).</summary>
    public void SetRetention(int years)
    {
        if (years is < 1 or > 100) throw new FieldException("retentionYears", "Retention is a whole number of years from 1 to 100.");
        RetentionYears = years;
    }

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
    public void Update(string name, IEnumerable<string> mailDomains, int activeUsers, int calendarId, IEnumerable<string> reportRecipients, DateOnly? today = null)
    {
        var domains = mailDomains.Select(d => d.Trim().ToLowerInvariant()).Where(d => d.Length > 0).Distinct().ToList();
        if (domains.Count == 0) throw new FieldException("mailDomains", "A council needs at least one mail domain.");
        if (activeUsers < 0) throw new FieldException("activeUsers", "Active users cannot be negative.");
        Name = name.Trim();
        MailDomains = domains;
        if (today is DateOnly day && activeUsers != ActiveUsers)
        {
            // One entry a day: a second change the same day corrects the first.
            if (ActiveUserHistory.FirstOrDefault(h => h.From == day) is { } same) same.Correct(activeUsers);
            else ActiveUserHistory.Add(new ActiveUserCount(day, activeUsers, ActiveUsers));
        }
        ActiveUsers = activeUsers;
        CalendarId = calendarId;
        ReportRecipients = reportRecipients.Select(r => r.Trim().ToLowerInvariant()).Where(r => r.Length > 0).Distinct().ToList();
    }

    public string AuditKey(IAuditNames names) => Code;

    public bool OwnsMailDomain(string domain) => MailDomains.Contains(domain.Trim().ToLowerInvariant());
}

/// <summary>A council's active user count from a day on, and the count it replaced.</summary>
public sealed class ActiveUserCount
{
    private ActiveUserCount() { }

    public ActiveUserCount(DateOnly from, int count, int previous)
    {
        From = from;
        Count = count;
        Previous = previous;
    }

    public long Id { get; private set; }
    public int CouncilId { get; private set; }
    public DateOnly From { get; private set; }
    public int Count { get; private set; }
    public int Previous { get; private set; }

    internal void Correct(int count) => Count = count;
}
