using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.CannedReplies;

public sealed record CannedReplyView(int Id, string Title, string Body, int? ResolverGroupId, string? ResolverGroup, int UsageCount, bool CanChange);

/// <summary>
/// Who keeps which canned replies: service managers keep all of them; a group's lead keeps the
/// group's own. Every desk staff member may use those of the partnership and of their groups.
/// </summary>
public sealed class CannedReplyRules(IServiceDeskDb db, ViewerLoader viewers)
{
    public async Task<(Viewer Viewer, IReadOnlyList<int> LeadOf)> KeeperAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!viewer.IsStaff) throw new NotFoundException("Canned replies");
        var leadOf = await db.ResolverGroups.Where(g => g.LeadId == viewer.PersonId).Select(g => g.Id).ToListAsync(ct);
        return (viewer, leadOf);
    }

    public static bool MayChange(Viewer viewer, IReadOnlyList<int> leadOf, int? groupId) =>
        viewer.IsServiceManager || groupId is int g && leadOf.Contains(g);

    public static void EnsureMayChange(Viewer viewer, IReadOnlyList<int> leadOf, int? groupId)
    {
        if (!MayChange(viewer, leadOf, groupId))
            throw new ForbiddenException(groupId is null
                ? "Only service managers keep the partnership's canned replies."
                : "Only the group's lead and service managers keep a group's canned replies.");
    }

    /// <summary>
    /// The replies a person may use: the partnership's and their groups'; on a ticket, its group's
    /// too. Shared ICT staff keep and read every group's away from a ticket.
    /// </summary>
    public static IQueryable<CannedReply> Usable(IQueryable<CannedReply> replies, Viewer viewer, Ticket? onTicket = null)
    {
        if (onTicket is null && viewer.SeesAllCouncils) return replies;
        var ticketGroupId = onTicket?.ResolverGroupId;
        return replies.Where(r => r.ResolverGroupId == null || viewer.GroupIds.Contains(r.ResolverGroupId.Value) || r.ResolverGroupId == ticketGroupId);
    }
}

/// <summary>Canned replies to keep (no <see cref="Ticket"/>) or to use on one ticket (its reference).</summary>
public sealed record ListCannedReplies(string? Q = null, int? ResolverGroupId = null, string? Ticket = null) : IRequest<IReadOnlyList<CannedReplyView>>;

public sealed class ListCannedRepliesValidator : AbstractValidator<ListCannedReplies>
{
    public ListCannedRepliesValidator() => RuleFor(x => x.Q).SearchWords();
}

public sealed class ListCannedRepliesHandler(IServiceDeskDb db, CannedReplyRules rules, ViewerLoader viewers) : IRequestHandler<ListCannedReplies, IReadOnlyList<CannedReplyView>>
{
    public async Task<IReadOnlyList<CannedReplyView>> Handle(ListCannedReplies request, CancellationToken ct)
    {
        var (viewer, leadOf) = await rules.KeeperAsync(ct);
        var ticket = request.Ticket is { } reference ? (await viewers.LoadTicketAsync(reference, ct)).Ticket : null;
        var query = CannedReplyRules.Usable(db.CannedReplies.AsNoTracking(), viewer, ticket);
        if (request.ResolverGroupId is int group) query = query.Where(r => r.ResolverGroupId == group);
        if (request.Q?.Trim() is { Length: > 0 } q)
        {
            var like = $"%{q.Replace("%", "").Replace("_", "")}%";
            query = query.Where(r => EF.Functions.Like(r.Title, like) || EF.Functions.Like(r.Body, like));
        }
        var groups = await db.ResolverGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var replies = await query.OrderByDescending(r => r.UsageCount).ThenBy(r => r.Title).ToListAsync(ct);
        return replies.Select(r => View(r, groups, CannedReplyRules.MayChange(viewer, leadOf, r.ResolverGroupId))).ToList();
    }

    internal static CannedReplyView View(CannedReply r, IReadOnlyDictionary<int, string> groups, bool canChange) =>
        new(r.Id, r.Title, r.Body, r.ResolverGroupId, r.ResolverGroupId is int g ? groups.GetValueOrDefault(g) : null, r.UsageCount, canChange);
}

/// <summary>Adds a canned reply (no <see cref="Id"/>) or changes one.</summary>
public sealed record SaveCannedReply(int? Id, string? Title, string? Body, int? ResolverGroupId) : IRequest<CannedReplyView>;

