using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>A person who may be on the phone, with what the desk needs to hand: their councils and tickets.</summary>
public sealed record CallerView(
    int Id, string Name, string Email, string? Phone, IReadOnlyList<CallerCouncil> Councils,
    IReadOnlyList<CallerTicket> OpenTickets, IReadOnlyList<CallerTicket> RecentTickets);

public sealed record CallerCouncil(string Code, string Name, bool Main);

public sealed record CallerTicket(string Reference, string Title, TicketStatus Status, Priority Priority, string CouncilCode, DateTime UpdatedAt);

/// <summary>
/// Finds callers by part of their name, email address or phone number, across the councils the
/// viewer may see: shared ICT staff search every council; a member of a council's resolver group
/// only the people of their own councils, and sees only the tickets they may see.
/// </summary>
public sealed record FindCallers(string? Q) : IRequest<IReadOnlyList<CallerView>>
{
    public const int MinLength = 2;
    public const int MaxResults = 20;
    /// <summary>Resolved and closed tickets updated within this many days count as recent.</summary>
    public const int RecentDays = 90;
}

public sealed class FindCallersValidator : AbstractValidator<FindCallers>
{
    public FindCallersValidator()
    {
        RuleFor(x => x.Q).Must(q => q is not null && q.Trim().Length >= FindCallers.MinLength)
            .WithMessage($"Enter at least {FindCallers.MinLength} characters of the caller's name, email address or phone number (q).")
            .SearchWords();
    }
}

public sealed class FindCallersHandler(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time) : IRequestHandler<FindCallers, IReadOnlyList<CallerView>>
{
    public async Task<IReadOnlyList<CallerView>> Handle(FindCallers request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!viewer.IsStaff) throw new ForbiddenException("Only the service desk looks up callers.");
        var q = request.Q!.Trim();
        var lower = q.ToLowerInvariant();
        var digits = PhoneNumbers.Digits(q);
        var byPhone = q.All(PhoneNumbers.IsPhoneCharacter) && digits.Length >= 3;

        // Callers are council staff still able to raise tickets.
        var people = db.People.AsNoTracking().Where(p => p.MainCouncilId != null && p.DeactivatedAt == null);
        if (!viewer.SeesAllCouncils)
        {
            var mine = viewer.CouncilIds.ToList();
            people = people.Where(p => p.Memberships.Any(m => mine.Contains(m.CouncilId)));
        }
        people = byPhone
            ? people.Where(p => p.PhoneDigits != null && p.PhoneDigits.Contains(digits))
            : people.Where(p => p.Email.Contains(lower) || p.DisplayName.ToLower().Contains(lower));
        var found = await people.Include(p => p.Memberships).OrderBy(p => p.DisplayName).ThenBy(p => p.Email)
            .Take(FindCallers.MaxResults).ToListAsync(ct);
        if (found.Count == 0) return [];

        var councils = await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => new { c.Code, c.Name }, ct);
        var ids = found.Select(p => p.Id).ToList();
        var since = time.GetUtcNow().UtcDateTime.AddDays(-FindCallers.RecentDays);
        var tickets = await viewer.Visible(db.Tickets).AsNoTracking()
            .Where(t => ids.Contains(t.RequesterId)
                && (t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed || t.UpdatedAt >= since))
            .OrderByDescending(t => t.UpdatedAt)
            .Select(t => new { t.RequesterId, t.Id, t.Title, t.Status, t.Priority, t.CouncilId, t.UpdatedAt })
            .ToListAsync(ct);

        return found.Select(p =>
        {
            var theirs = tickets.Where(t => t.RequesterId == p.Id)
                .Select(t => new CallerTicket(TicketReference.Format(t.Id), t.Title, t.Status, t.Priority, councils[t.CouncilId].Code, t.UpdatedAt))
                .ToList();
            return new CallerView(p.Id, p.DisplayName, p.Email, p.Phone,
                p.Memberships.Where(m => viewer.CanSeeCouncil(m.CouncilId))
                    .OrderBy(m => m.CouncilId != p.MainCouncilId).ThenBy(m => councils[m.CouncilId].Code)
                    .Select(m => new CallerCouncil(councils[m.CouncilId].Code, councils[m.CouncilId].Name, m.CouncilId == p.MainCouncilId)).ToList(),
                theirs.Where(t => TicketLifecycle.IsOpen(t.Status)).ToList(),
                theirs.Where(t => !TicketLifecycle.IsOpen(t.Status)).Take(5).ToList());
        }).ToList();
    }
}

