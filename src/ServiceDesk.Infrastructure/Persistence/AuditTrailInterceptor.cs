using System.Collections;
using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Puts every administrative change on the audit list, in the same save (and so the same
/// transaction) as the change: it reads EF's change tracker for the things marked
/// <see cref="IAudited"/> and records who (the signed-in person), when, and each changed field
/// before and after. A part kept in an audited thing's collection (<see cref="IAuditedPart"/>)
/// is recorded as a change of that collection on its owner.
/// </summary>
public sealed class AuditTrailInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly List<AuditEntry> _unsaved = [];
    private int _paused;

    /// <summary>Saves made until the result is disposed are not recorded (seeding reference and demo data).</summary>
    public IDisposable Pause()
    {
        _paused++;
        return new Resume(this);
    }

    private sealed class Resume(AuditTrailInterceptor interceptor) : IDisposable
    {
        private bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            interceptor._paused--;
        }
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        _unsaved.Clear();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        _unsaved.Clear();
        return base.SavedChanges(eventData, result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Forget(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    /// <summary>A save that failed recorded nothing: a retry records the change once, afresh.</summary>
    private void Forget(DbContext? context)
    {
        if (context is not null)
            foreach (var entry in _unsaved)
                context.Entry(entry).State = EntityState.Detached;
        _unsaved.Clear();
    }

    private void Record(DbContext? context)
    {
        if (context is null || _paused > 0) return;
        // One scan: each Entries() call detects changes in every tracked entity again.
        var tracked = context.ChangeTracker.Entries().ToList();
        var changed = tracked.Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is IAudited or IAuditedPart).ToList();
        if (changed.Count == 0) return;

        var names = new Names(context);
        var owners = new Dictionary<object, Change>(ReferenceEqualityComparer.Instance);
        foreach (var entry in changed.Where(e => e.Entity is IAudited))
            owners[entry.Entity] = new Change(entry);
        foreach (var part in changed.Where(e => e.Entity is IAuditedPart))
        {
            if (OwnerOf(context, tracked, part) is not var (owner, navigation)) continue;
            if (!owners.TryGetValue(owner.Entity, out var change)) owners[owner.Entity] = change = new Change(owner);
            change.Collections.Add(navigation);
        }
        // Finding owners may have loaded their collections: see every part before and after.
        if (owners.Count > 0 && changed.Any(e => e.Entity is IAuditedPart)) tracked = context.ChangeTracker.Entries().ToList();

        var actor = services.GetService(typeof(ICurrentActor)) as ICurrentActor;
        var actorId = actor?.PersonId;
        var actorName = actorId is int id && context.Find<Person>(id) is { } person ? person.DisplayName : actor?.Name ?? AuditEntry.TheDesk;
        var now = ((TimeProvider?)services.GetService(typeof(TimeProvider)) ?? TimeProvider.System).GetUtcNow().UtcDateTime;
        foreach (var change in owners.Values)
            if (change.Describe(tracked, names) is { } entry)
            {
                var audit = new AuditEntry(now, actorId, actorName, entry.Action, entry.Type, entry.Key, entry.Summary, entry.Before, entry.After);
                context.Add(audit);
                _unsaved.Add(audit);
            }
    }

    /// <summary>The audited thing that keeps this part in one of its collections, and that collection.</summary>
    private static (EntityEntry Owner, INavigation Navigation)? OwnerOf(DbContext context, List<EntityEntry> tracked, EntityEntry part)
    {
        var fk = part.Metadata.GetForeignKeys().FirstOrDefault(f =>
            f.PrincipalToDependent is { IsCollection: true } && typeof(IAudited).IsAssignableFrom(f.PrincipalEntityType.ClrType));
        if (fk is null || fk.Properties.Count != 1) return null;
        var property = part.Property(fk.Properties[0].Name);
        var key = part.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;
        var owner = tracked.FirstOrDefault(e => e.Metadata == fk.PrincipalEntityType
            && Equals(e.Property(fk.PrincipalKey.Properties[0].Name).CurrentValue, key));
        if (owner is null)
        {
            if (key is null || context.Find(fk.PrincipalEntityType.ClrType, key) is not { } found) return null;
            owner = context.Entry(found);
        }
        var collection = owner.Collection(fk.PrincipalToDependent!.Name);
        // The whole collection is needed to show it before and after; a part changed without its owner's collection loaded.
        if (!collection.IsLoaded && owner.State is EntityState.Unchanged or EntityState.Modified) collection.Load();
        return (owner, fk.PrincipalToDependent!);
    }

    private sealed record Described(AuditAction Action, string Type, string Key, string Summary, string? Before, string? After);

    /// <summary>The change to one audited thing: its own fields, and the collections of parts that changed.</summary>
    private sealed class Change(EntityEntry entry)
    {
        public HashSet<INavigation> Collections { get; } = [];

        public Described? Describe(List<EntityEntry> tracked, Names names)
        {
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Added,
                EntityState.Deleted => AuditAction.Removed,
                _ => AuditAction.Changed,
            };
            var before = new Dictionary<string, string?>();
            var after = new Dictionary<string, string?>();
            foreach (var property in entry.Properties.Where(p => Audited(p.Metadata)))
            {
                var label = Label(property.Metadata.PropertyInfo, property.Metadata.Name);
                var old = action == AuditAction.Added ? null : names.Value(property.Metadata, property.OriginalValue);
                var now = action == AuditAction.Removed ? null : names.Value(property.Metadata, property.CurrentValue);
                if (action == AuditAction.Changed && (!property.IsModified || old == now)) continue;
                // A secret is recorded as set or changed, never its value (not even protected).
                if (property.Metadata.PropertyInfo?.GetCustomAttribute<SecretAttribute>() is not null)
                    (old, now) = (string.IsNullOrEmpty(old) ? null : "(secret)", string.IsNullOrEmpty(now) ? null : action == AuditAction.Changed ? "(new secret)" : "(secret)");
                if (action != AuditAction.Added && (action == AuditAction.Changed || old is not null)) before[label] = old;
                if (action != AuditAction.Removed && (action == AuditAction.Changed || now is not null)) after[label] = now;
            }
            foreach (var navigation in Collections.OrderBy(n => n.Name, StringComparer.Ordinal))
            {
                var label = Label(navigation.PropertyInfo, navigation.Name);
                var parts = tracked.Where(e => e.Metadata == navigation.TargetEntityType && BelongsHere(e, navigation)).ToList();
                var old = Join(parts.Where(p => p.State != EntityState.Added).Select(p => names.Part(p, navigation, original: true)));
                var now = Join(parts.Where(p => p.State != EntityState.Deleted).Select(p => names.Part(p, navigation, original: false)));
                if (action == AuditAction.Changed && old == now) continue;
                if (action != AuditAction.Added) before[label] = old;
                if (action != AuditAction.Removed) after[label] = now;
            }
            if (action == AuditAction.Changed && before.Count == 0 && after.Count == 0) return null;

            var type = AuditedTypes.NameOf(entry.Metadata.ClrType);
            var key = ((IAudited)entry.Entity).AuditKey(names);
            var summary = action switch
            {
                AuditAction.Added => $"{type} {key} added.",
                AuditAction.Removed => $"{type} {key} removed.",
                _ => $"{type} {key} changed: {string.Join(", ", after.Keys.Concat(before.Keys).Distinct().Select(LowerFirst))}.",
            };
            return new Described(action, type, key, summary,
                before.Count == 0 ? null : JsonSerializer.Serialize(before, Json),
                after.Count == 0 ? null : JsonSerializer.Serialize(after, Json));
        }

        private bool BelongsHere(EntityEntry part, INavigation navigation)
        {
            var fk = navigation.ForeignKey;
            var value = part.State == EntityState.Deleted
                ? part.Property(fk.Properties[0].Name).OriginalValue
                : part.Property(fk.Properties[0].Name).CurrentValue;
            return Equals(value, entry.Property(fk.PrincipalKey.Properties[0].Name).CurrentValue);
        }

        private static string? Join(IEnumerable<string> values)
        {
            var list = values.Order(StringComparer.Ordinal).ToList();
            return list.Count == 0 ? null : string.Join(", ", list);
        }
    }

    /// <summary>Generated ids and concurrency tokens say nothing to a reader.</summary>
    private static bool Audited(IProperty property) =>
        !(property.IsPrimaryKey() && property.ValueGenerated != ValueGenerated.Never && !property.IsForeignKey())
        && !property.IsConcurrencyToken && !property.IsShadowProperty();

    private static string Label(MemberInfo? member, string name) =>
        member?.GetCustomAttribute<DisplayNameAttribute>()?.DisplayName ?? AuditedTypes.Humanise(name);

    private static string LowerFirst(string label) =>
        label.Length > 1 && char.IsUpper(label[1]) ? label : char.ToLowerInvariant(label[0]) + label[1..];

    /// <summary>Readable values: ids of audited things become their keys ("MBC", a person's email), lists are joined.</summary>
    private sealed class Names(DbContext context) : IAuditNames
    {
        private readonly Dictionary<(Type, object), string> _keys = [];

        public string Of<T>(int id) where T : class, IAudited => Key(typeof(T), id);

        private string Key(Type type, object id)
        {
            if (_keys.TryGetValue((type, id), out var known)) return known;
            var key = context.Find(type, id) is IAudited audited ? audited.AuditKey(this) : $"#{id}";
            return _keys[(type, id)] = key;
        }

        public string? Value(IProperty property, object? value)
        {
            if (value is null) return null;
            var fk = property.GetContainingForeignKeys().FirstOrDefault(f =>
                f.Properties.Count == 1 && typeof(IAudited).IsAssignableFrom(f.PrincipalEntityType.ClrType));
            if (fk is not null) return Key(fk.PrincipalEntityType.ClrType, value);
            return value switch
            {
                string s => s,
                bool b => b ? "Yes" : "No",
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                TimeOnly t => t.ToString("HH:mm", CultureInfo.InvariantCulture),
                DateTime t => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                decimal m => m.ToString("0.00##", CultureInfo.InvariantCulture),
                Enum e => EnumText(e),
                IEnumerable list => string.Join(", ", list.Cast<object?>().Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        /// <summary>A combination of roles reads as their names ("Requester, Approver"), marked as flags or not.</summary>
        private static string EnumText(Enum value)
        {
            if (Enum.IsDefined(value.GetType(), value)) return value.ToString();
            var bits = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            var names = Enum.GetValues(value.GetType()).Cast<Enum>()
                .Where(v => Convert.ToInt64(v, CultureInfo.InvariantCulture) is var b && b != 0 && (bits & b) == b)
                .Select(v => v.ToString()).ToList();
            return names.Count == 0 ? value.ToString() : string.Join(", ", names);
        }

        /// <summary>A part as it reads in its owner's collection: its fields other than the owner's id ("MBC: Swale on-site desktop").</summary>
        public string Part(EntityEntry part, INavigation navigation, bool original)
        {
            var values = part.Properties
                .Where(p => Audited(p.Metadata) && !navigation.ForeignKey.Properties.Contains(p.Metadata))
                // A flag of a part reads as its name when set ("MBC: Approver") and not at all when clear.
                .Select(p => (original ? p.OriginalValue : p.CurrentValue) is bool flag
                    ? (flag ? p.Metadata.Name : null)
                    : Value(p.Metadata, original ? p.OriginalValue : p.CurrentValue))
                .Where(v => v is not null);
            return string.Join(": ", values);
        }
    }
}
