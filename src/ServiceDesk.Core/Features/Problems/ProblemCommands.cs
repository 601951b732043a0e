using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Problems;

/// <summary>The input rules problem commands share.</summary>
internal static class ProblemRules
{
    public static IRuleBuilderOptions<T, string?> ProblemTitle<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Give the problem a short title.")
            .MaximumLength(TextRules.TitleMax).WithMessage($"The title must be {TextRules.TitleMax} characters or fewer.");

    public static IRuleBuilderOptions<T, string?> ProblemText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(TextRules.DescriptionMax);

    public static IRuleBuilderOptions<T, string?> OptionalPriority<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(p => p is null || ListTicketsHandler.ParsePriority(p) is not null).WithMessage("priority must be one of P1, P2, P3, P4, P5.");
}

/// <summary>
/// Raises a problem against the services it affects, linking the incidents named (ticket references).
/// The affected services default to those of the incidents; the owner, to the caller if they are a problem manager.
/// </summary>
public sealed record RaiseProblem(
    string? Title, string? Description, IReadOnlyList<int>? ServiceIds = null, IReadOnlyList<string>? Incidents = null,
    string? Priority = null, string? OwnerEmail = null, int? CategoryId = null) : IRequest<ProblemView>;

public sealed class RaiseProblemValidator : AbstractValidator<RaiseProblem>
{
    public RaiseProblemValidator()
    {
        RuleFor(x => x.Title).ProblemTitle();
        RuleFor(x => x.Description).NotEmpty().WithMessage("Describe the problem: what fails, for whom, since when.").ProblemText();
        RuleFor(x => x.ServiceIds).Must((x, ids) => ids is { Count: > 0 } || x.Incidents is { Count: > 0 })
            .WithMessage("Name the affected services (serviceIds) or the incidents to link (incidents).");
        RuleFor(x => x.Incidents).Must(i => i is null || i.Count <= 500).WithMessage("Link at most 500 incidents at once.");
        RuleFor(x => x.Priority).OptionalPriority();
        RuleFor(x => x.OwnerEmail).EmailAddress().MaximumLength(254).When(x => x.OwnerEmail is not null).WithMessage("ownerEmail must be an email address.");
    }
}

public sealed class RaiseProblemHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<RaiseProblem, ProblemView>
{
    public async Task<ProblemView> Handle(RaiseProblem request, CancellationToken ct)
    {
        var viewer = await workspace.ViewerAsync("Problems", ct);
        var actor = Actor.Of(viewer.Person);
        var now = workspace.Now;
        var serviceIds = request.ServiceIds ?? [];
        var services = await workspace.ServicesAsync(serviceIds, ct);
        if (serviceIds.FirstOrDefault(id => !services.ContainsKey(id)) is var missing and not 0)
            throw new FieldException("serviceIds", $"There is no catalogue service {missing}.");
        var tickets = await workspace.TicketsAsync(request.Incidents ?? [], "incidents", ct);
        var owner = request.OwnerEmail is { } email ? await workspace.ProblemManagerAsync(email, ct)
            : viewer.Person.Has(PersonRoles.ProblemManager) ? viewer.Person : null;
        var category = await ProblemCategory.FindAsync(db, request.CategoryId, ct);

        var problem = Problem.Raise(request.Title!, request.Description!, ListTicketsHandler.ParsePriority(request.Priority ?? "P3")!.Value,
            serviceIds.Select(id => services[id]), owner, actor, now);
        await db.InTransactionAsync(async () =>
        {
            db.Problems.Add(problem);
            // Saved first: a link names the problem's reference in the incident's history.
            await db.SaveChangesAsync(ct);
            await workspace.LinkAsync(problem, tickets, actor, ct);
            if (category is not null) problem.NarrowToCategory(category, actor, now);
            await db.SaveChangesAsync(ct);
        }, ct);
        return await workspace.ViewAsync(problem.Id, ct);
    }
}