/// <summary>
/// A desk agent, or a member of a council's own resolver group for the people of their council, logs a
/// phone call: the caller is found by email address or enrolled in the council whose mail domain it is
/// in (with the name given), their phone number is kept, and the ticket is raised with channel Phone.
/// <see cref="ResolvedOnFirstContact"/>: resolved during the call, which the monthly report counts as
/// first-contact resolution (a council's staff only where the ticket goes to their own group).
/// </summary>
public sealed record LogPhoneCall(
    string? Type, string? Title, string? Description, int? ServiceId, int? CategoryId, string? Impact, string? Urgency,
    string? RequesterEmail, string? RequesterName = null, string? Phone = null, string? CouncilCode = null,
    bool ResolvedOnFirstContact = false, string? Resolution = null) : IRequest<TicketView>
{
    public RaiseTicket ToRaise() => new(string.IsNullOrWhiteSpace(Type) ? nameof(TicketType.Incident) : Type, Title, Description, ServiceId, CategoryId,
        Impact, Urgency, RequesterEmail, nameof(Channel.Phone), CouncilCode) { ResolvedAtOnce = ResolvedOnFirstContact };
}

public sealed class LogPhoneCallValidator : AbstractValidator<LogPhoneCall>
{
    public LogPhoneCallValidator()
    {
        // The ticket's own rules, checked before anyone is enrolled.
        RuleFor(x => x).Custom((call, context) =>
        {
            foreach (var failure in new RaiseTicketValidator().Validate(call.ToRaise()).Errors) context.AddFailure(failure);
        });
        RuleFor(x => x.RequesterEmail).NotEmpty().WithMessage("Find the caller, or give their email address (requesterEmail).");
        RuleFor(x => x.RequesterName).MaximumLength(200);
        RuleFor(x => x.Phone).MaximumLength(Person.MaxPhoneLength);
        RuleFor(x => x.Resolution).NotEmpty().WithMessage("Say how you resolved it on the call (resolution).")
            .MaximumLength(TextRules.CommentMax).When(x => x.ResolvedOnFirstContact);
    }
}

public sealed class LogPhoneCallHandler(IServiceDeskDb db, ViewerLoader viewers, Requesters requesters, IMediator mediator)
    : IRequestHandler<LogPhoneCall, TicketView>
{
    public async Task<TicketView> Handle(LogPhoneCall request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        if (!viewer.LogsCalls) throw new ForbiddenException("Only service-desk agents and council resolver groups log phone calls for callers.");
        await KnowCallerAsync(viewer, request, ct);
        // One way through: the raise and the resolution are the same use cases the API and the workspace run.
        var ticket = await mediator.Send(request.ToRaise(), ct);
        if (!request.ResolvedOnFirstContact) return ticket;
        return await mediator.Send(new ChangeTicketStatus(ticket.Reference, nameof(TicketStatus.Resolved), request.Resolution,
            ticket.Version, FirstContact: true), ct);
    }

    /// <summary>Enrols a caller the desk has not met, and keeps the number they called from.</summary>
    private async Task KnowCallerAsync(Viewer viewer, LogPhoneCall request, CancellationToken ct)
    {
        var person = await requesters.CallerAsync(viewer, request.RequesterEmail!, request.RequesterName, ct);
        if (!string.IsNullOrWhiteSpace(request.Phone) && PhoneNumbers.Digits(request.Phone) != person.PhoneDigits) person.SetPhone(request.Phone);
        await db.SaveChangesAsync(ct);
    }
}
