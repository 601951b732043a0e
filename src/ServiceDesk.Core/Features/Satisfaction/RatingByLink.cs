using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Core.Features.Satisfaction;

/// <summary>Whether a rating link can still be used, in the words the rating page shows.</summary>
public enum RatingLinkState
{
    /// <summary>The link works: one press of the button records the rating.</summary>
    Ready,
    /// <summary>The ticket was rated after the link was sent (with this link or on the portal).</summary>
    Used,
    /// <summary>The link's time ran out.</summary>
    Expired,
}

/// <summary>What the rating page shows for a link: the ticket it is for, and whether it still works.</summary>
public sealed record RatingLinkView(string Reference, string Title, string Council, RatingLinkState State, DateTime ExpiresAt, int? Rating, string Message);

/// <summary>
/// Opens a rating link from a resolution email (no sign-in: the signed link is the proof). Reading
/// never changes anything, since mail scanners follow links; only <see cref="RateByLink"/> records.
/// A link that is not one of the desk's, or whose ticket is gone, is not found (404).
/// </summary>
public sealed record ReadRatingLink(string Token) : IRequest<RatingLinkView>;

/// <summary>
/// Records the rating chosen on the rating page, once: the link is used up as soon as the ticket has
/// a rating given after the link was sent. Uses <see cref="Ticket.Rate"/>, as the portal and API do.
/// </summary>
public sealed record RateByLink(string Token, int? Rating, string? Comment) : IRequest<RatingLinkView>;

public sealed class RateByLinkValidator : AbstractValidator<RateByLink>
{
    public RateByLinkValidator()
    {
        RuleFor(x => x.Rating).SatisfactionRating();
        RuleFor(x => x.Comment).MaximumLength(TextRules.ReasonMax);
    }
}

public sealed class RatingLinkHandlers(IServiceDeskDb db, IRatingLinks links, TimeProvider time, SlaClockKeeper clocks, Email.TicketMail mail)
    : IRequestHandler<ReadRatingLink, RatingLinkView>, IRequestHandler<RateByLink, RatingLinkView>
{
    public async Task<RatingLinkView> Handle(ReadRatingLink request, CancellationToken ct)
    {
        var (claim, ticket) = await OpenAsync(request.Token, ct);
        return await ViewAsync(claim, ticket, ct);
    }

    public async Task<RatingLinkView> Handle(RateByLink request, CancellationToken ct)
    {
        var (claim, ticket) = await OpenAsync(request.Token, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var view = await ViewAsync(claim, ticket, ct);
        if (view.State != RatingLinkState.Ready) throw new ConflictException(view.Message);
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == claim.PersonId, ct) ?? throw new NotFoundException("Rating link");
        ticket.Rate(request.Rating!.Value, request.Comment, person, now);
        await clocks.KeepAsync(ticket, now, ct);
        await mail.SaveWithMailAsync(ticket, now, ct);
        return await ViewAsync(claim, ticket, ct);
    }

    private async Task<(RatingLinkClaim Claim, Ticket Ticket)> OpenAsync(string token, CancellationToken ct)
    {
        var claim = links.Read(token) ?? throw new NotFoundException("Rating link");
        var ticket = await db.Tickets.Include(t => t.Clocks).Include(t => t.Participants)
            .FirstOrDefaultAsync(t => t.Id == claim.TicketId && t.RequesterId == claim.PersonId, ct)
            ?? throw new NotFoundException("Rating link");
        return (claim, ticket);
    }

    private async Task<RatingLinkView> ViewAsync(RatingLinkClaim claim, Ticket ticket, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var council = await db.Councils.AsNoTracking().Where(c => c.Id == ticket.CouncilId).Select(c => c.Name).FirstAsync(ct);
        var (state, message) = ticket.RatedAt is DateTime rated && rated >= claim.IssuedAt
            ? (RatingLinkState.Used, $"Thank you: {ticket.Reference} is rated \"{RatingScale.Describe(ticket.SatisfactionRating ?? 0).ToLowerInvariant()}\". " +
                "This link has been used. To change your rating, sign in and open the ticket.")
            : now > claim.ExpiresAt
                ? (RatingLinkState.Expired, $"This link to rate {ticket.Reference} stopped working on {claim.ExpiresAt:d MMMM yyyy}. " +
                    "You can still rate the ticket: sign in and open it.")
                : (RatingLinkState.Ready, $"Confirm your rating of {ticket.Reference}.");
        return new RatingLinkView(ticket.Reference, ticket.Title, council, state, claim.ExpiresAt, ticket.SatisfactionRating, message);
    }
}
