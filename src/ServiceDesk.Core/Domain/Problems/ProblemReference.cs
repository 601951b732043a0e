using System.Globalization;

namespace ServiceDesk.Core.Domain.Problems;

/// <summary>Formats and parses the partnership-wide problem reference, "PRB-000045".</summary>
public static class ProblemReference
{
    public const string Prefix = "PRB-";

    public static string Format(long number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    public static bool TryParse(string? reference, out long number)
    {
        number = 0;
        if (reference is null || !reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var digits = reference.AsSpan(Prefix.Length);
        return digits.Length is > 0 and <= 12 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
