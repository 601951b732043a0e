using System.Text.Json.Serialization;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Problems;

public sealed record CategoryRef(int Id, string Name);

/// <summary>A problem in full, with the incidents linked to it and the councils they come from.</summary>
public sealed record ProblemView(
    string Reference, string Title, string Description, ProblemStatus Status, Priority Priority, PersonRef? Owner,
    IReadOnlyList<ServiceRef> Services, CategoryRef? Category, IReadOnlyList<CouncilRef> CouncilsAffected,
    string? RootCause, string? Workaround, string? Resolution, bool KnownErrorPublished,
    DateTime CreatedAt, DateTime UpdatedAt, DateTime? KnownErrorPublishedAt, DateTime? ResolvedAt, DateTime? ClosedAt,
    int Version, IReadOnlyList<ProblemStatus> NextStatuses, IReadOnlyList<LinkedIncidentView> Incidents);

/// <summary>An incident linked to a problem, as the problem manager sees it.</summary>
public sealed record LinkedIncidentView(
    string Reference, string Title, TicketStatus Status, Priority Priority, string CouncilCode, string Service,
    string? Category, string Requester, DateTime CreatedAt, DateTime LinkedAt);

/// <summary>A row of the problem list.</summary>
public sealed record ProblemSummary(
    string Reference, string Title, ProblemStatus Status, Priority Priority, string? Owner, IReadOnlyList<string> Services,
    int Incidents, int OpenIncidents, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>
/// A published known error: its title and workaround. Desk staff also get the problem's reference
/// (to apply the workaround); requesters get nothing more than title and workaround.
/// </summary>
public sealed record KnownErrorView(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reference,
    string Title, string Workaround);

/// <summary>The problem an incident is linked to (shown to shared ICT staff on the ticket).</summary>
public sealed record ProblemLinkView(string Reference, string Title, ProblemStatus Status);

/// <summary>A candidate problem: incidents of one service and category that suggest a common cause.</summary>
public sealed record CandidateProblemView(
    int ServiceId, string Service, int? CategoryId, string? Category, int Count, DateTime FirstAt, DateTime LastAt,
    IReadOnlyList<string> Councils, IReadOnlyList<string> Incidents);
