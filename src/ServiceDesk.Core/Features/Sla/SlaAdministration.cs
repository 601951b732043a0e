using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Sla;

public sealed record ClosureDayView(DateOnly Date, string Name, ClosureKind Kind);
public sealed record CalendarView(int Id, string Name, string TimeZone, TimeOnly Opens, TimeOnly Closes,
    IReadOnlyList<DayOfWeek> WorkingDays, IReadOnlyList<string> Councils, IReadOnlyList<ClosureDayView> ClosureDays);
public sealed record TargetView(int Amount, BusinessTimeUnit Unit);
public sealed record SlaTargetView(ServiceTier Tier, Priority Priority, TargetView Response, TargetView Resolution);
public sealed record OlaTargetView(int ResolverGroupId, Priority Priority, TargetView Response, TargetView Resolution);

/// <summary>Who may see and change the service levels: shared ICT staff see them; service managers change them.</summary>
internal static class SlaAccess
{
    public static void EnsureStaff(Viewer viewer) =>
        viewer.RequireSharedIct("Calendars and service levels are managed by the shared ICT service.");

    public static void EnsureServiceManager(Viewer viewer) =>
        viewer.RequireServiceManager("Only service managers can change calendars and service levels.");

    public static TargetView View(BusinessTime t) => new(t.Amount, t.Unit);
}

/// <summary>The business calendars, with their closure days and the councils that use them.</summary>
public sealed record ListCalendars : IRequest<IReadOnlyList<CalendarView>>;

public sealed class ListCalendarsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListCalendars, IReadOnlyList<CalendarView>>
{
    public async Task<IReadOnlyList<CalendarView>> Handle(ListCalendars request, CancellationToken ct)
    {
        SlaAccess.EnsureStaff(await viewers.LoadAsync(ct));
        var calendars = await db.Calendars.AsNoTracking().Include(c => c.ClosureDays).OrderBy(c => c.Name).ToListAsync(ct);
        var councils = await db.Councils.AsNoTracking().Select(c => new { c.CalendarId, c.Code }).ToListAsync(ct);
        return calendars.Select(c => new CalendarView(
            c.Id, c.Name, c.TimeZoneId, c.Opens, c.Closes,
            Enum.GetValues<DayOfWeek>().Where(d => (c.WorkingDays & (1 << (int)d)) != 0).ToList(),
            councils.Where(x => x.CalendarId == c.Id).Select(x => x.Code).Order().ToList(),
            c.ClosureDays.OrderBy(d => d.Date).Select(d => new ClosureDayView(d.Date, d.Name, d.Kind)).ToList())).ToList();
    }
}

/// <summary>A service manager closes a calendar for a day (e.g. a council's extra Christmas closure).</summary>
public sealed record AddClosureDay(int CalendarId, DateOnly? Date, string? Name) : IRequest<CalendarView>;

public sealed class AddClosureDayValidator : AbstractValidator<AddClosureDay>
{
    public AddClosureDayValidator()
    {
        RuleFor(x => x.Date).NotNull().WithMessage("Give the date of the closure (date, e.g. 2026-12-24).");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Say why the desk is closed (name).").MaximumLength(200);
    }
}

public sealed class AddClosureDayHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background, IMediator mediator)
    : IRequestHandler<AddClosureDay, CalendarView>
{
    public async Task<CalendarView> Handle(AddClosureDay request, CancellationToken ct)
    {
        SlaAccess.EnsureServiceManager(await viewers.LoadAsync(ct));
        var calendar = await db.Calendars.Include(c => c.ClosureDays).FirstOrDefaultAsync(c => c.Id == request.CalendarId, ct)
            ?? throw new NotFoundException($"Calendar {request.CalendarId}");
        if (calendar.ClosureDays.Any(d => d.Date == request.Date))
            throw new ConflictException($"{calendar.Name} is already closed on {request.Date:yyyy-MM-dd}.");
        calendar.AddClosure(request.Date!.Value, request.Name!.Trim(), ClosureKind.Closure);
        await db.SaveChangesAsync(ct);
        background.RecalculateOpenClocks();
        return (await mediator.Send(new ListCalendars(), ct)).Single(c => c.Id == calendar.Id);
    }
}

/// <summary>A service manager removes a closure day.</summary>
public sealed record RemoveClosureDay(int CalendarId, DateOnly Date) : IRequest<CalendarView>;

