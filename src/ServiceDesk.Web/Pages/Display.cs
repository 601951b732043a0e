using System.Globalization;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Web.Pages;

/// <summary>How the pages write dates, statuses, priorities and SLA states: in words people use, in UK time.</summary>
public static class Display
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London);

    /// <summary>"23 November 2026, 10:00".</summary>
    public static string When(DateTime utc) => Local(utc).ToString("d MMMM yyyy, HH:mm", English);

    /// <summary>"23 Nov, 10:00" for tables.</summary>
    /// <summary>"3 December 2026", London time.</summary>
    public static string Date(DateTime utc) => Local(utc).ToString("d MMMM yyyy", English);

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    /// <summary>A list's count: "10,000+" past the cap ListTickets counts to, else the exact number.</summary>
    public static string Count(int total, bool capped) => total.ToString("N0", English) + (capped ? "+" : "");

    public static string Short(DateTime utc) => Local(utc).ToString("d MMM, HH:mm", English);

    /// <summary>The instant as ISO 8601, for &lt;time datetime&gt;.</summary>
    public static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Status(TicketStatus status) => TicketLifecycle.Describe(status);

    public static string StatusTag(TicketStatus status) => status switch
    {
        TicketStatus.New => "govuk-tag govuk-tag--light-blue",
        TicketStatus.Assigned => "govuk-tag govuk-tag--blue",
        TicketStatus.InProgress => "govuk-tag govuk-tag--purple",
        TicketStatus.AwaitingCustomer => "govuk-tag govuk-tag--yellow",
        TicketStatus.Resolved => "govuk-tag govuk-tag--green",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Status(ProblemStatus status) => ProblemLifecycle.Describe(status);

    public static string StatusTag(ProblemStatus status) => status switch
    {
        ProblemStatus.Logged => "govuk-tag govuk-tag--light-blue",
        ProblemStatus.UnderInvestigation => "govuk-tag govuk-tag--purple",
        ProblemStatus.KnownError => "govuk-tag govuk-tag--yellow",
        ProblemStatus.Resolved => "govuk-tag govuk-tag--green",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Type(TicketType type) => type == TicketType.ServiceRequest ? "Service request" : "Incident";

    public static string PriorityTag(Priority priority) => priority switch
    {
        Priority.P1 => "govuk-tag govuk-tag--red",
        Priority.P2 => "govuk-tag govuk-tag--orange",
        Priority.P3 => "govuk-tag govuk-tag--yellow",
        _ => "govuk-tag govuk-tag--grey",
    };

    /// <summary>The SLA badge: the words carry the meaning, the colour (green, amber, red) repeats it.</summary>
    public static (string Text, string Css) Sla(ClockState state) => state switch
    {
        ClockState.Breached => ("Breached", "govuk-tag govuk-tag--red"),
        ClockState.Warning => ("At risk", "govuk-tag govuk-tag--orange"),
        ClockState.Paused => ("Paused", "govuk-tag govuk-tag--grey"),
        ClockState.Met => ("Met", "govuk-tag govuk-tag--green"),
        ClockState.Running or ClockState.Pending => ("On track", "govuk-tag govuk-tag--green"),
        _ => ("No clock", "govuk-tag govuk-tag--grey"),
    };

    /// <summary>A role as people say it ("ProblemManager" is "Problem manager").</summary>
    public static string Role(string role) => role switch
    {
        "ResolverGroupMember" => "Resolver-group member",
        "ProblemManager" => "Problem manager",
        "ServiceManager" => "Service manager",
        _ => role,
    };

    /// <summary>Business minutes as "2 h 15 min" (negative: "45 min overdue").</summary>
    public static string Minutes(int businessMinutes)
    {
        var overdue = businessMinutes < 0;
        var m = Math.Abs(businessMinutes);
        var text = m >= 60 ? $"{m / 60} h {m % 60} min" : $"{m} min";
        return overdue ? $"{text} overdue" : $"{text} left";
    }

    /// <summary>A report measure's status: the word (Green, Amber, Red, No data, No target) carries it, the colour repeats it.</summary>
    public static (string Text, string Css) Rag(Core.Features.Reports.Measure measure) => (Core.Features.Reports.ReportFormat.Status(measure), measure.Value is null ? "govuk-tag govuk-tag--grey" : measure.Rag switch
    {
        Core.Features.Reports.Rag.Green => "govuk-tag govuk-tag--green",
        Core.Features.Reports.Rag.Amber => "govuk-tag govuk-tag--yellow",
        Core.Features.Reports.Rag.Red => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    });

    public static string Tier(ServiceTier tier) => tier.ToString();

    public static string Money(decimal amount) => amount == 0 ? "No charge" : amount.ToString("C", English);
}
