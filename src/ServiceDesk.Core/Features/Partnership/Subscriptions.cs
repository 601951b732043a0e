using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.Partnership;

/// <summary>A council's subscription to an enhanced service, with its annual cost.</summary>
public sealed record SubscriptionView(int Id, string Council, int ServiceId, string Service, DateOnly StartsOn, DateOnly? EndsOn, decimal AnnualCost);

/// <summary>
/// A council's subscriptions with their costs: shared ICT staff read any council's, a council's
/// approvers their own; to anyone else (a plain requester too) they are not found.
/// </summary>
public sealed record ListSubscriptions(string Code) : IRequest<IReadOnlyList<SubscriptionView>>;

public sealed class ListSubscriptionsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListSubscriptions, IReadOnlyList<SubscriptionView>>
{
    public async Task<IReadOnlyList<SubscriptionView>> Handle(ListSubscriptions request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var code = request.Code.Trim().ToUpperInvariant();
        var council = await db.Councils.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);
        if (council is null || !(viewer.SeesAllCouncils || viewer.IsApprover && viewer.CouncilIds.Contains(council.Id))) throw new NotFoundException($"Council {request.Code}");
        return await SubscriptionQueries.OfAsync(db, council, ct);
    }
}

/// <summary>
/// A service manager subscribes a council to an enhanced service from a date, at an annual cost (the
/// service's unit cost unless agreed otherwise). Extended support hours moves the council to the
/// extended calendar, and its open tickets' clocks are recomputed, as when the calendar is changed by hand.
/// </summary>
public sealed record SubscribeCouncil(string Code, int? ServiceId, DateOnly? StartsOn, decimal? AnnualCost) : IRequest<IReadOnlyList<SubscriptionView>>;

public sealed class SubscribeCouncilValidator : AbstractValidator<SubscribeCouncil>
{
    public SubscribeCouncilValidator()
    {
        RuleFor(x => x.ServiceId).NotNull().WithMessage("Choose the enhanced service (serviceId).");
        RuleFor(x => x.StartsOn).NotNull().WithMessage("Give the date the subscription starts (startsOn), e.g. 2026-07-01.");
        RuleFor(x => x.AnnualCost).GreaterThanOrEqualTo(0).When(x => x.AnnualCost is not null).WithMessage("annualCost cannot be negative.");
    }
}

public sealed class SubscribeCouncilHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background)
    : IRequestHandler<SubscribeCouncil, IReadOnlyList<SubscriptionView>>
{
    public async Task<IReadOnlyList<SubscriptionView>> Handle(SubscribeCouncil request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers subscribe councils to enhanced services.");
        var code = request.Code.Trim().ToUpperInvariant();
        var council = await db.Councils.Include(c => c.Subscriptions).FirstOrDefaultAsync(c => c.Code == code, ct)
            ?? throw new NotFoundException($"Council {request.Code}");
        var service = await db.Services.FirstOrDefaultAsync(s => s.Id == request.ServiceId, ct)
            ?? throw new FieldException("serviceId", $"There is no catalogue service {request.ServiceId}.");
        var calendarChanged = council.Subscribe(service, request.StartsOn!.Value, request.AnnualCost ?? service.UnitCost);
        await db.SaveChangesAsync(ct);
        // The council's open tickets count business time in the new calendar from now on.
        if (calendarChanged) background.RecalculateOpenClocks();
        return await SubscriptionQueries.OfAsync(db, council, ct);
    }
}

internal static class SubscriptionQueries
{
    public static async Task<IReadOnlyList<SubscriptionView>> OfAsync(IServiceDeskDb db, Council council, CancellationToken ct) =>
        (await db.CouncilSubscriptions.AsNoTracking().Include(s => s.Service).Where(s => s.CouncilId == council.Id).ToListAsync(ct))
            .OrderBy(s => s.StartsOn)
            .Select(s => new SubscriptionView(s.Id, council.Code, s.ServiceId, s.Service!.Name, s.StartsOn, s.EndsOn, s.AnnualCost))
            .ToList();
}
