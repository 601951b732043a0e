using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Approvals;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Approvals;

/// <summary>
/// The approvals page: priced requests waiting for this person's decision (a council approver's
/// budget approval, a service manager's standards check), recent decisions, and for approvers their
/// council's open tickets.
/// </summary>
[Authorize(Policy = DeskPolicies.ApprovalDecider)]
public sealed class IndexModel(IMediator mediator, Core.Access.ViewerLoader viewers) : DeskPageModel(mediator)
{
    [BindProperty] public int ApprovalId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Conditions { get; set; }
    [TempData] public string? Done { get; set; }

    public IReadOnlyList<ApprovalView> Pending { get; private set; } = [];
    public IReadOnlyList<ApprovalView> Decided { get; private set; } = [];
    public PagedList<TicketSummary>? Tickets { get; private set; }
    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public bool IsServiceManager { get; private set; }

    /// <summary>Ticket links go to the desk's view for shared ICT staff, to the portal's for council people.</summary>
    public string TicketLink(string reference) => IsServiceManager ? $"/desk/tickets/{reference}" : $"/my-tickets/{reference}";

    /// <summary>The form that was refused keeps the plain field ids, so the error summary links to it.</summary>
    public string FieldId(string field, int approvalId) => approvalId == ApprovalId && ErrorFor(field) is not null ? field : $"{field}-{approvalId}";

    public override async Task LoadAsync(CancellationToken ct)
    {
        Pending = await Mediator.Send(new ListApprovals("Pending"), ct);
        Decided = (await Mediator.Send(new ListApprovals(), ct))
            .Where(a => a.Status != Core.Domain.Tickets.ApprovalStatus.Pending)
            .OrderByDescending(a => a.DecidedAt).Take(10).ToList();
        IsServiceManager = (await viewers.LoadAsync(ct)).IsServiceManager;
        if (IsServiceManager) return;
        // Council people are shown only their own councils.
        Councils = await Mediator.Send(new ListCouncils(), ct);
        Tickets = await Mediator.Send(new ListTickets(Status: Queues.OpenStatuses, Page: Math.Max(1, PageNumber), PageSize: 50, Sort: "sla"), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        Decide(new DecideApproval(ApprovalId, Approve: true, Conditions: Conditions), "approved", ct);

    public Task<IActionResult> OnPostRejectAsync(CancellationToken ct) =>
        Decide(new DecideApproval(ApprovalId, Approve: false, Reason: Reason), "rejected", ct);

    private async Task<IActionResult> Decide(DecideApproval command, string what, CancellationToken ct)
    {
        var decided = await Mediator.Send(command, ct);
        Done = $"{decided.TicketReference} ({decided.Title}) is {what}; the requester has been told.";
        return Redirect("/approvals");
    }
}