internal static class ProblemCategory
{
    public static async Task<Category?> FindAsync(IServiceDeskDb db, int? categoryId, CancellationToken ct) =>
        categoryId is int id
            ? await db.Categories.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new FieldException("categoryId", $"There is no category {id}.")
            : null;
}

/// <summary>
/// Changes a problem's details: title, description, priority, owner, affected services (the whole
/// list), category, root cause and workaround. Fields left out stay as they are.
/// </summary>
public sealed record UpdateProblem(
    string Reference, string? Title = null, string? Description = null, string? Priority = null, string? OwnerEmail = null,
    IReadOnlyList<int>? ServiceIds = null, int? CategoryId = null, string? RootCause = null, string? Workaround = null,
    int? ExpectedVersion = null) : IRequest<ProblemView>;

public sealed class UpdateProblemValidator : AbstractValidator<UpdateProblem>
{
    public UpdateProblemValidator()
    {
        RuleFor(x => x.Title).ProblemTitle().When(x => x.Title is not null);
        RuleFor(x => x.Description).NotEmpty().WithMessage("The description cannot be empty.").ProblemText().When(x => x.Description is not null);
        RuleFor(x => x.RootCause).NotEmpty().WithMessage("The root cause cannot be empty.").ProblemText().When(x => x.RootCause is not null);
        RuleFor(x => x.Workaround).NotEmpty().WithMessage("The workaround cannot be empty.").ProblemText().When(x => x.Workaround is not null);
        RuleFor(x => x.ServiceIds).Must(ids => ids is null || ids.Count > 0).WithMessage("A problem affects at least one service (serviceIds).");
        RuleFor(x => x.Priority).OptionalPriority();
        RuleFor(x => x.OwnerEmail).EmailAddress().MaximumLength(254).When(x => x.OwnerEmail is not null).WithMessage("ownerEmail must be an email address.");
    }
}

public sealed class UpdateProblemHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<UpdateProblem, ProblemView>
{
    public async Task<ProblemView> Handle(UpdateProblem request, CancellationToken ct)
    {
        var (viewer, problem) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        var actor = Actor.Of(viewer.Person);
        var now = workspace.Now;
        if (request.Title is { } title) problem.Retitle(title, actor, now);
        if (request.Description is { } description) problem.Describe(description, actor, now);
        if (request.Priority is { } priority) problem.Reprioritise(ListTicketsHandler.ParsePriority(priority)!.Value, actor, now);
        if (request.OwnerEmail is { } owner) problem.AssignOwner(await workspace.ProblemManagerAsync(owner, ct), actor, now);
        if (request.ServiceIds is { } serviceIds)
        {
            var all = await workspace.ServicesAsync(serviceIds.Concat(problem.Services.Select(s => s.ServiceId)), ct);
            if (serviceIds.FirstOrDefault(id => !all.ContainsKey(id)) is var missing and not 0)
                throw new FieldException("serviceIds", $"There is no catalogue service {missing}.");
            foreach (var id in serviceIds) problem.AddService(all[id], actor, now);
            foreach (var gone in problem.Services.Select(s => s.ServiceId).Except(serviceIds).ToList()) problem.RemoveService(all[gone], actor, now);
        }
        if (request.CategoryId is not null) problem.NarrowToCategory(await ProblemCategory.FindAsync(db, request.CategoryId, ct), actor, now);
        if (request.RootCause is { } rootCause) problem.RecordRootCause(rootCause, actor, now);
        if (request.Workaround is { } workaround) problem.RecordWorkaround(workaround, actor, now);
        return await workspace.SaveAsync(problem, ct);
    }
}

/// <summary>
/// Moves a problem along its lifecycle. Root cause and workaround may come with the move (publishing
/// a known error needs both). Resolving needs a resolution and, with <see cref="ResolveIncidents"/>,
/// resolves every open linked incident too: each gets one public reply (<see cref="Reply"/>, or a
/// message built from the resolution), which is its resolution, so each requester is told once.
/// </summary>
public sealed record ChangeProblemStatus(
    string Reference, string? Status, string? Resolution = null, string? RootCause = null, string? Workaround = null,
    bool ResolveIncidents = false, string? Reply = null, int? ExpectedVersion = null) : IRequest<ProblemView>;

