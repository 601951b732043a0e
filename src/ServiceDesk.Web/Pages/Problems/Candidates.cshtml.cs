using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Problems;

/// <summary>
/// Candidate problems: repeated incidents of one service and category that no problem explains yet,
/// each with one action that raises a problem linking them all.
/// </summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class CandidatesModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty] public int? ServiceId { get; set; }
    [BindProperty] public int? CategoryId { get; set; }

    public IReadOnlyList<CandidateProblemView> Candidates { get; private set; } = [];

    public override async Task LoadAsync(CancellationToken ct) =>
        Candidates = await Mediator.Send(new ListCandidateProblems(), ct);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var problem = await Mediator.Send(new RaiseProblemFromCandidate(ServiceId, CategoryId), ct);
        TempData[nameof(ProblemModel.Done)] = $"{problem.Reference} raised, with {problem.Incidents.Count} incidents linked.";
        return Redirect($"/problems/{problem.Reference}");
    }
}
