using System.ComponentModel;
using System.Reflection;

namespace ServiceDesk.Core.Domain;

/// <summary>
/// A record that is never changed or removed once saved (ticket and problem history, the audit
/// list). The save refuses any change to one, in one place.
/// </summary>
public interface IAppendOnly
{
    /// <summary>
    /// True while personal data is being removed from it (retention or erasure, UK GDPR): the one change
    /// the save lets through. Never set otherwise.
    /// </summary>
    bool Redacting => false;
}

/// <summary>
/// An administrative thing whose every change goes on the audit list (a council, a person, a
/// catalogue service, an SLA target …). Its kind is read from <see cref="DisplayNameAttribute"/>
/// on the class, its fields from the database model, so a new property is audited the day it is added.
/// </summary>
public interface IAudited
{
    /// <summary>How a reader recognises this one: a council's code, a person's email, a service's name.</summary>
    string AuditKey(IAuditNames names);
}

/// <summary>
/// A part of an audited thing kept in one of its collections (a person's councils, a group's
/// members): its changes are recorded as a change of that collection on its owner.
/// </summary>
public interface IAuditedPart;

/// <summary>The readable key of an audited thing referred to by id (for keys such as "Service Desk P1").</summary>
public interface IAuditNames
{
    string Of<T>(int id) where T : class, IAudited;
}

/// <summary>What happened to an audited thing.</summary>
public enum AuditAction { Added, Changed, Removed }

/// <summary>
/// One administrative change on the append-only audit list: who, when, what, and the fields
/// before and after (JSON objects of readable field names to readable values).
/// </summary>
public sealed class AuditEntry : IAppendOnly
{
    /// <summary>The name recorded when no one is signed in (first-run setup, mail, background work).</summary>
    public const string TheDesk = "The desk";

    private AuditEntry() { }

    public AuditEntry(DateTime at, int? actorId, string actorName, AuditAction action, string entityType, string entityKey,
        string summary, string? before, string? after)
    {
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        EntityType = entityType;
        EntityKey = entityKey.Length > 500 ? entityKey[..500] : entityKey;
        Summary = summary.Length > 2000 ? summary[..1999] + "…" : summary;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }
    public DateTime At { get; private set; }

    /// <summary>Null when no one was signed in.</summary>
    public int? ActorId { get; private set; }

    /// <summary>The actor's name at the time.</summary>
    public string ActorName { get; private set; } = "";
    public AuditAction Action { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EntityKey { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }

    public bool Redacting { get; private set; }

    /// <summary>Removes personal data (names, addresses) from the entry: the only change an entry ever takes.</summary>
    public void Redact(Func<string, string> scrub, string actorName)
    {
        Redacting = true;
        ActorName = actorName.Length > 0 ? actorName : scrub(ActorName);
        EntityKey = scrub(EntityKey);
        Summary = scrub(Summary);
        Before = Before is null ? null : scrub(Before);
        After = After is null ? null : scrub(After);
    }
}

/// <summary>The readable names of the audited kinds of thing, as the audit list shows and filters them.</summary>
public static class AuditedTypes
{
    /// <summary>The kind recorded for the demo partnership's seeding.</summary>
    public const string Partnership = "Partnership";

    public static string NameOf(Type type) =>
        type.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? Humanise(type.Name);

    /// <summary>Every kind an entry may have (the filter's choices).</summary>
    public static IReadOnlyList<string> Names { get; } =
        typeof(IAudited).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IAudited).IsAssignableFrom(t))
            .Select(NameOf).Append(Partnership).Append("Retention").Append("Personal data").Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>"ReportRecipients" → "Report recipients", "CalendarId" → "Calendar".</summary>
    public static string Humanise(string name)
    {
        if (name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2) name = name[..^2];
        var words = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i])) words.Append(' ').Append(char.ToLowerInvariant(name[i]));
            else words.Append(name[i]);
        }
        return words.ToString();
    }
}
