using System.Globalization;

namespace ServiceDesk.Core.Domain;

/// <summary>A partnership-wide reference: a prefix and at least six digits ("SD-000123", "PRB-000045").</summary>
public sealed class ReferenceFormat(string prefix)
{
    public string Prefix { get; } = prefix;

    public string Format(long number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    public bool TryParse(string? reference, out long number)
    {
        number = 0;
        if (reference is null || !reference.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var digits = reference.AsSpan(Prefix.Length);
        return digits.Length is > 0 and <= 12 && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
