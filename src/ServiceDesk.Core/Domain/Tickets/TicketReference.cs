namespace ServiceDesk.Core.Domain.Tickets;

/// <summary>Formats and parses the partnership-wide ticket reference, "SD-000123".</summary>
public static class TicketReference
{
    private static readonly ReferenceFormat Reference = new("SD-");

    public static string Prefix => Reference.Prefix;

    public static string Format(long number) => Reference.Format(number);

    public static bool TryParse(string? reference, out long number) => Reference.TryParse(reference, out number);
}
