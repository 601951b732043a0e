using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Features.Reports;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>
/// The self-service block of the monthly SLA report: articles viewed, "Did this help?" answered yes,
/// and deflected contacts (answers found instead of tickets), for one council (or the partnership),
/// with last month's figures beside them.
/// </summary>
public static class SelfServiceFigures
{
    public const string Section = "Self-service";
    public const string Viewed = "Articles viewed";
    public const string Helpful = "Helpful votes";
    public const string Deflected = "Deflected contacts";

    public static async Task<IReadOnlyList<CountLine>> CountAsync(IServiceDeskDb db, int? councilId, ReportMonth month, CancellationToken ct)
    {
        var from = month.Previous.StartUtc;
        var end = month.EndUtc;
        var query = db.ArticleActivities.AsNoTracking().Where(a => a.At >= from && a.At < end && a.Kind != ArticleActivityKind.NotHelpful);
        query = councilId is int id ? query.Where(a => a.CouncilId == id) : query.Where(a => a.CouncilId != null);
        var rows = await query.Select(a => new { a.Kind, a.At }).ToListAsync(ct);
        CountLine Line(string label, ArticleActivityKind kind)
        {
            var now = rows.Count(r => r.Kind == kind && month.Contains(r.At));
            var before = rows.Count(r => r.Kind == kind && month.Previous.Contains(r.At));
            return new CountLine(Section, label, now, before, now - before);
        }
        return [Line(Viewed, ArticleActivityKind.Viewed), Line(Helpful, ArticleActivityKind.Helpful), Line(Deflected, ArticleActivityKind.Deflected)];
    }
}
