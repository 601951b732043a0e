namespace ServiceDesk.Core.Domain.Tickets;

public sealed partial class Ticket
{
    public const int LowestRating = 1;
    public const int HighestRating = 5;

    /// <summary>The requester's satisfaction with the resolution, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    public int? SatisfactionRating { get; private set; }
    public string? SatisfactionComment { get; private set; }
    public DateTime? RatedAt { get; private set; }

    /// <summary>The requester rates how the ticket was handled once it is resolved; a later rating replaces the earlier one.</summary>
    public void Rate(int rating, string? comment, Person by, DateTime now)
    {
        if (by.Id != RequesterId)
            throw new ForbiddenException("Only the requester can rate a ticket.");
        if (Status is not (TicketStatus.Resolved or TicketStatus.Closed))
            throw new ConflictException($"{Reference} can be rated once it is resolved; it is {TicketLifecycle.Describe(Status)}.");
        if (rating is < LowestRating or > HighestRating)
            throw new FieldException("rating", $"Choose a rating from {LowestRating} to {HighestRating}.");
        var actor = Actor.Of(by);
        var text = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Record(now, actor, "Satisfaction", SatisfactionRating?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            text is null ? $"{rating} of {HighestRating}" : $"{rating} of {HighestRating}: {text}");
        SatisfactionRating = rating;
        SatisfactionComment = text;
        RatedAt = now;
        Changed(now, actor, "Rated");
    }
}
