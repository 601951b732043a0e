namespace ServiceDesk.Core.Domain.Reports;

/// <summary>
/// A council's (or the partnership's) SLA report for one calendar month, stored once with its
/// figures as JSON, so what partners were sent can be shown and sent again unchanged.
/// </summary>
public sealed class MonthlyReport
{
    /// <summary>The scope key of the consolidated partnership report (no council).</summary>
    public const int PartnershipScope = 0;

    private MonthlyReport() { }

    public MonthlyReport(int? councilId, string month, string figuresJson, DateTime generatedAt)
    {
        CouncilId = councilId;
        ScopeKey = councilId ?? PartnershipScope;
        Month = month;
        FiguresJson = figuresJson;
        GeneratedAt = generatedAt;
    }

    public long Id { get; private set; }

    /// <summary>The council reported on; null for the consolidated partnership report.</summary>
    public int? CouncilId { get; private set; }

    /// <summary>The council's id, or 0 for the partnership: unique with the month (a null council would not be).</summary>
    public int ScopeKey { get; private set; }

    /// <summary>The calendar month in Europe/London, as yyyy-MM.</summary>
    public string Month { get; private set; } = "";
    public string FiguresJson { get; private set; } = "";
    public DateTime GeneratedAt { get; private set; }

    /// <summary>When the monthly run put the report in the outbox for its recipients; a rerun sends nothing twice.</summary>
    public DateTime? MailedAt { get; private set; }

    /// <summary>When a service manager last sent it again.</summary>
    public DateTime? ResentAt { get; private set; }

    public void MarkMailed(DateTime at) => MailedAt ??= at;

    public void MarkResent(DateTime at) => ResentAt = at;
}
