using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Problems;

/// <summary>
/// One problem: its details, the incidents linked to it (link by reference, unlink), root cause and
/// workaround, publishing the known error, moving it along its lifecycle (resolving its open
/// incidents with it), and its full history.
/// </summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class ProblemModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string Reference { get; set; } = "";
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? RootCause { get; set; }
    [BindProperty] public string? Workaround { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Resolution { get; set; }
    [BindProperty] public bool ResolveIncidents { get; set; }
    [BindProperty] public string? Reply { get; set; }
    [BindProperty] public string? Incidents { get; set; }
    [BindProperty] public string? TicketReference { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? OwnerEmail { get; set; }
    [BindProperty] public List<int>? ServiceIds { get; set; }

    public ProblemView Problem { get; private set; } = null!;
    public IReadOnlyList<HistoryView> History { get; private set; } = [];
    public IReadOnlyList<CatalogueServiceView> Catalogue { get; private set; } = [];
    [TempData] public string? Done { get; set; }

    public int OpenIncidents => Problem.Incidents.Count(i => TicketLifecycle.IsOpen(i.Status));

    /// <summary>Publishing needs both; the button is offered once they are recorded.</summary>
    public bool CanPublish => Problem.NextStatuses.Contains(ProblemStatus.KnownError)
        && !string.IsNullOrWhiteSpace(Problem.RootCause) && !string.IsNullOrWhiteSpace(Problem.Workaround);

    public override async Task LoadAsync(CancellationToken ct)
    {
        Problem = await Mediator.Send(new GetProblem(Reference), ct);
        History = await Mediator.Send(new GetProblemHistory(Reference), ct);
        Catalogue = (await Mediator.Send(new ListCatalogue(IncludeRetired: true), ct))
            .Where(s => s.Active || Problem.Services.Any(ps => ps.Id == s.Id))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The services ticked on the form: what was posted after a refused change, else the problem's own.</summary>
    public bool Affects(int serviceId) => ServiceIds?.Contains(serviceId) ?? Problem.Services.Any(s => s.Id == serviceId);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostDetailsAsync(CancellationToken ct) =>
        Act(new UpdateProblem(Reference, RootCause: RootCause, Workaround: Workaround, ExpectedVersion: Version), "Root cause and workaround saved.", ct);

    public Task<IActionResult> OnPostSummaryAsync(CancellationToken ct) =>
        Act(new UpdateProblem(Reference, Title: Title ?? "", OwnerEmail: OwnerEmail ?? "", ServiceIds: ServiceIds ?? [], ExpectedVersion: Version),
            "Title, owner and services saved.", ct);

    public Task<IActionResult> OnPostPublishAsync(CancellationToken ct) =>
        Act(new ChangeProblemStatus(Reference, nameof(ProblemStatus.KnownError), ExpectedVersion: Version),
            "Published as a known error: the desk and requesters now see the workaround.", ct);

    public Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        // Incidents are resolved only with the problem; the box is ignored for any other move.
        var resolveIncidents = ResolveIncidents && ProblemLifecycle.TryParse(Status, out var to) && to == ProblemStatus.Resolved;
        return Act(new ChangeProblemStatus(Reference, Status, Resolution, ResolveIncidents: resolveIncidents,
            Reply: resolveIncidents ? Reply : null, ExpectedVersion: Version), "Status changed.", ct);
    }

    public Task<IActionResult> OnPostLinkAsync(CancellationToken ct) =>
        Act(new LinkIncidents(Reference, IncidentReferences.Parse(Incidents), Version), "Incidents linked.", ct);

    public Task<IActionResult> OnPostUnlinkAsync(CancellationToken ct) =>
        Act(new UnlinkIncident(Reference, TicketReference ?? "", Version), $"{TicketReference} unlinked.", ct);

    private async Task<IActionResult> Act(IRequest<ProblemView> command, string done, CancellationToken ct)
    {
        var view = await Mediator.Send(command, ct);
        Done = command is ChangeProblemStatus && view.Status == ProblemStatus.Resolved && ResolveIncidents
            ? $"{view.Reference} resolved, with its open incidents." : done;
        return Redirect($"/problems/{Reference}");
    }
}
