using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>
/// Logs an incident or service request. Council staff raise their own; a desk agent may log one
/// on behalf of a requester (e.g. by phone), and so may a member of a council's own resolver group for
/// the people of their council, who then follows the ticket. A person who works for several councils
/// picks the council.
/// </summary>
public sealed record RaiseTicket(
    string? Type, string? Title, string? Description, int? ServiceId, int? CategoryId,
    string? Impact, string? Urgency, string? RequesterEmail = null, string? Channel = null,
    string? CouncilCode = null, int? Quantity = null) : IRequest<TicketView>
{
    /// <summary>The channel used when the caller does not say (set by the entry point: API or portal).</summary>
    public Channel DefaultChannel { get; init; } = Domain.Channel.Api;

    /// <summary>
    /// Set when the ticket is to be resolved at once (on first contact): it is refused, before anything is
    /// saved, if its routing puts it with a group the one logging it cannot work for.
    /// </summary>
    public bool ResolvedAtOnce { get; init; }
}

public sealed class RaiseTicketValidator : AbstractValidator<RaiseTicket>
{
    public RaiseTicketValidator()
    {
        RuleFor(x => x.Type).MustBeEnum<RaiseTicket, TicketType>("type");
        RuleFor(x => x.Title).TicketTitle();
        RuleFor(x => x.Description).NotEmpty().WithMessage("Describe what happened or what you need.")
            .MaximumLength(TextRules.DescriptionMax);
        RuleFor(x => x.ServiceId).NotNull().WithMessage("Choose the service this is about (serviceId).");
        RuleFor(x => x.Impact).MustBeEnum<RaiseTicket, Impact>("impact");
        RuleFor(x => x.Urgency).MustBeEnum<RaiseTicket, Urgency>("urgency");
        RuleFor(x => x.Channel).OptionalEnum<RaiseTicket, Channel>("channel");
        RuleFor(x => x.RequesterEmail).EmailAddress().MaximumLength(254).When(x => x.RequesterEmail is not null)
            .WithMessage("requesterEmail must be an email address.");
        RuleFor(x => x.CouncilCode).MaximumLength(10);
        RuleFor(x => x.Quantity).InclusiveBetween(1, Ticket.MaxQuantity).When(x => x.Quantity is not null)
            .WithMessage($"quantity must be between 1 and {Ticket.MaxQuantity}.");
    }
}

public sealed class RaiseTicketHandler(IServiceDeskDb db, ViewerLoader viewers, TicketWorkspace workspace, Requesters requesters)
    : IRequestHandler<RaiseTicket, TicketView>
{
    public async Task<TicketView> Handle(RaiseTicket request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var now = workspace.Now;

        var service = await db.Services.Include(s => s.Routes).FirstOrDefaultAsync(s => s.Id == request.ServiceId, ct)
            ?? throw new FieldException("serviceId", $"There is no catalogue service {request.ServiceId}.");
        Category? category = null;
        if (request.CategoryId is int categoryId)
            category = await db.Categories.FirstOrDefaultAsync(c => c.Id == categoryId, ct)
                ?? throw new FieldException("categoryId", $"There is no category {categoryId}.");

        Person requester;
        if (request.RequesterEmail is { } email && !string.Equals(email.Trim(), viewer.Person.Email, StringComparison.OrdinalIgnoreCase))
        {
            if (!viewer.LogsCalls)
                throw new ForbiddenException("Only service-desk agents and council resolver groups can log tickets for someone else.");
            requester = await requesters.CallerAsync(viewer, email, null, ct);
        }
        else
        {
            if (viewer.Person.IsSharedIct)
                throw new FieldException("requesterEmail", "Shared ICT staff log tickets for a council's requester: give requesterEmail.");
            requester = viewer.Person;
        }

        if (request.Channel is not null && !viewer.LogsCalls)
            throw new FieldException("channel", "Only the service desk records the channel of a ticket.");
        var channel = request.Channel is null ? request.DefaultChannel : Enum.Parse<Channel>(request.Channel, true);

        // A council's own staff log tickets for someone else only in their own councils.
        var forOther = requester != viewer.Person;
        var council = await ResolveCouncilAsync(requester, request.CouncilCode, forOther && !viewer.IsAgent ? viewer.CanLogFor : null, ct);
        var ticket = Ticket.Raise(
            Enum.Parse<TicketType>(request.Type!, true), request.Title!, request.Description!, requester, council,
            service, await db.RoutedGroupAsync(service, council, ct), category, Enum.Parse<Impact>(request.Impact!, true), Enum.Parse<Urgency>(request.Urgency!, true),
            channel, Actor.Of(viewer.Person), now, request.Quantity ?? 1);
        if (request.ResolvedAtOnce && !viewer.CanWork(ticket))
            throw new FieldException("resolvedOnFirstContact",
                $"{service.Name} for {council.Name} goes to {ticket.ResolverGroup!.Name}, which you are not in: log the call without resolving it, and that group resolves it.");
        // Someone of the council who logs a ticket for a colleague follows it, so they see what becomes of it.
        if (forOther && !viewer.SeesAllCouncils) ticket.AddParticipant(viewer.Person, Actor.Of(viewer.Person), now);
        db.Tickets.Add(ticket);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }

    /// <param name="allowed">For a council's own staff logging for a colleague: the councils they log for.</param>
    private async Task<Council> ResolveCouncilAsync(Person requester, string? councilCode, Func<int, bool>? allowed, CancellationToken ct)
    {
        if (await requesters.CouncilToRaiseForAsync(requester, councilCode, ct, allowed) is { } council) return council;
        if (!requester.IsActive) throw new FieldException("requesterEmail", $"{requester.DisplayName} is deactivated and cannot raise tickets.");
        if (allowed is not null) throw new FieldException("councilCode", "You log calls only for your own council.");
        throw councilCode is null
            ? new FieldException("councilCode", $"{requester.DisplayName} works for no council still in the partnership.")
            : new FieldException("councilCode", $"{requester.DisplayName} does not work for a partner council with code '{councilCode}'.");
    }
}