public sealed class SaveCannedReplyValidator : AbstractValidator<SaveCannedReply>
{
    public SaveCannedReplyValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the canned reply a short title (title).")
            .MaximumLength(TextRules.TitleMax).WithMessage($"The title must be {TextRules.TitleMax} characters or fewer (title).");
        RuleFor(x => x.Body).NotEmpty().WithMessage("Write the text of the canned reply (body).")
            .MaximumLength(TextRules.CommentMax).WithMessage($"The text must be {TextRules.CommentMax} characters or fewer (body).");
    }
}

public sealed class SaveCannedReplyHandler(IServiceDeskDb db, CannedReplyRules rules, TimeProvider time) : IRequestHandler<SaveCannedReply, CannedReplyView>
{
    public async Task<CannedReplyView> Handle(SaveCannedReply request, CancellationToken ct)
    {
        var (viewer, leadOf) = await rules.KeeperAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (request.ResolverGroupId is int groupId && !await db.ResolverGroups.AnyAsync(g => g.Id == groupId, ct))
            throw new FieldException("resolverGroupId", $"There is no resolver group {groupId}.");
        CannedReply reply;
        if (request.Id is int id)
        {
            reply = await CannedReplyRules.Usable(db.CannedReplies, viewer).FirstOrDefaultAsync(r => r.Id == id, ct)
                ?? throw new NotFoundException($"Canned reply {id}");
            CannedReplyRules.EnsureMayChange(viewer, leadOf, reply.ResolverGroupId);
            if (reply.ResolverGroupId != request.ResolverGroupId)
                throw new FieldException("resolverGroupId", "A canned reply stays with its group; add a new one for another group.");
            reply.Change(request.Title!, request.Body!, now);
        }
        else
        {
            CannedReplyRules.EnsureMayChange(viewer, leadOf, request.ResolverGroupId);
            reply = new CannedReply(request.Title!, request.Body!, request.ResolverGroupId, now);
            db.CannedReplies.Add(reply);
        }
        await db.SaveChangesAsync(ct);
        var groups = await db.ResolverGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        return ListCannedRepliesHandler.View(reply, groups, true);
    }
}

public sealed record DeleteCannedReply(int Id) : IRequest;

public sealed class DeleteCannedReplyHandler(IServiceDeskDb db, CannedReplyRules rules) : IRequestHandler<DeleteCannedReply>
{
    public async Task<Unit> Handle(DeleteCannedReply request, CancellationToken ct)
    {
        var (viewer, leadOf) = await rules.KeeperAsync(ct);
        var reply = await CannedReplyRules.Usable(db.CannedReplies, viewer).FirstOrDefaultAsync(r => r.Id == request.Id, ct)
            ?? throw new NotFoundException($"Canned reply {request.Id}");
        CannedReplyRules.EnsureMayChange(viewer, leadOf, reply.ResolverGroupId);
        db.CannedReplies.Remove(reply);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

public sealed record FilledReply(int Id, string Title, string Text);

/// <summary>A canned reply filled in for one ticket (its requester, reference and service, and the agent), counted as used.</summary>
public sealed record FillCannedReply(string Reference, int Id) : IRequest<FilledReply>;

public sealed class FillCannedReplyHandler(IServiceDeskDb db, TicketWorkspace workspace) : IRequestHandler<FillCannedReply, FilledReply>
{
    public async Task<FilledReply> Handle(FillCannedReply request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, null, ct);
        if (!viewer.IsStaff) throw new NotFoundException($"Canned reply {request.Id}");
        if (!viewer.CanWork(ticket)) throw new ForbiddenException("Only the desk working a ticket uses canned replies on it.");
        var reply = await CannedReplyRules.Usable(db.CannedReplies, viewer, ticket).FirstOrDefaultAsync(r => r.Id == request.Id, ct)
            ?? throw new NotFoundException($"Canned reply {request.Id}");
        var service = await db.Services.Where(s => s.Id == ticket.ServiceId).Select(s => s.Name).FirstAsync(ct);
        var requester = await db.People.Where(p => p.Id == ticket.RequesterId).Select(p => p.DisplayName).FirstAsync(ct);
        var text = reply.FillFor(requester, ticket.Reference, service, viewer.Person.DisplayName);
        await db.SaveChangesAsync(ct);
        return new FilledReply(reply.Id, reply.Title, text);
    }
}
