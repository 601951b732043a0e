using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>Links this ticket to another the caller can see: <c>RelatesTo</c> or <c>DuplicateOf</c>.</summary>
public sealed record LinkTicket(string Reference, string? Ticket, string? Kind, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class LinkTicketValidator : AbstractValidator<LinkTicket>
{
    public LinkTicketValidator()
    {
        RuleFor(x => x.Ticket).TicketReferenceOf("ticket");
        RuleFor(x => x.Kind).MustBeEnum<LinkTicket, TicketLinkKind>("kind");
    }
}

public sealed class LinkTicketHandler(TicketWorkspace workspace) : IRequestHandler<LinkTicket, TicketView>
{
    public async Task<TicketView> Handle(LinkTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "link tickets");
        var other = await workspace.OtherAsync(viewer, request.Ticket!, "ticket", ct);
        ticket.Link(other, Enum.Parse<TicketLinkKind>(request.Kind!.Trim(), true), Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAllAsync(viewer, ticket, [other], ct);
    }
}

/// <summary>Removes the link between this ticket and another, whichever side it was made from.</summary>
public sealed record UnlinkTicket(string Reference, string? Ticket, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class UnlinkTicketValidator : AbstractValidator<UnlinkTicket>
{
    public UnlinkTicketValidator() => RuleFor(x => x.Ticket).TicketReferenceOf("ticket");
}

public sealed class UnlinkTicketHandler(TicketWorkspace workspace) : IRequestHandler<UnlinkTicket, TicketView>
{
    public async Task<TicketView> Handle(UnlinkTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "unlink tickets");
        var other = await workspace.OtherAsync(viewer, request.Ticket!, "ticket", ct);
        ticket.Unlink(other, Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAllAsync(viewer, ticket, [other], ct);
    }
}

/// <summary>
/// Merges this ticket, a duplicate, into its original (<paramref name="Into"/>): same council only.
/// The conversation, files and followers move to the original, the requester is told, the duplicate closes.
/// </summary>
public sealed record MergeTicket(string Reference, string? Into, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class MergeTicketValidator : AbstractValidator<MergeTicket>
{
    public MergeTicketValidator() => RuleFor(x => x.Into).TicketReferenceOf("into");
}

public sealed class MergeTicketHandler(IServiceDeskDb db, TicketWorkspace workspace) : IRequestHandler<MergeTicket, TicketView>
{
    public async Task<TicketView> Handle(MergeTicket request, CancellationToken ct)
    {
        var (viewer, duplicate) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, duplicate, "merge tickets");
        var original = await workspace.OtherAsync(viewer, request.Into!, "into", ct);
        if (!viewer.CanWork(original)) throw new FieldException("into", $"You cannot work on {original.Reference}, so you cannot merge into it.");
        if (duplicate.IsMajorIncident || original.IsMajorIncident || duplicate.MajorIncidentId is not null)
            throw new FieldException("into", "Major incidents and their children are not merged: attach the incident to the major incident instead.");
        // The whole conversation moves, internal notes included (both tickets are the desk's to work).
        await db.TicketComments.Where(c => c.TicketId == duplicate.Id).LoadAsync(ct);
        await db.TicketComments.Where(c => c.TicketId == original.Id).LoadAsync(ct);
        await db.TicketAttachments.Where(a => a.TicketId == duplicate.Id).LoadAsync(ct);
        duplicate.MergeInto(original, viewer.Person, workspace.Now);
        return await workspace.SaveAllAsync(viewer, duplicate, [original], ct);
    }
}

/// <summary>Who runs major incidents: the shared ICT service, since one spans councils.</summary>
internal static class MajorIncidentAccess
{
    public static void Ensure(Viewer viewer) =>
        viewer.RequireSharedIct("Major incidents span councils: only the shared ICT service runs them.");

    /// <summary>The children of a major incident, tracked for a change (only shared ICT staff reach here).</summary>
    public static Task<List<Ticket>> ChildrenAsync(IServiceDeskDb db, Ticket parent, CancellationToken ct) =>
        db.Tickets.Include(t => t.Participants).Include(t => t.Requester).Include(t => t.Clocks)
            .Where(t => t.MajorIncidentId == parent.Id).OrderBy(t => t.Id).ToListAsync(ct);
}

/// <summary>Declares an incident a major incident: the parent the incidents of every affected council are attached to.</summary>
public sealed record DeclareMajorIncident(string Reference, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class DeclareMajorIncidentHandler(TicketWorkspace workspace) : IRequestHandler<DeclareMajorIncident, TicketView>
{
    public async Task<TicketView> Handle(DeclareMajorIncident request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        MajorIncidentAccess.Ensure(viewer);
        ticket.DeclareMajorIncident(Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>Attaches an incident (of any council) to this major incident, or detaches it.</summary>
public sealed record AttachToMajorIncident(string Reference, string? Ticket, bool Detach = false, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class AttachToMajorIncidentValidator : AbstractValidator<AttachToMajorIncident>
{
    public AttachToMajorIncidentValidator() => RuleFor(x => x.Ticket).TicketReferenceOf("ticket");
}

public sealed class AttachToMajorIncidentHandler(TicketWorkspace workspace) : IRequestHandler<AttachToMajorIncident, TicketView>
{
    public async Task<TicketView> Handle(AttachToMajorIncident request, CancellationToken ct)
    {
        var (viewer, parent) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        MajorIncidentAccess.Ensure(viewer);
        var child = await workspace.OtherAsync(viewer, request.Ticket!, "ticket", ct);
        if (request.Detach) parent.DetachChild(child, Actor.Of(viewer.Person), workspace.Now);
        else parent.AttachChild(child, Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAllAsync(viewer, parent, [child], ct);
    }
}

/// <summary>
/// A public update on a major incident: it goes on the parent and on every open child as a reply, so
/// each child's requester reads it on their own ticket and by email.
/// </summary>
public sealed record PublishMajorIncidentUpdate(string Reference, string? Body, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class PublishMajorIncidentUpdateValidator : AbstractValidator<PublishMajorIncidentUpdate>
{
    public PublishMajorIncidentUpdateValidator() =>
        RuleFor(x => x.Body).NotEmpty().WithMessage("Write the update for everyone affected (body).").MaximumLength(TextRules.CommentMax);
}

public sealed class PublishMajorIncidentUpdateHandler(IServiceDeskDb db, TicketWorkspace workspace) : IRequestHandler<PublishMajorIncidentUpdate, TicketView>
{
    public async Task<TicketView> Handle(PublishMajorIncidentUpdate request, CancellationToken ct)
    {
        var (viewer, parent) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        MajorIncidentAccess.Ensure(viewer);
        var children = await MajorIncidentAccess.ChildrenAsync(db, parent, ct);
        parent.PublishUpdate(children, viewer.Person, request.Body!, workspace.Now);
        return await workspace.SaveAllAsync(viewer, parent, children, ct);
    }
}

/// <summary>A resolved major incident resolves its open children with the same note (each council's calendar for the reopen window).</summary>
public sealed class MajorIncidentResolution(IServiceDeskDb db, TicketWorkspace workspace)
{
    public async Task<IReadOnlyList<Ticket>> ResolveChildrenAsync(Ticket parent, Actor actor, CancellationToken ct)
    {
        if (!parent.IsMajorIncident || parent.Status != TicketStatus.Resolved) return [];
        var children = await MajorIncidentAccess.ChildrenAsync(db, parent, ct);
        var withCalendars = new List<(Ticket, BusinessCalendar)>();
        foreach (var child in children) withCalendars.Add((child, await workspace.CalendarOfCouncilAsync(child.CouncilId, ct)));
        parent.ResolveChildren(withCalendars, actor, workspace.Now);
        return children;
    }
}