public sealed class RemoveClosureDayHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background, IMediator mediator)
    : IRequestHandler<RemoveClosureDay, CalendarView>
{
    public async Task<CalendarView> Handle(RemoveClosureDay request, CancellationToken ct)
    {
        SlaAccess.EnsureServiceManager(await viewers.LoadAsync(ct));
        var calendar = await db.Calendars.Include(c => c.ClosureDays).FirstOrDefaultAsync(c => c.Id == request.CalendarId, ct)
            ?? throw new NotFoundException($"Calendar {request.CalendarId}");
        var day = calendar.ClosureDays.FirstOrDefault(d => d.Date == request.Date)
            ?? throw new NotFoundException($"A closure of {calendar.Name} on {request.Date:yyyy-MM-dd}");
        calendar.ClosureDays.Remove(day);
        await db.SaveChangesAsync(ct);
        background.RecalculateOpenClocks();
        return (await mediator.Send(new ListCalendars(), ct)).Single(c => c.Id == calendar.Id);
    }
}

/// <summary>The SLA targets by service tier and priority.</summary>
public sealed record ListSlaTargets : IRequest<IReadOnlyList<SlaTargetView>>;

public sealed class ListSlaTargetsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListSlaTargets, IReadOnlyList<SlaTargetView>>
{
    public async Task<IReadOnlyList<SlaTargetView>> Handle(ListSlaTargets request, CancellationToken ct)
    {
        SlaAccess.EnsureStaff(await viewers.LoadAsync(ct));
        var targets = await db.SlaTargets.AsNoTracking().ToListAsync(ct);
        return targets.OrderBy(t => t.Tier).ThenBy(t => t.Priority)
            .Select(t => new SlaTargetView(t.Tier, t.Priority, SlaAccess.View(t.Response), SlaAccess.View(t.Resolution))).ToList();
    }
}

/// <summary>Targets given as an amount and a unit: Minutes, Hours or Days (business days of the calendar in use).</summary>
public sealed record TargetInput(int? Amount, string? Unit);

/// <summary>A service manager changes the SLA for one tier and priority; open tickets are recomputed from their original start.</summary>
public sealed record ChangeSlaTarget(string Tier, string Priority, TargetInput? Response, TargetInput? Resolution) : IRequest<SlaTargetView>;

public sealed class ChangeSlaTargetValidator : AbstractValidator<ChangeSlaTarget>
{
    public ChangeSlaTargetValidator()
    {
        RuleFor(x => x.Tier).MustBeEnum<ChangeSlaTarget, ServiceTier>("tier");
        RuleFor(x => x.Priority).Must(p => Tickets.ListTicketsHandler.ParsePriority(p) is not null).WithMessage("priority must be one of P1, P2, P3, P4, P5.");
        RuleFor(x => x.Response).NotNull().WithMessage("Give the response target (response: amount and unit).").SetValidator(new TargetInputValidator()!);
        RuleFor(x => x.Resolution).NotNull().WithMessage("Give the resolution target (resolution: amount and unit).").SetValidator(new TargetInputValidator()!);
    }
}

internal sealed class TargetInputValidator : AbstractValidator<TargetInput>
{
    public TargetInputValidator()
    {
        RuleFor(x => x.Amount).NotNull().InclusiveBetween(1, 100_000).WithMessage("amount must be a whole number from 1 to 100000.");
        RuleFor(x => x.Unit).MustBeEnum<TargetInput, BusinessTimeUnit>("unit");
    }
}

public sealed class ChangeSlaTargetHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background) : IRequestHandler<ChangeSlaTarget, SlaTargetView>
{
    public async Task<SlaTargetView> Handle(ChangeSlaTarget request, CancellationToken ct)
    {
        SlaAccess.EnsureServiceManager(await viewers.LoadAsync(ct));
        var tier = Enum.Parse<ServiceTier>(request.Tier, true);
        var priority = Tickets.ListTicketsHandler.ParsePriority(request.Priority)!.Value;
        var response = Parse(request.Response!);
        var resolution = Parse(request.Resolution!);
        var target = await db.SlaTargets.FirstOrDefaultAsync(t => t.Tier == tier && t.Priority == priority, ct);
        if (target is null) db.SlaTargets.Add(target = new SlaTarget(tier, priority, response, resolution));
        else target.Change(response, resolution);
        await db.SaveChangesAsync(ct);
        background.RecalculateOpenClocks();
        return new SlaTargetView(tier, priority, SlaAccess.View(target.Response), SlaAccess.View(target.Resolution));
    }

    internal static BusinessTime Parse(TargetInput input) => new(input.Amount!.Value, Enum.Parse<BusinessTimeUnit>(input.Unit!, true));
}

