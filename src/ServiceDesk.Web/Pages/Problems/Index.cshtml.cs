using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Problems;

/// <summary>The problems, latest change first: open ones by default, filtered by status and words.</summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class IndexModel(IMediator mediator) : DeskPageModel(mediator)
{
    /// <summary>Statuses in which a problem still needs work.</summary>
    public static readonly string OpenStatuses = string.Join(',', Enum.GetValues<ProblemStatus>().Where(ProblemLifecycle.IsOpen));

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? ServiceId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public PagedList<ProblemSummary> Problems { get; private set; } = new([], 0, 1, 25);
    public int Candidates { get; private set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        var status = Status switch
        {
            null or "" => OpenStatuses,
            "all" => null,
            _ => Status,
        };
        Problems = await FilteredAsync(new ListProblems(status, ServiceId, string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), Math.Max(1, PageNumber), 25), ct)
            ?? new PagedList<ProblemSummary>([], 0, 1, 25);
        Candidates = (await Mediator.Send(new ListCandidateProblems(), ct)).Count;
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);
}
