using System.ComponentModel;
using System.Text.RegularExpressions;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// A snippet agents insert into a reply or note, with placeholders filled from the ticket:
/// partnership-wide, or for one resolver group. Kept by group leads and service managers.
/// </summary>
[DisplayName("Canned reply")]
public sealed partial class CannedReply : IAudited
{
    private CannedReply() { }

    public CannedReply(string title, string body, int? resolverGroupId, DateTime now)
    {
        Change(title, body, now);
        ResolverGroupId = resolverGroupId;
        CreatedAt = now;
    }

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";

    /// <summary>The group whose agents use it; null for the whole partnership.</summary>
    public int? ResolverGroupId { get; private set; }

    /// <summary>How many times it was inserted into a reply or note.</summary>
    public int UsageCount { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public string AuditKey(IAuditNames names) => Title;

    /// <summary>The placeholders a body may use, each with what fills it.</summary>
    public static IReadOnlyList<(string Placeholder, string Meaning)> Placeholders { get; } =
    [
        ("{first name}", "the requester's first name"),
        ("{reference}", "the ticket's reference"),
        ("{service}", "the ticket's service"),
        ("{agent}", "your name"),
    ];

    public void Change(string title, string body, DateTime now)
    {
        foreach (Match braces in UnknownPlaceholder().Matches(body))
            if (!PlaceholderPattern().IsMatch(braces.Value))
                throw new FieldException("body", $"{braces.Value} is not a placeholder; use {string.Join(", ", Placeholders.Select(p => p.Placeholder))}.");
        Title = title.Trim();
        Body = body.Trim();
        UpdatedAt = now;
    }

    /// <summary>The body with its placeholders filled for one ticket, counted as a use.</summary>
    public string FillFor(string requesterName, string reference, string service, string agentName)
    {
        UsageCount++;
        var firstName = requesterName.Trim().Split(' ', 2)[0];
        return PlaceholderPattern().Replace(Body, m => m.Value.ToLowerInvariant() switch
        {
            "{first name}" => firstName,
            "{reference}" => reference,
            "{service}" => service,
            "{agent}" => agentName,
            _ => m.Value,
        });
    }

    [GeneratedRegex(@"\{(first name|reference|service|agent)\}", RegexOptions.IgnoreCase)]
    private static partial Regex PlaceholderPattern();

    /// <summary>A word in braces that looks meant as a placeholder.</summary>
    [GeneratedRegex(@"\{[a-z][a-z ]{0,20}\}", RegexOptions.IgnoreCase)]
    private static partial Regex UnknownPlaceholder();
}
