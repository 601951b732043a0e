namespace ServiceDesk.Web.Pages.Problems;

/// <summary>Ticket references as people type or paste them: separated by spaces, commas or new lines.</summary>
public static class IncidentReferences
{
    public static IReadOnlyList<string> Parse(string? text) =>
        (text ?? "").Split([' ', ',', ';', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.ToUpperInvariant()).Distinct().ToList();
}
