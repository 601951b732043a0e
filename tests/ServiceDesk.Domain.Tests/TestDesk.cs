using System.Globalization;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Domain.Tests;

/// <summary>Gives entities the Id the database would give them on save.</summary>
internal static class EntityIds
{
    public static T WithId<T>(this T entity, long id) where T : class
    {
        var property = typeof(T).GetProperty("Id")
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no Id property.");
        property.SetValue(entity, Convert.ChangeType(id, property.PropertyType, CultureInfo.InvariantCulture));
        return entity;
    }
}

/// <summary>
/// A small partnership to raise tickets in: Swale and Maidstone, the shared Service Desk group,
/// Swale's and Maidstone's on-site desktop teams, the "Desktop hardware" service (routed to
/// Swale's own team for Swale) and the standard calendar with the England and Wales bank holidays.
/// </summary>
internal sealed class TestDesk
{
    /// <summary>Monday 12 January 2026, 09:00 in London (GMT, so also 09:00 UTC).</summary>
    public static readonly DateTime Monday0900 = new(2026, 1, 12, 9, 0, 0, DateTimeKind.Utc);

    public TestDesk()
    {
        Calendar = StandardCalendar();

        Swale = new Council("SBC", "Swale Borough Council", ["swale.example"], 800, 1).WithId(1);
        Maidstone = new Council("MBC", "Maidstone Borough Council", ["maidstone.example"], 1200, 1).WithId(2);

        SwaleRequester = new Person("frank.green@swale.example", "Frank Green", PersonRoles.Requester, Swale.Id).WithId(100);
        MaidstoneRequester = new Person("alice.turner@maidstone.example", "Alice Turner", PersonRoles.Requester, Maidstone.Id).WithId(101);
        SwaleTechnician = new Person("jack.kent@swale.example", "Jack Kent", PersonRoles.Requester | PersonRoles.ResolverGroupMember, Swale.Id).WithId(102);
        Agent = new Person("priya.shah@sharedict.example", "Priya Shah", PersonRoles.Agent | PersonRoles.ResolverGroupMember, null).WithId(200);
        OtherAgent = new Person("tom.okafor@sharedict.example", "Tom Okafor", PersonRoles.Agent | PersonRoles.ResolverGroupMember, null).WithId(201);
        Engineer = new Person("dan.whitfield@sharedict.example", "Dan Whitfield", PersonRoles.ResolverGroupMember, null).WithId(202);

        ServiceDeskGroup = new ResolverGroup("Service Desk", null).WithId(10);
        ServiceDeskGroup.SetLead(Agent.Id);
        ServiceDeskGroup.AddMember(OtherAgent.Id);
        ServiceDeskGroup.AddMember(Engineer.Id);

        SwaleOnSite = new ResolverGroup("Swale on-site desktop", Swale.Id).WithId(11);
        SwaleOnSite.SetLead(SwaleTechnician.Id);
        SwaleOnSite.AddMember(OtherAgent.Id);

        MaidstoneOnSite = new ResolverGroup("Maidstone on-site desktop", Maidstone.Id).WithId(12);
        MaidstoneOnSite.SetLead(OtherAgent.Id);

        DesktopHardware = new CatalogueService("Desktop hardware", "Council laptops, desktops, docks and peripherals.",
            ServiceTier.Essential, 0, ServiceDeskGroup.Id).WithId(20);
        DesktopHardware.RouteCouncilTo(Swale.Id, SwaleOnSite.Id);

        PasswordReset = new CatalogueService("Password and account access", "Password resets and locked accounts.",
            ServiceTier.Essential, 0, ServiceDeskGroup.Id).WithId(21);
    }

    public BusinessCalendar Calendar { get; }
    public Council Swale { get; }
    public Council Maidstone { get; }
    public Person SwaleRequester { get; }
    public Person MaidstoneRequester { get; }

    /// <summary>Swale staff, lead of Swale's on-site team; not a desk agent.</summary>
    public Person SwaleTechnician { get; }

    /// <summary>Shared ICT desk agents (no council).</summary>
    public Person Agent { get; }
    public Person OtherAgent { get; }

    /// <summary>Shared ICT resolver, member of the Service Desk group but not an agent.</summary>
    public Person Engineer { get; }

    public ResolverGroup ServiceDeskGroup { get; }
    public ResolverGroup SwaleOnSite { get; }
    public ResolverGroup MaidstoneOnSite { get; }
    public CatalogueService DesktopHardware { get; }
    public CatalogueService PasswordReset { get; }

    /// <summary>"Standard": 08:30–17:00 Monday to Friday, Europe/London, closed on bank holidays.</summary>
    public static BusinessCalendar StandardCalendar()
    {
        var calendar = new BusinessCalendar("Standard", new TimeOnly(8, 30), new TimeOnly(17, 0)).WithId(1);
        foreach (var (date, name) in BankHolidays.EnglandAndWales)
            calendar.AddClosure(date, name, ClosureKind.BankHoliday);
        return calendar;
    }

    /// <summary>A Swale requester's desktop hardware incident, logged on the portal.</summary>
    /// <summary>The group a new ticket of the service goes to for the council, as the desk's routing names it.</summary>
    public ResolverGroup GroupFor(CatalogueService service, Council council) =>
        new[] { ServiceDeskGroup, SwaleOnSite, MaidstoneOnSite }.Single(g => g.Id == service.ResolverGroupFor(council.Id));

    public Ticket Raise(DateTime at) => Raise(SwaleRequester, Swale, DesktopHardware, at);

    public Ticket Raise(Person requester, Council council, CatalogueService service, DateTime at) =>
        Ticket.Raise(TicketType.Incident, "Docking station not detecting monitors", "Both screens stay black when I dock.",
            requester, council, service, GroupFor(service, council), null, Impact.Medium, Urgency.Medium, Channel.Portal, Actor.Of(requester), at)
            .WithId(123);

    /// <summary>Raises a ticket and walks it to <paramref name="status"/> through the domain's own methods.</summary>
    public Ticket TicketIn(TicketStatus status, DateTime at)
    {
        var ticket = Raise(at);
        if (status == TicketStatus.New) return ticket;

        ticket.Take(Agent, at.AddMinutes(5));
        var agent = Actor.Of(Agent);
        switch (status)
        {
            case TicketStatus.Assigned:
                break;
            case TicketStatus.InProgress:
                ticket.ChangeStatus(TicketStatus.InProgress, null, agent, Calendar, at.AddMinutes(10));
                break;
            case TicketStatus.AwaitingCustomer:
                ticket.ChangeStatus(TicketStatus.AwaitingCustomer, null, agent, Calendar, at.AddMinutes(10));
                break;
            case TicketStatus.Resolved:
                ticket.Resolve("Replaced the docking station.", agent, Calendar, at.AddMinutes(10));
                break;
            case TicketStatus.Closed:
                ticket.Resolve("Replaced the docking station.", agent, Calendar, at.AddMinutes(10));
                ticket.Close(Actor.Of(SwaleRequester), at.AddMinutes(15));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }
        Assert.Equal(status, ticket.Status);
        return ticket;
    }
}
