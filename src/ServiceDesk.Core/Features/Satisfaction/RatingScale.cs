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
