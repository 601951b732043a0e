using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Features.Email;

namespace ServiceDesk.Core.Features.Reports;

/// <summary>
/// The SLA report as an email: plain text, and HTML of simple tables with inline styles (Outlook
/// drops style sheets and classes), every RAG status written as a word as well as a colour, and
/// the figures attached as CSV.
/// </summary>
public sealed class SlaReportMail(IOptions<EmailOptions> email, ISlaReportPdf pdf)
{
    public const string Kind = "sla-report";

    public Notification Compose(SlaReportFigures figures, int? recipientPersonId, string to, DateTime now)
    {
        ReportMonth.TryParse(figures.Month, out var month);
        var subject = $"SLA report for {month.Name}: {figures.Scope}";
        return new Notification(Kind, null, recipientPersonId, to, subject, Text(figures, month), now, email.Value.NewMessageId())
            .WithHtml(Html(figures, month))
            .WithAttachment(FileName(figures), "text/csv", Encoding.UTF8.GetBytes(figures.ToCsv()))
            .WithAttachment(FileName(figures, "pdf"), "application/pdf", pdf.Write(figures));
    }

    public static string FileName(SlaReportFigures figures, string extension = "csv") =>
        $"sla-report-{(figures.CouncilCode ?? "partnership").ToLowerInvariant()}-{figures.Month}.{extension}";

    private static string Text(SlaReportFigures f, ReportMonth month)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"SLA report for {f.Scope}, {month.Name}.\n");
        foreach (var section in SlaReportFigures.MeasureSections)
        {
            var rows = f.Measures.Where(m => m.Section == section).ToList();
            if (rows.Count == 0) continue;
            text.Append(CultureInfo.InvariantCulture, $"\n{section}\n");
            foreach (var m in rows)
                text.Append(CultureInfo.InvariantCulture,
                    $"  {m.Label}: {ReportFormat.Value(m.Value, m.Unit)}{(m.Target is null ? "" : $" (target {m.Target}) {ReportFormat.Status(m)}")}{Since(ReportFormat.Change(m.Change, m.Unit), section)}\n");
        }
        foreach (var section in ServiceMeasures.TimeSections)
        {
            var rows = f.Times.Where(t => t.Section == section).ToList();
            if (rows.Count == 0) continue;
            text.Append(CultureInfo.InvariantCulture, $"\n{section}\n");
            foreach (var t in rows)
                text.Append(CultureInfo.InvariantCulture,
                    $"  {t.Label}: mean {ReportFormat.Hours(t.MeanHours)}, median {ReportFormat.Hours(t.MedianHours)} ({t.Count} measured), within target {ReportFormat.Value(t.WithinTarget, "percent")}\n");
        }
        foreach (var section in SlaReportFigures.CountSections)
        {
            var rows = f.Counts.Where(c => c.Section == section).ToList();
            if (rows.Count == 0) continue;
            text.Append(CultureInfo.InvariantCulture, $"\n{section}\n");
            foreach (var c in rows)
                text.Append(CultureInfo.InvariantCulture, $"  {c.Label}: {c.Count}{Since(ReportFormat.Change(c.Change, "count"))}\n");
        }
        text.Append("\nThe figures are attached as CSV, and the report as PDF.\n\n-- \nShared ICT Service Desk");
        return text.ToString();
    }

    private static string Since(string change, string? section = null) =>
        change.Length == 0 ? "" : $", {change} since last {(section == ServiceMeasures.CostPerUser ? "quarter" : "month")}";

    private const string Cell = "border:1px solid #b1b4b6;padding:6px 8px;text-align:left;vertical-align:top;";
    private const string Number = "border:1px solid #b1b4b6;padding:6px 8px;text-align:right;vertical-align:top;";

    private static string Html(SlaReportFigures f, ReportMonth month)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(E($"SLA report for {month.Name}: {f.Scope}")).Append("</title></head>")
            .Append("<body style=\"font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c;\">")
            .Append("<h1 style=\"font-size:24px;\">").Append(E($"SLA report: {f.Scope}")).Append("</h1>")
            .Append("<p>").Append(E($"{month.Name}. Each measure shows its target, its status (Green, Amber or Red) and the change since last month. The figures are attached as CSV.")).Append("</p>");
        foreach (var section in SlaReportFigures.MeasureSections)
        {
            var rows = f.Measures.Where(m => m.Section == section).ToList();
            if (rows.Count == 0) continue;
            Table(html, section, ["Measure", "Value", "Target", "Status", ServiceMeasures.ChangeHeading(section)], rows.Select(m => new[]
            {
                (E(m.Label), Cell),
                (E(ReportFormat.Value(m.Value, m.Unit)) + (m.Of > 0 && m.Unit == "percent" ? E($" ({m.Count} of {m.Of})") : ""), Number),
                (E(m.Target ?? "—"), Cell),
                ($"<strong>{E(ReportFormat.Status(m))}</strong>", Cell + RagStyle(m.Rag)),
                (E(ReportFormat.Change(m.Change, m.Unit)), Number),
            }));
        }
        foreach (var section in ServiceMeasures.TimeSections)
        {
            var rows = f.Times.Where(t => t.Section == section).ToList();
            if (rows.Count == 0) continue;
            Table(html, section, [section.Contains("group", StringComparison.Ordinal) ? "Resolver group" : "Priority", "Measured", "Mean", "Median", "Within target", "Status"], rows.Select(t => new[]
            {
                (E(t.Label), Cell),
                (t.Count.ToString(CultureInfo.InvariantCulture), Number),
                (E(ReportFormat.Hours(t.MeanHours)), Number),
                (E(ReportFormat.Hours(t.MedianHours)), Number),
                (E(ReportFormat.Value(t.WithinTarget, "percent")), Number),
                ($"<strong>{E(t.WithinTarget is null ? "No data" : ReportFormat.Word(t.Rag))}</strong>", Cell + RagStyle(t.Rag)),
            }));
        }
        foreach (var section in SlaReportFigures.CountSections)
        {
            var rows = f.Counts.Where(c => c.Section == section).ToList();
            if (rows.Count == 0) continue;
            Table(html, section, [section == SlaReportFigures.TopCategories ? "Service / category" : "", "Count", "Change since last month"], rows.Select(c => new[]
            {
                (E(c.Label), Cell),
                (c.Count.ToString(CultureInfo.InvariantCulture), Number),
                (E(ReportFormat.Change(c.Change, "count")), Number),
            }));
        }
        html.Append("<p style=\"font-size:14px;\">Shared ICT Service Desk</p></body></html>");
        return html.ToString();
    }

    private static void Table(StringBuilder html, string caption, string[] headers, IEnumerable<(string Html, string Style)[]> rows)
    {
        html.Append("<table role=\"table\" cellpadding=\"0\" cellspacing=\"0\" border=\"1\" style=\"border-collapse:collapse;margin:0 0 24px 0;\">")
            .Append("<caption style=\"text-align:left;font-weight:bold;font-size:19px;padding:0 0 8px 0;\">").Append(E(caption)).Append("</caption><tr>");
        foreach (var h in headers)
            html.Append("<th scope=\"col\" style=\"").Append(Cell).Append("background:#f3f2f1;\">").Append(E(h.Length == 0 ? caption : h)).Append("</th>");
        html.Append("</tr>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var (content, style) in row) html.Append("<td style=\"").Append(style).Append("\">").Append(content).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static string RagStyle(Rag rag)
    {
        var (background, text) = ReportFormat.Colours(rag);
        return $"background:{background};color:{text};";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