/// <summary>A resolver group's OLA targets by priority.</summary>
public sealed record ListOlaTargets(int ResolverGroupId) : IRequest<IReadOnlyList<OlaTargetView>>;

public sealed class ListOlaTargetsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListOlaTargets, IReadOnlyList<OlaTargetView>>
{
    public async Task<IReadOnlyList<OlaTargetView>> Handle(ListOlaTargets request, CancellationToken ct)
    {
        // A group's OLA is shared-ICT data: to anyone else it does not exist, like another council's group.
        (await viewers.LoadAsync(ct)).RequireSharedIctData($"Resolver group {request.ResolverGroupId}");
        if (!await db.ResolverGroups.AnyAsync(g => g.Id == request.ResolverGroupId, ct)) throw new NotFoundException($"Resolver group {request.ResolverGroupId}");
        var targets = await db.OlaTargets.AsNoTracking().Where(t => t.ResolverGroupId == request.ResolverGroupId).ToListAsync(ct);
        return targets.OrderBy(t => t.Priority)
            .Select(t => new OlaTargetView(t.ResolverGroupId, t.Priority, SlaAccess.View(t.Response), SlaAccess.View(t.Resolution))).ToList();
    }
}

/// <summary>A service manager changes a resolver group's OLA for one priority.</summary>
public sealed record ChangeOlaTarget(int ResolverGroupId, string Priority, TargetInput? Response, TargetInput? Resolution) : IRequest<OlaTargetView>;

public sealed class ChangeOlaTargetValidator : AbstractValidator<ChangeOlaTarget>
{
    public ChangeOlaTargetValidator()
    {
        RuleFor(x => x.Priority).Must(p => Tickets.ListTicketsHandler.ParsePriority(p) is not null).WithMessage("priority must be one of P1, P2, P3, P4, P5.");
        RuleFor(x => x.Response).NotNull().WithMessage("Give the response target (response: amount and unit).").SetValidator(new TargetInputValidator()!);
        RuleFor(x => x.Resolution).NotNull().WithMessage("Give the resolution target (resolution: amount and unit).").SetValidator(new TargetInputValidator()!);
    }
}

public sealed class ChangeOlaTargetHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background) : IRequestHandler<ChangeOlaTarget, OlaTargetView>
{
    public async Task<OlaTargetView> Handle(ChangeOlaTarget request, CancellationToken ct)
    {
        SlaAccess.EnsureServiceManager(await viewers.LoadAsync(ct));
        if (!await db.ResolverGroups.AnyAsync(g => g.Id == request.ResolverGroupId, ct)) throw new NotFoundException($"Resolver group {request.ResolverGroupId}");
        var priority = Tickets.ListTicketsHandler.ParsePriority(request.Priority)!.Value;
        var response = ChangeSlaTargetHandler.Parse(request.Response!);
        var resolution = ChangeSlaTargetHandler.Parse(request.Resolution!);
        var target = await db.OlaTargets.FirstOrDefaultAsync(t => t.ResolverGroupId == request.ResolverGroupId && t.Priority == priority, ct);
        if (target is null) db.OlaTargets.Add(target = new OlaTarget(request.ResolverGroupId, priority, response, resolution));
        else target.Change(response, resolution);
        await db.SaveChangesAsync(ct);
        background.RecalculateOpenClocks();
        return new OlaTargetView(request.ResolverGroupId, priority, SlaAccess.View(target.Response), SlaAccess.View(target.Resolution));
    }
}

/// <summary>Recomputes the clocks of every open ticket, in batches (run in the background after a calendar or policy change).</summary>
public sealed record RecalculateOpenClocks(int BatchSize = 500) : IRequest<int>;

public sealed class RecalculateOpenClocksHandler(IServiceDeskDb db, SlaClockKeeper keeper, TimeProvider time) : IRequestHandler<RecalculateOpenClocks, int>
{
    public async Task<int> Handle(RecalculateOpenClocks request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var done = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.Tickets.Include(t => t.Clocks)
                .Where(t => t.Id > after && t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed)
                .OrderBy(t => t.Id).Take(request.BatchSize).ToListAsync(ct);
            if (batch.Count == 0) return done;
            foreach (var ticket in batch) await keeper.KeepAsync(ticket, now, ct, recalculate: true);
            await db.SaveChangesAsync(ct);
            db.ForgetTracked();
            done += batch.Count;
            after = batch[^1].Id;
        }
    }
}
