using FluentValidation;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Satisfaction;

/// <summary>The satisfaction ratings in words, the same on the portal, the rating page and the resolution email.</summary>
public static class RatingScale
{
    public static readonly IReadOnlyList<(int Rating, string Text)> Choices =
    [
        (1, "Very dissatisfied"),
        (2, "Dissatisfied"),
        (3, "Neither satisfied nor dissatisfied"),
        (4, "Satisfied"),
        (5, "Very satisfied"),
    ];

    public static string Describe(int rating) => Choices.FirstOrDefault(c => c.Rating == rating).Text ?? rating.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The one rule for a rating given on the portal, by API or by a rating link.</summary>
public static class RatingRules
{
    public static IRuleBuilderOptions<T, int?> SatisfactionRating<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().WithMessage("Choose how satisfied you are (rating 1 to 5).")
            .InclusiveBetween(Ticket.LowestRating, Ticket.HighestRating).WithMessage($"Choose a rating from {Ticket.LowestRating} to {Ticket.HighestRating}.");
}
