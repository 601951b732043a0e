using System.Text.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.Audit;

/// <summary>One field of an audited thing, before and after (null: it had no value, or did not exist).</summary>
public sealed record AuditFieldChange(string Field, string? Before, string? After);

/// <summary>One administrative change as the audit list shows it.</summary>
public sealed record AuditEntryView(
    long Id, DateTime At, int? ActorId, string Actor, AuditAction Action, string EntityType, string EntityKey, string Summary,
    IReadOnlyList<AuditFieldChange> Changes);

/// <summary>
/// The audit list, newest first, for service managers: filtered by kind of thing (entityType),
/// by who made the change (actor, an email address), by words in the key, summary or values (q), and by
/// Europe/London days (from, to, inclusive).
/// </summary>
public sealed record ListAuditEntries(
    string? EntityType = null, string? Actor = null, string? Q = null, DateOnly? From = null, DateOnly? To = null,
    int? Page = null, int? PageSize = null) : IRequest<PagedList<AuditEntryView>>;

public sealed class ListAuditEntriesValidator : AbstractValidator<ListAuditEntries>
{
    public ListAuditEntriesValidator()
    {
        RuleFor(x => x.EntityType)
            .Must(t => string.IsNullOrWhiteSpace(t) || AuditedTypes.Names.Contains(t.Trim(), StringComparer.OrdinalIgnoreCase))
            .WithMessage($"entityType must be one of {string.Join(", ", AuditedTypes.Names)}.");
        RuleFor(x => x.Actor).Must(a => string.IsNullOrWhiteSpace(a) || System.Text.RegularExpressions.Regex.IsMatch(a.Trim(), @"^[^@\s]+@[^@\s]+\.[^@\s]+$"))
            .WithMessage("actor must be an email address.");
        RuleFor(x => x.Q).SearchWords();
        RuleFor(x => x.To).GreaterThanOrEqualTo(x => x.From).When(x => x.From is not null && x.To is not null)
            .WithMessage("to must be the same day as from or later.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).When(x => x.Page is not null).WithMessage("page starts at 1.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200).When(x => x.PageSize is not null).WithMessage("pageSize must be between 1 and 200.");
    }
}

public sealed class ListAuditEntriesHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListAuditEntries, PagedList<AuditEntryView>>
{
    public async Task<PagedList<AuditEntryView>> Handle(ListAuditEntries request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        // Council staff never learn the list exists; other shared ICT staff are told who may read it.
        viewer.RequireSharedIctData("The audit list");
        viewer.RequireServiceManager("Only service managers can read the audit list.");

        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.EntityType))
        {
            var type = AuditedTypes.Names.First(n => string.Equals(n, request.EntityType.Trim(), StringComparison.OrdinalIgnoreCase));
            entries = entries.Where(e => e.EntityType == type);
        }
        if (!string.IsNullOrWhiteSpace(request.Actor))
        {
            var email = request.Actor.Trim().ToLowerInvariant();
            var actorId = await db.People.Where(p => p.Email == email).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            entries = entries.Where(e => e.ActorId != null && e.ActorId == actorId);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLowerInvariant();
            // The values too: "who took bob@… out of a group" is a search for his address.
            entries = entries.Where(e => e.EntityKey.ToLower().Contains(q) || e.Summary.ToLower().Contains(q)
                || (e.Before != null && e.Before.ToLower().Contains(q)) || (e.After != null && e.After.ToLower().Contains(q)));
        }
        if (request.From is DateOnly from)
        {
            var start = PartnershipTime.StartOfDay(from);
            entries = entries.Where(e => e.At >= start);
        }
        if (request.To is DateOnly to)
        {
            var end = PartnershipTime.StartOfDay(to.AddDays(1));
            entries = entries.Where(e => e.At < end);
        }
        var total = await entries.CountAsync(ct);
        var page = request.Page ?? 1;
        var size = request.PageSize ?? 25;
        var rows = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new PagedList<AuditEntryView>(rows.Select(View).ToList(), total, page, size);
    }

    public static AuditEntryView View(AuditEntry e) => new(
        e.Id, e.At, e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityKey, e.Summary, Changes(e.Before, e.After));

    /// <summary>The fields in the order recorded, each with its value before and after.</summary>
    public static IReadOnlyList<AuditFieldChange> Changes(string? beforeJson, string? afterJson)
    {
        var before = Read(beforeJson);
        var after = Read(afterJson);
        return before.Keys.Concat(after.Keys).Distinct()
            .Select(f => new AuditFieldChange(f, before.GetValueOrDefault(f), after.GetValueOrDefault(f)))
            .ToList();
    }

    private static Dictionary<string, string?> Read(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string?>>(json) ?? [];
}
