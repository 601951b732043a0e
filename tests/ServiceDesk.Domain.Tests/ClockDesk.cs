using Microsoft.Extensions.Time.Testing;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

/// <summary>
/// Drives tickets of the <see cref="TestDesk"/> partnership through time for the SLA and OLA
/// clock tests. "Now" comes from a <see cref="FakeTimeProvider"/> that the tests move forward,
/// and, as the application does, every domain call is followed by <c>UpdateClocks</c> at the
/// same instant with the terms for the ticket's current priority and resolver group: the default
/// SLA targets of its service tier, the default OLA of its group and a warning at 75 %.
/// </summary>
internal sealed class ClockDesk
{
    public const double WarningFraction = 0.75;

    private static readonly TimeZoneInfo LondonZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private long _nextTicketId = 500;

    public ClockDesk(DateTime startUtc, BusinessCalendar? calendar = null)
    {
        Desk = new TestDesk();
        Calendar = calendar ?? Desk.Calendar;
        Time = new FakeTimeProvider(new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)));

        // A priced (enhanced) service: its requests wait for the council approver.
        AdditionalMonitor = new CatalogueService("Additional monitor", "A second or larger monitor for a council desk.",
            ServiceTier.Enhanced, 145m, Desk.ServiceDeskGroup.Id).WithId(30);
        Approver = new Person("maria.lopez@swale.example", "Maria Lopez", PersonRoles.Requester | PersonRoles.Approver, Desk.Swale.Id).WithId(103);
    }

    public TestDesk Desk { get; }
    public BusinessCalendar Calendar { get; }
    public FakeTimeProvider Time { get; }
    public CatalogueService AdditionalMonitor { get; }
    public Person Approver { get; }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    /// <summary>Moves "now" forward to <paramref name="utc"/> (never back).</summary>
    public void At(DateTime utc) => Time.SetUtcNow(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>The extended-hours calendar: 07:00–19:00 Monday to Friday, Europe/London, closed on bank holidays.</summary>
    public static BusinessCalendar ExtendedCalendar()
    {
        var calendar = new BusinessCalendar("Extended hours", new TimeOnly(7, 0), new TimeOnly(19, 0)).WithId(2);
        foreach (var (date, name) in BankHolidays.EnglandAndWales)
            calendar.AddClosure(date, name, ClosureKind.BankHoliday);
        return calendar;
    }

    public static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>London wall-clock time of a UTC instant.</summary>
    public static DateTime London(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), LondonZone);

    /// <summary>London's offset from UTC at a UTC instant: zero in winter (GMT), one hour in summer (BST).</summary>
    public static TimeSpan LondonOffset(DateTime utc) => LondonZone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    /// <summary>The default terms for a service tier, priority and resolver group on a calendar.</summary>
    public static SlaTerms Terms(BusinessCalendar calendar, ServiceTier tier, Priority priority, int? resolverGroupId)
    {
        var sla = SlaTarget.Defaults().Single(t => t.Tier == tier && t.Priority == priority);
        var ola = resolverGroupId is int group ? OlaTarget.DefaultsFor(group).Single(t => t.Priority == priority) : null;
        return new SlaTerms(calendar, sla.Response, sla.Resolution, ola?.Response, ola?.Resolution, WarningFraction);
    }

    public SlaTerms TermsFor(Ticket ticket) =>
        Terms(Calendar, ticket.Service?.Tier ?? throw new InvalidOperationException("The ticket has no service."), ticket.Priority, ticket.ResolverGroupId);

    /// <summary>Brings the ticket's clocks in line at "now", as the application and its sweep do.</summary>
    public IReadOnlyList<ClockAlert> Update(Ticket ticket) => ticket.UpdateClocks(TermsFor(ticket), Now);

    /// <summary>
    /// Raises a ticket now and updates its clocks. By default a Maidstone desktop hardware incident,
    /// routed to the shared Service Desk group; a Swale one goes to Swale's on-site team.
    /// </summary>
    public Ticket Raise(Impact impact, Urgency urgency, Person? requester = null, Council? council = null,
        CatalogueService? service = null, TicketType type = TicketType.Incident)
    {
        requester ??= Desk.MaidstoneRequester;
        council ??= requester.MainCouncilId == Desk.Swale.Id ? Desk.Swale : Desk.Maidstone;
        service ??= Desk.DesktopHardware;
        var ticket = Ticket.Raise(type, "Docking station not detecting monitors", "Both screens stay black when I dock.",
                requester, council, service, Desk.GroupFor(service, council), null, impact, urgency, Channel.Portal, Actor.Of(requester), Now)
            .WithId(_nextTicketId++);
        var alerts = Update(ticket);
        Assert.Empty(alerts);
        return ticket;
    }

    /// <summary>Raises a ticket of the given priority (through the impact × urgency matrix).</summary>
    public Ticket Raise(Priority priority, Person? requester = null, Council? council = null,
        CatalogueService? service = null, TicketType type = TicketType.Incident)
    {
        var (impact, urgency) = ImpactAndUrgencyOf(priority);
        return Raise(impact, urgency, requester, council, service, type);
    }

    /// <summary>An impact and urgency that the priority matrix turns into <paramref name="priority"/>.</summary>
    public static (Impact Impact, Urgency Urgency) ImpactAndUrgencyOf(Priority priority) => priority switch
    {
        Priority.P1 => (Impact.High, Urgency.High),
        Priority.P2 => (Impact.High, Urgency.Medium),
        Priority.P3 => (Impact.Medium, Urgency.Medium),
        Priority.P4 => (Impact.Medium, Urgency.Low),
        _ => (Impact.Low, Urgency.Low),
    };

    public IReadOnlyList<ClockAlert> Reprioritise(Ticket ticket, Priority priority, Person by)
    {
        var (impact, urgency) = ImpactAndUrgencyOf(priority);
        return Reprioritise(ticket, impact, urgency, by);
    }

    public IReadOnlyList<ClockAlert> Take(Ticket ticket, Person agent)
    {
        ticket.Take(agent, Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> Assign(Ticket ticket, ResolverGroup group, Person? assignee, Person by)
    {
        ticket.Assign(group, assignee, by, Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> Reply(Ticket ticket, Person author, bool authorIsStaff) =>
        Comment(ticket, author, "Thanks, looking at this now.", isInternal: false, authorIsStaff);

    public IReadOnlyList<ClockAlert> Note(Ticket ticket, Person author) =>
        Comment(ticket, author, "Checked the dock's firmware version.", isInternal: true, authorIsStaff: true);

    public IReadOnlyList<ClockAlert> Comment(Ticket ticket, Person author, string body, bool isInternal, bool authorIsStaff)
    {
        ticket.Comment(author, body, isInternal, authorIsStaff, Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> ChangeStatus(Ticket ticket, TicketStatus to, Person by)
    {
        ticket.ChangeStatus(to, to == TicketStatus.Resolved ? "Replaced the docking station." : null, Actor.Of(by), Calendar, Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> Resolve(Ticket ticket, Person by)
    {
        ticket.Resolve("Replaced the docking station.", Actor.Of(by), Calendar, Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> Reopen(Ticket ticket, Person by)
    {
        ticket.Reopen("The screens went black again.", by, Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> Reprioritise(Ticket ticket, Impact impact, Urgency urgency, Person by)
    {
        ticket.Reprioritise(impact, urgency, Actor.Of(by), Now);
        return Update(ticket);
    }

    public IReadOnlyList<ClockAlert> Approve(Ticket ticket)
    {
        ticket.StartClocksOnApproval(Actor.Of(Approver), Now);
        return Update(ticket);
    }

    /// <summary>The ticket's current clock of a kind; fails if there is none.</summary>
    public static SlaClock Clock(Ticket ticket, ClockKind kind) =>
        ticket.ClockOf(kind) ?? throw new InvalidOperationException($"The ticket has no current {kind} clock.");
}
