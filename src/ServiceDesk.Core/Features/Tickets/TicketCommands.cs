using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Satisfaction;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>A desk agent takes ownership of a ticket.</summary>
public sealed record TakeTicket(string Reference, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class TakeTicketHandler(TicketWorkspace workspace) : IRequestHandler<TakeTicket, TicketView>
{
    public async Task<TicketView> Handle(TakeTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        if (!viewer.IsAgent) throw new ForbiddenException("Only service-desk agents can take tickets.");
        ticket.Take(viewer.Person, workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>Assigns a ticket to a resolver group and, optionally, one of its members.</summary>
public sealed record AssignTicket(string Reference, int? ResolverGroupId, string? AssigneeEmail, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class AssignTicketValidator : AbstractValidator<AssignTicket>
{
    public AssignTicketValidator()
    {
        RuleFor(x => x.ResolverGroupId).NotNull().WithMessage("Choose the resolver group (resolverGroupId).");
        RuleFor(x => x.AssigneeEmail).EmailAddress().MaximumLength(254).When(x => x.AssigneeEmail is not null)
            .WithMessage("assigneeEmail must be an email address.");
    }
}

public sealed class AssignTicketHandler(IServiceDeskDb db, TicketWorkspace workspace) : IRequestHandler<AssignTicket, TicketView>
{
    public async Task<TicketView> Handle(AssignTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "assign tickets");
        var group = await db.ResolverGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == request.ResolverGroupId, ct)
            ?? throw new FieldException("resolverGroupId", $"There is no resolver group {request.ResolverGroupId}.");
        Person? assignee = null;
        if (request.AssigneeEmail is { } email)
        {
            var address = email.Trim().ToLowerInvariant();
            assignee = await db.People.FirstOrDefaultAsync(p => p.Email == address, ct)
                ?? throw new FieldException("assigneeEmail", $"No one at the desk has the address '{email}'.");
        }
        ticket.Assign(group, assignee, viewer.Person, workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>
/// Adds a public reply or, for desk staff, an internal note. Without an expected version it is simply
/// added, whatever changed meanwhile (applied again if it meets a concurrent change).
/// </summary>
public sealed record AddComment(string Reference, string? Body, bool Internal, int? ExpectedVersion = null) : IRequest<TicketView>, Behaviours.IRetryOnConflict
{
    public bool RetriesOnConflict => ExpectedVersion is null;
}

public sealed class AddCommentValidator : AbstractValidator<AddComment>
{
    public AddCommentValidator()
    {
        RuleFor(x => x.Body).NotEmpty().WithMessage("Write the reply or note (body).")
            .MaximumLength(TextRules.CommentMax);
    }
}

public sealed class AddCommentHandler(TicketWorkspace workspace) : IRequestHandler<AddComment, TicketView>
{
    public async Task<TicketView> Handle(AddComment request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        var staff = viewer.CanWork(ticket);
        if (!staff && !ticket.IsRequesterOrParticipant(viewer.PersonId))
            throw new ForbiddenException("Only the requester, the ticket's participants and the desk can reply.");
        ticket.Comment(viewer.Person, request.Body!, request.Internal, staff, workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>
/// Moves a ticket along its lifecycle; resolving needs a resolution note. <paramref name="FirstContact"/>
/// (with Resolved only): the desk resolved it during the first contact, e.g. on the phone call that logged it.
/// </summary>
public sealed record ChangeTicketStatus(string Reference, string? Status, string? Resolution, int? ExpectedVersion = null, bool FirstContact = false) : IRequest<TicketView>;

public sealed class ChangeTicketStatusValidator : AbstractValidator<ChangeTicketStatus>
{
    public ChangeTicketStatusValidator()
    {
        RuleFor(x => x.Status).MustBeEnum<ChangeTicketStatus, TicketStatus>("status");
        RuleFor(x => x.Resolution).MaximumLength(TextRules.CommentMax);
        RuleFor(x => x.Resolution).NotEmpty().WithMessage("Say how the ticket was resolved: a resolution note is required.")
            .When(x => string.Equals(x.Status?.Trim(), nameof(TicketStatus.Resolved), StringComparison.OrdinalIgnoreCase));
        RuleFor(x => x.FirstContact).Equal(false).WithMessage("firstContact goes with status Resolved only.")
            .When(x => !string.Equals(x.Status?.Trim(), nameof(TicketStatus.Resolved), StringComparison.OrdinalIgnoreCase));
    }
}

public sealed class ChangeTicketStatusHandler(TicketWorkspace workspace, MajorIncidentResolution majorIncidents) : IRequestHandler<ChangeTicketStatus, TicketView>
{
    public async Task<TicketView> Handle(ChangeTicketStatus request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "change a ticket's status");
        var calendar = await workspace.CalendarOfCouncilAsync(ticket.CouncilId, ct);
        var to = Enum.Parse<TicketStatus>(request.Status!, true);
        if (request.FirstContact && ticket.Status != to) ticket.MarkFirstContact(Actor.Of(viewer.Person), workspace.Now);
        ticket.ChangeStatus(to, request.Resolution, Actor.Of(viewer.Person), calendar, workspace.Now);
        // A major incident's resolution resolves its children, whose requesters each hear it.
        var children = await majorIncidents.ResolveChildrenAsync(ticket, Actor.Of(viewer.Person), ct);
        return children.Count == 0 ? await workspace.SaveAsync(viewer, ticket, ct) : await workspace.SaveAllAsync(viewer, ticket, children, ct);
    }
}

/// <summary>Changes impact and urgency; the priority follows the matrix.</summary>
public sealed record ReprioritiseTicket(string Reference, string? Impact, string? Urgency, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class ReprioritiseTicketValidator : AbstractValidator<ReprioritiseTicket>
{
    public ReprioritiseTicketValidator()
    {
        RuleFor(x => x.Impact).MustBeEnum<ReprioritiseTicket, Impact>("impact");
        RuleFor(x => x.Urgency).MustBeEnum<ReprioritiseTicket, Urgency>("urgency");
    }
}

public sealed class ReprioritiseTicketHandler(TicketWorkspace workspace) : IRequestHandler<ReprioritiseTicket, TicketView>
{
    public async Task<TicketView> Handle(ReprioritiseTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "change a ticket's priority");
        ticket.Reprioritise(Enum.Parse<Impact>(request.Impact!, true), Enum.Parse<Urgency>(request.Urgency!, true), Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>The requester (or the desk) reopens a resolved ticket within five business days.</summary>
public sealed record ReopenTicket(string Reference, string? Reason, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class ReopenTicketValidator : AbstractValidator<ReopenTicket>
{
    public ReopenTicketValidator()
    {
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the ticket is not resolved (reason).")
            .MaximumLength(TextRules.ReasonMax);
    }
}

public sealed class ReopenTicketHandler(TicketWorkspace workspace) : IRequestHandler<ReopenTicket, TicketView>
{
    public async Task<TicketView> Handle(ReopenTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        if (!viewer.CanWork(ticket) && !ticket.IsRequesterOrParticipant(viewer.PersonId))
            throw new ForbiddenException("Only the requester, the ticket's participants and the desk can reopen a ticket.");
        ticket.Reopen(request.Reason!, viewer.Person, workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>Closes a resolved ticket: the requester confirms the resolution, or the desk closes it.</summary>
public sealed record CloseTicket(string Reference, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class CloseTicketHandler(TicketWorkspace workspace) : IRequestHandler<CloseTicket, TicketView>
{
    public async Task<TicketView> Handle(CloseTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        if (!viewer.CanWork(ticket) && !ticket.IsRequesterOrParticipant(viewer.PersonId))
            throw new ForbiddenException("Only the requester, the ticket's participants and the desk can close a ticket.");
        ticket.Close(Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>The requester rates a resolved or closed ticket, 1 to 5, with an optional comment.</summary>
public sealed record RateTicket(string Reference, int? Rating, string? Comment) : IRequest<TicketView>;

public sealed class RateTicketValidator : AbstractValidator<RateTicket>
{
    public RateTicketValidator()
    {
        RuleFor(x => x.Rating).SatisfactionRating();
        RuleFor(x => x.Comment).MaximumLength(TextRules.ReasonMax);
    }
}

public sealed class RateTicketHandler(TicketWorkspace workspace) : IRequestHandler<RateTicket, TicketView>
{
    public async Task<TicketView> Handle(RateTicket request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, null, ct);
        ticket.Rate(request.Rating!.Value, request.Comment, viewer.Person, workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>A file the requester or the desk adds to a ticket (portal or API); the desk's limits on size and type apply.</summary>
public sealed record AttachFile(string Reference, string? FileName, string? ContentType, byte[]? Content) : IRequest<TicketView>;

public sealed class AttachFileValidator : AbstractValidator<AttachFile>
{
    public AttachFileValidator()
    {
        RuleFor(x => x.FileName).NotEmpty().WithMessage("Choose a file to attach (file).").MaximumLength(255);
        RuleFor(x => x.Content).NotEmpty().WithMessage("The file is empty (file).");
    }
}

public sealed class AttachFileHandler(TicketWorkspace workspace, Microsoft.Extensions.Options.IOptions<Email.EmailOptions> options) : IRequestHandler<AttachFile, TicketView>
{
    public async Task<TicketView> Handle(AttachFile request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, null, ct);
        if (!viewer.CanWork(ticket) && !ticket.IsRequesterOrParticipant(viewer.PersonId))
            throw new ForbiddenException("Only the requester, the ticket's participants and the desk can add files.");
        var fileName = Path.GetFileName(request.FileName!.Replace('\\', '/'));
        if (options.Value.RefusalOf(fileName, request.Content!.LongLength) is { } refusal)
            throw new FieldException("file", refusal);
        ticket.Attach(fileName, string.IsNullOrWhiteSpace(request.ContentType) ? "application/octet-stream" : request.ContentType,
            request.Content!, inline: false, Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>Closes every resolved ticket whose reopen window has passed (run by a recurring job).</summary>
public sealed record CloseExpiredResolutions : IRequest<int>;

public sealed class CloseExpiredResolutionsHandler(IServiceDeskDb db, TimeProvider time, Email.TicketMail mail) : IRequestHandler<CloseExpiredResolutions, int>
{
    public async Task<int> Handle(CloseExpiredResolutions request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.Tickets.Include(t => t.Clocks)
            .Where(t => t.Status == TicketStatus.Resolved && t.ReopenUntil != null && t.ReopenUntil <= now)
            .OrderBy(t => t.ReopenUntil)
            .Take(500)
            .ToListAsync(ct);
        var closed = 0;
        // Each closure is saved with its email (to those who have not turned closure emails off).
        foreach (var ticket in due.Where(t => t.CloseIfReopenWindowPassed(now)))
        {
            await mail.SaveWithMailAsync(ticket, now, ct);
            closed++;
        }
        return closed;
    }
}

/// <summary>Records the service outage behind a major incident (a P1 incident): start and, once over, end (UTC).</summary>
public sealed record RecordOutage(string Reference, DateTime? OutageStartedAt, DateTime? OutageEndedAt, int? ExpectedVersion = null,
    IReadOnlyList<int>? ServiceIds = null) : IRequest<TicketView>;

public sealed class RecordOutageValidator : AbstractValidator<RecordOutage>
{
    public RecordOutageValidator()
    {
        RuleFor(x => x.OutageStartedAt).NotNull().WithMessage("Give when the outage started (outageStartedAt, UTC).");
        RuleFor(x => x.ServiceIds).Must(ids => ids is null || ids.Count <= 100).WithMessage("Choose at most 100 services (serviceIds).");
    }
}

public sealed class RecordOutageHandler(IServiceDeskDb db, TicketWorkspace workspace) : IRequestHandler<RecordOutage, TicketView>
{
    public async Task<TicketView> Handle(RecordOutage request, CancellationToken ct)
    {
        var (viewer, ticket) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "record an outage on a ticket");
        if (!viewer.Person.IsSharedIct) throw new ForbiddenException("Only shared ICT staff record outages of shared services.");
        if (request.ServiceIds is { Count: > 0 } ids)
        {
            var known = await db.Services.Where(s => ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
            var unknown = ids.Except(known).ToList();
            if (unknown.Count > 0) throw new FieldException("serviceIds", $"There is no catalogue service {unknown[0]}.");
        }
        ticket.RecordOutage(Utc(request.OutageStartedAt!.Value), request.OutageEndedAt is DateTime end ? Utc(end) : null, Actor.Of(viewer.Person), workspace.Now,
            request.ServiceIds is { Count: > 0 } chosen ? chosen : null);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }

    private static DateTime Utc(DateTime at) => at.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : at.ToUniversalTime();
}
