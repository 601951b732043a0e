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
/// on behalf of a requester (e.g. by phone). A person who works for several councils picks the council.
/// </summary>
public sealed record RaiseTicket(
    string? Type, string? Title, string? Description, int? ServiceId, int? CategoryId,
    string? Impact, string? Urgency, string? RequesterEmail = null, string? Channel = null,
    string? CouncilCode = null, int? Quantity = null) : IRequest<TicketView>
{
    /// <summary>The channel used when the caller does not say (set by the entry point: API or portal).</summary>
    public Channel DefaultChannel { get; init; } = Domain.Channel.Api;
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
            if (!viewer.IsAgent)
                throw new ForbiddenException("Only service-desk agents can log tickets for someone else.");
            requester = await FindOrEnrolRequesterAsync(email, ct);
        }
        else
        {
            if (viewer.Person.IsSharedIct)
                throw new FieldException("requesterEmail", "Shared ICT staff log tickets for a council's requester: give requesterEmail.");
            requester = viewer.Person;
        }

        if (request.Channel is not null && !viewer.IsAgent)
            throw new FieldException("channel", "Only service-desk agents record the channel of a ticket.");
        var channel = request.Channel is null ? request.DefaultChannel : Enum.Parse<Channel>(request.Channel, true);

        var council = await ResolveCouncilAsync(requester, request.CouncilCode, ct);
        var ticket = Ticket.Raise(
            Enum.Parse<TicketType>(request.Type!, true), request.Title!, request.Description!, requester, council,
            service, await db.RoutedGroupAsync(service, council, ct), category, Enum.Parse<Impact>(request.Impact!, true), Enum.Parse<Urgency>(request.Urgency!, true),
            channel, Actor.Of(viewer.Person), now, request.Quantity ?? 1);
        db.Tickets.Add(ticket);
        return await workspace.SaveAsync(viewer, ticket, ct);
    }

    private async Task<Council> ResolveCouncilAsync(Person requester, string? councilCode, CancellationToken ct)
    {
        if (await requesters.CouncilToRaiseForAsync(requester, councilCode, ct) is { } council) return council;
        if (!requester.IsActive) throw new FieldException("requesterEmail", $"{requester.DisplayName} is deactivated and cannot raise tickets.");
        throw councilCode is null
            ? new FieldException("councilCode", $"{requester.DisplayName} works for no council still in the partnership.")
            : new FieldException("councilCode", $"{requester.DisplayName} does not work for a partner council with code '{councilCode}'.");
    }

    /// <summary>An address in a council's mail domain that the desk has not met becomes a requester of that council.</summary>
    private async Task<Person> FindOrEnrolRequesterAsync(string email, CancellationToken ct)
    {
        var address = email.Trim().ToLowerInvariant();
        var person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Email == address, ct);
        if (person is not null)
        {
            if (person.IsSharedIct)
                throw new FieldException("requesterEmail", "The requester must work for a council; shared ICT staff cannot raise tickets for a council.");
            return person;
        }
        var council = await requesters.CouncilOfAddressAsync(address, ct)
            ?? throw new FieldException("requesterEmail", $"No council of the partnership uses the mail domain '{address[(address.IndexOf('@') + 1)..]}'.");
        return requesters.Enrol(address, null, council);
    }
}
