namespace ServiceDesk.Core.Features.Satisfaction;

/// <summary>
/// The signed links in a resolution email that let the requester rate the ticket with one click.
/// A link names one ticket and one person, carries when it was issued and until when it works, and
/// is signed so that no part of it can be changed (ASP.NET Core Data Protection, bound to this purpose).
/// </summary>
public interface IRatingLinks
{
    /// <summary>A token for the person to rate the ticket, working until <paramref name="expiresAt"/>.</summary>
    string Issue(long ticketId, int personId, DateTime issuedAt, DateTime expiresAt);

    /// <summary>What a token says, or null if it was not issued by this desk for rating (changed, cut short, made up).</summary>
    RatingLinkClaim? Read(string token);
}

/// <summary>What a rating link grants: this person may rate this ticket once, until it expires.</summary>
public sealed record RatingLinkClaim(long TicketId, int PersonId, DateTime IssuedAt, DateTime ExpiresAt);
