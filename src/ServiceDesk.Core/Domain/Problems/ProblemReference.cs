namespace ServiceDesk.Core.Domain.Problems;

/// <summary>Formats and parses the partnership-wide problem reference, "PRB-000045".</summary>
public static class ProblemReference
{
    private static readonly ReferenceFormat Reference = new("PRB-");

    public static string Prefix => Reference.Prefix;

    public static string Format(long number) => Reference.Format(number);

    public static bool TryParse(string? reference, out long number) => Reference.TryParse(reference, out number);
}
