using System.Text.RegularExpressions;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Approvals;

/// <summary>An approval step with what its decider needs to know: who wants what, for which council, at what cost.</summary>
public sealed record ApprovalView(
    int Id, string TicketReference, string Title, CouncilRef Council, PersonRef Requester, string Service, ServiceTier Tier,
    int Quantity, decimal UnitCost, decimal Total, ApprovalStage Stage, ApprovalStatus Status, DateTime RequestedAt,
    string? DecidedBy, DateTime? DecidedAt, string? Reason, bool ByEmail, bool MayDecide);

/// <summary>
/// Approval steps the viewer may read: a council approver their councils', a service manager every
/// council's. "pending" lists only the steps the viewer may decide now.
/// </summary>
public sealed record ListApprovals(string? Status = null) : IRequest<IReadOnlyList<ApprovalView>>;

public sealed class ListApprovalsValidator : AbstractValidator<ListApprovals>
{
    public ListApprovalsValidator() => RuleFor(x => x.Status).OptionalEnum<ListApprovals, ApprovalStatus>("status");
}

public sealed class ListApprovalsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListApprovals, IReadOnlyList<ApprovalView>>
{
    public async Task<IReadOnlyList<ApprovalView>> Handle(ListApprovals request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        ApprovalRules.RequireDecider(viewer);
        ApprovalStatus? status = request.Status is null ? null : Enum.Parse<ApprovalStatus>(request.Status, true);
        var tickets = ApprovalRules.Readable(viewer, db.Tickets).AsNoTracking()
            .Include(t => t.Council).Include(t => t.Requester).Include(t => t.Service);
        var found = status is null
            ? await tickets.Where(t => t.Approvals.Any()).OrderByDescending(t => t.CreatedAt).Take(500).ToListAsync(ct)
            : await tickets.Where(t => t.Approvals.Any(a => a.Status == status)).OrderBy(t => t.CreatedAt).Take(500).ToListAsync(ct);
        return found
            .SelectMany(t => t.Approvals.Select(a => ApprovalRules.View(t, a, viewer)))
            .Where(a => status is null || a.Status == status)
            // Pending: what this viewer may decide now, not steps still waiting for an earlier one.
            .Where(a => status != ApprovalStatus.Pending || a.MayDecide)
            .OrderBy(a => a.RequestedAt).ThenBy(a => a.Id)
            .ToList();
    }
}

/// <summary>Approves a step (a service manager may add conditions) or rejects it with a reason the requester is told.</summary>
public sealed record DecideApproval(int ApprovalId, bool Approve, string? Conditions = null, string? Reason = null) : IRequest<ApprovalView>;

public sealed class DecideApprovalValidator : AbstractValidator<DecideApproval>
{
    public DecideApprovalValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().When(x => !x.Approve).WithMessage("Say why the request is rejected (reason): the requester is told.");
        RuleFor(x => x.Reason).MaximumLength(TextRules.ReasonMax);
        RuleFor(x => x.Conditions).MaximumLength(TextRules.ReasonMax);
    }
}

public sealed class DecideApprovalHandler(IServiceDeskDb db, ViewerLoader viewers, TicketWorkspace workspace) : IRequestHandler<DecideApproval, ApprovalView>
{
    public async Task<ApprovalView> Handle(DecideApproval request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        ApprovalRules.RequireDecider(viewer);
        var id = request.ApprovalId;
        // Another council's approval does not exist for this viewer.
        var ticket = await ApprovalRules.Readable(viewer, db.Tickets)
            .Include(t => t.Participants).Include(t => t.Clocks).Include(t => t.Requester)
            .FirstOrDefaultAsync(t => t.Approvals.Any(a => a.Id == id), ct)
            ?? throw new NotFoundException($"Approval {id}");
        ticket.DecideApproval(id, request.Approve, request.Approve ? request.Conditions : request.Reason, viewer.Person, byEmail: false, workspace.Now);
        await workspace.SaveAsync(viewer, ticket, ct);

        var saved = await db.Tickets.AsNoTracking().Include(t => t.Council).Include(t => t.Requester).Include(t => t.Service)
            .FirstAsync(t => t.Id == ticket.Id, ct);
        return ApprovalRules.View(saved, saved.Approvals.First(a => a.Id == id), viewer);
    }
}

/// <summary>Who reads and decides approvals, in one place for the API, the pages and the email replies.</summary>
public static partial class ApprovalRules
{
    public static void RequireDecider(Viewer viewer)
    {
        if (!viewer.IsApprover && !viewer.IsServiceManager)
            throw new ForbiddenException("Only council approvers and service managers decide approvals.");
    }

    /// <summary>Service managers read every council's approvals; an approver only their own councils'.</summary>
    public static IQueryable<Ticket> Readable(Viewer viewer, IQueryable<Ticket> tickets)
    {
        if (viewer.IsServiceManager) return tickets;
        var councils = viewer.CouncilsSeenWhole.ToList();
        return tickets.Where(t => councils.Contains(t.CouncilId));
    }

    public static ApprovalView View(Ticket t, TicketApproval a, Viewer viewer) => new(
        a.Id, t.Reference, t.Title, new CouncilRef(t.Council!.Code, t.Council.Name), TicketViewMapping.Ref(t.Requester!),
        t.Service!.Name, t.Service.Tier, t.Quantity, t.Service.UnitCost, t.Service.UnitCost * t.Quantity,
        a.Stage, a.Status, a.RequestedAt, a.DecidedByName, a.DecidedAt, a.Reason, a.ByEmail,
        t.IsOpen && t.PendingApproval?.Id == a.Id && t.MayDecide(viewer.Person));

    [GeneratedRegex(@"^\s*(APPROVE|REJECT)\b[\s:,.\-]*(.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReplyWord();

    /// <summary>Reads an emailed decision: the reply's first word is APPROVE or REJECT; a rejection's reason follows it.</summary>
    public static bool TryReadReply(string text, out bool approve, out string? reason)
    {
        var match = ReplyWord().Match(text);
        approve = match.Success && match.Groups[1].Value.Equals("APPROVE", StringComparison.OrdinalIgnoreCase);
        var rest = match.Success ? match.Groups[2].Value.Trim() : "";
        reason = rest.Length == 0 ? null : rest.Length > TextRules.ReasonMax ? rest[..TextRules.ReasonMax] : rest;
        return match.Success;
    }
}