public sealed class ChangeProblemStatusValidator : AbstractValidator<ChangeProblemStatus>
{
    public ChangeProblemStatusValidator()
    {
        RuleFor(x => x.Status).NotEmpty().WithMessage($"status is required: one of {ProblemLifecycle.Names}.")
            .Must(s => ProblemLifecycle.TryParse(s, out _)).WithMessage($"status must be one of {ProblemLifecycle.Names}.");
        RuleFor(x => x.Resolution).ProblemText();
        RuleFor(x => x.RootCause).NotEmpty().WithMessage("The root cause cannot be empty.").ProblemText().When(x => x.RootCause is not null);
        RuleFor(x => x.Workaround).NotEmpty().WithMessage("The workaround cannot be empty.").ProblemText().When(x => x.Workaround is not null);
        RuleFor(x => x.Reply).MaximumLength(TextRules.CommentMax);
        RuleFor(x => x.ResolveIncidents).Equal(false).WithMessage("Linked incidents are resolved only with the problem (status Resolved).")
            .When(x => ProblemLifecycle.TryParse(x.Status, out var s) && s != ProblemStatus.Resolved);
    }
}

public sealed class ChangeProblemStatusHandler(
    IServiceDeskDb db, ProblemWorkspace workspace, SlaClockKeeper clocks, SlaPolicyBook policies, TicketMail mail)
    : IRequestHandler<ChangeProblemStatus, ProblemView>
{
    public async Task<ProblemView> Handle(ChangeProblemStatus request, CancellationToken ct)
    {
        var (viewer, problem) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        var actor = Actor.Of(viewer.Person);
        var now = workspace.Now;
        ProblemLifecycle.TryParse(request.Status, out var to);
        if (request.RootCause is { } rootCause) problem.RecordRootCause(rootCause, actor, now);
        if (request.Workaround is { } workaround) problem.RecordWorkaround(workaround, actor, now);
        problem.ChangeStatus(to, request.Resolution, actor, now);

        await db.InTransactionAsync(async () =>
        {
            if (to == ProblemStatus.Resolved && request.ResolveIncidents)
                await ResolveOpenIncidentsAsync(problem, viewer.Person, request.Reply, now, ct);
            await workspace.FollowKnownErrorAsync(problem, ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        return await workspace.ViewAsync(problem.Id, ct);
    }

    private async Task ResolveOpenIncidentsAsync(Problem problem, Person by, string? reply, DateTime now, CancellationToken ct)
    {
        var ids = problem.Incidents.Select(i => i.TicketId).ToList();
        var open = await db.Tickets
            .Include(t => t.Participants).Include(t => t.Requester).Include(t => t.Clocks)
            .Where(t => ids.Contains(t.Id) && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed)
            .OrderBy(t => t.Id)
            .ToListAsync(ct);
        var text = string.IsNullOrWhiteSpace(reply)
            ? $"The shared ICT service has fixed the underlying fault that caused this incident:\n\n{problem.Resolution}"
            : reply.Trim();
        var actor = Actor.Of(by);
        // One ticket at a time: each save publishes (and clears) the events of what it saved, and the
        // mail for a ticket is written from its own events.
        foreach (var ticket in open)
        {
            ticket.ResolveWithProblem(problem.Reference, text, by, await policies.CalendarOfCouncilAsync(ticket.CouncilId, ct), now);
            problem.RecordIncidentResolved(ticket, actor, now);
            await clocks.KeepAsync(ticket, now, ct);
            await mail.SaveWithMailAsync(ticket, now, ct);
        }
    }
}

/// <summary>Links incidents (ticket references) to a problem; a ticket links to at most one problem.</summary>
public sealed record LinkIncidents(string Reference, IReadOnlyList<string>? Incidents, int? ExpectedVersion = null) : IRequest<ProblemView>;

public sealed class LinkIncidentsValidator : AbstractValidator<LinkIncidents>
{
    public LinkIncidentsValidator()
    {
        RuleFor(x => x.Incidents).Must(i => i is { Count: > 0 and <= 500 })
            .WithMessage("Name the incidents to link (incidents: ticket references, at most 500).");
    }
}

public sealed class LinkIncidentsHandler(ProblemWorkspace workspace) : IRequestHandler<LinkIncidents, ProblemView>
{
    public async Task<ProblemView> Handle(LinkIncidents request, CancellationToken ct)
    {
        var (viewer, problem) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        var tickets = await workspace.TicketsAsync(request.Incidents!, "incidents", ct);
        await workspace.LinkAsync(problem, tickets, Actor.Of(viewer.Person), ct);
        return await workspace.SaveAsync(problem, ct);
    }
}

/// <summary>Unlinks an incident from a problem (it was not caused by it after all).</summary>
public sealed record UnlinkIncident(string Reference, string TicketReference, int? ExpectedVersion = null) : IRequest<ProblemView>;

public sealed class UnlinkIncidentHandler(IServiceDeskDb db, ProblemWorkspace workspace) : IRequestHandler<UnlinkIncident, ProblemView>
{
    public async Task<ProblemView> Handle(UnlinkIncident request, CancellationToken ct)
    {
        var (viewer, problem) = await workspace.OpenAsync(request.Reference, request.ExpectedVersion, ct);
        if (!Domain.Tickets.TicketReference.TryParse(request.TicketReference, out var id))
            throw new NotFoundException($"Ticket {request.TicketReference}");
        var ticket = await db.Tickets.FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw new NotFoundException($"Ticket {request.TicketReference}");
        problem.Unlink(ticket, Actor.Of(viewer.Person), workspace.Now);
        return await workspace.SaveAsync(problem, ct);
    }
}

/// <summary>Links a ticket to a problem from the ticket's side; answers with the ticket.</summary>
public sealed record LinkTicketToProblem(string TicketReference, string? ProblemReference) : IRequest<TicketView>;

public sealed class LinkTicketToProblemValidator : AbstractValidator<LinkTicketToProblem>
{
    public LinkTicketToProblemValidator() =>
        RuleFor(x => x.ProblemReference).NotEmpty().WithMessage("Name the problem to link to (problemReference, e.g. PRB-000001).");
}

public sealed class LinkTicketToProblemHandler(IMediator mediator, ProblemWorkspace workspace) : IRequestHandler<LinkTicketToProblem, TicketView>
{
    public async Task<TicketView> Handle(LinkTicketToProblem request, CancellationToken ct)
    {
        await workspace.ViewerAsync($"Ticket {request.TicketReference}", ct);
        await mediator.Send(new LinkIncidents(request.ProblemReference!.Trim(), [request.TicketReference]), ct);
        return await mediator.Send(new GetTicket(request.TicketReference), ct);
    }
}

/// <summary>Unlinks a ticket from its problem, from the ticket's side; answers with the ticket.</summary>
public sealed record UnlinkTicketFromProblem(string TicketReference) : IRequest<TicketView>;

public sealed class UnlinkTicketFromProblemHandler(IServiceDeskDb db, IMediator mediator, ProblemWorkspace workspace) : IRequestHandler<UnlinkTicketFromProblem, TicketView>
{
    public async Task<TicketView> Handle(UnlinkTicketFromProblem request, CancellationToken ct)
    {
        await workspace.ViewerAsync($"Ticket {request.TicketReference}", ct);
        if (!Domain.Tickets.TicketReference.TryParse(request.TicketReference, out var id)) throw new NotFoundException($"Ticket {request.TicketReference}");
        var problemId = await db.ProblemIncidents.Where(l => l.TicketId == id).Select(l => (long?)l.ProblemId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"A problem linked to {request.TicketReference}");
        await mediator.Send(new UnlinkIncident(Domain.Problems.ProblemReference.Format(problemId), request.TicketReference), ct);
        return await mediator.Send(new GetTicket(request.TicketReference), ct);
    }
}

/// <summary>
/// Applies a published known error to an incident with one click: its workaround goes to the
/// requester as a public reply, and the incident is linked to the problem.
/// </summary>
public sealed record ApplyWorkaround(string TicketReference, string? ProblemReference, int? ExpectedVersion = null) : IRequest<TicketView>;

public sealed class ApplyWorkaroundValidator : AbstractValidator<ApplyWorkaround>
{
    public ApplyWorkaroundValidator() =>
        RuleFor(x => x.ProblemReference).NotEmpty().WithMessage("Name the known error to apply (problemReference, e.g. PRB-000001).");
}

public sealed class ApplyWorkaroundHandler(IServiceDeskDb db, TicketWorkspace tickets, ProblemWorkspace problems) : IRequestHandler<ApplyWorkaround, TicketView>
{
    public async Task<TicketView> Handle(ApplyWorkaround request, CancellationToken ct)
    {
        var (viewer, ticket) = await tickets.OpenAsync(request.TicketReference, request.ExpectedVersion, ct);
        var (_, problem) = await problems.OpenAsync(request.ProblemReference!.Trim(), null, ct);
        TicketWorkspace.EnsureCanWork(viewer, ticket, "apply a workaround");
        if (!problem.IsPublishedKnownError)
            throw new ConflictException($"{problem.Reference} is {ProblemLifecycle.Describe(problem.Status)}, not a published known error; it has no workaround to apply.");
        var now = tickets.Now;
        var linked = await db.ProblemIncidents.Where(l => l.TicketId == ticket.Id).Select(l => (long?)l.ProblemId).FirstOrDefaultAsync(ct);
        problem.Link(ticket, linked, Actor.Of(viewer.Person), now);
        ticket.Comment(viewer.Person,
            $"This is a known fault that we are working on. Until it is fixed, this workaround should get you going:\n\n{problem.Workaround}",
            isInternal: false, authorIsStaff: true, now);
        return await tickets.SaveAsync(viewer, ticket, ct);
    }
}

/// <summary>Raises a problem from a candidate (a service and category), linking all of its incidents.</summary>
public sealed record RaiseProblemFromCandidate(int? ServiceId, int? CategoryId, string? Title = null, string? Description = null, string? Priority = null)
    : IRequest<ProblemView>;

public sealed class RaiseProblemFromCandidateValidator : AbstractValidator<RaiseProblemFromCandidate>
{
    public RaiseProblemFromCandidateValidator()
    {
        RuleFor(x => x.ServiceId).NotNull().WithMessage("Name the candidate's service (serviceId).");
        RuleFor(x => x.Title).ProblemTitle().When(x => x.Title is not null);
        RuleFor(x => x.Description).ProblemText();
        RuleFor(x => x.Priority).OptionalPriority();
    }
}

public sealed class RaiseProblemFromCandidateHandler(IMediator mediator, ProblemWorkspace workspace) : IRequestHandler<RaiseProblemFromCandidate, ProblemView>
{
    public async Task<ProblemView> Handle(RaiseProblemFromCandidate request, CancellationToken ct)
    {
        await workspace.ViewerAsync("Candidate problems", ct);
        var candidate = (await mediator.Send(new ListCandidateProblems(), ct))
            .FirstOrDefault(c => c.ServiceId == request.ServiceId && c.CategoryId == request.CategoryId)
            ?? throw new ConflictException("Those incidents are not (or no longer) a candidate problem: some may have been linked meanwhile.");
        var what = candidate.Category is null ? candidate.Service : $"{candidate.Service} / {candidate.Category}";
        return await mediator.Send(new RaiseProblem(
            request.Title ?? $"Repeated incidents: {what}",
            string.IsNullOrWhiteSpace(request.Description)
                ? $"{candidate.Count} incidents of {what} between {candidate.FirstAt:d MMM yyyy} and {candidate.LastAt:d MMM yyyy}, from {string.Join(", ", candidate.Councils)}."
                : request.Description,
            [candidate.ServiceId], candidate.Incidents, request.Priority, null, candidate.CategoryId), ct);
    }
}
