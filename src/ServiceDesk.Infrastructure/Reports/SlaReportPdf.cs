using System.Globalization;
using Microsoft.Extensions.Options;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using ServiceDesk.Core.Features.Reports;

namespace ServiceDesk.Infrastructure.Reports;

/// <summary>Where the PDF report finds its typeface (ServiceDesk:Reports:Pdf).</summary>
public sealed class ReportPdfOptions
{
    public const string Section = "ServiceDesk:Reports:Pdf";

    /// <summary>The folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian's fonts-dejavu-core puts them here).</summary>
    public string FontFolder { get; set; } = "/usr/share/fonts/truetype/dejavu";
}

/// <summary>
/// PDFsharp needs a font resolver on Linux: it reads DejaVu Sans (regular and bold) from the configured
/// folder. Every face the report asks for maps to one of the two.
/// </summary>
internal sealed class DejaVuFontResolver(string folder) : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName)
    {
        var path = Path.Combine(folder, faceName + ".ttf");
        if (!File.Exists(path))
            throw new InvalidOperationException($"The PDF report needs {path}: install Debian's fonts-dejavu-core or set {ReportPdfOptions.Section}:FontFolder.");
        return File.ReadAllBytes(path);
    }
}

/// <summary>
/// The SLA report as an A4 PDF: the same sections, figures, targets and RAG statuses (as words and
/// colours) as the page, the email and the CSV, drawn as simple tables with PDFsharp.
/// </summary>
public sealed class SlaReportPdf : ISlaReportPdf
{
    private static readonly Lock FontsLock = new();
    private const double Margin = 40;
    private const double Row = 16;

    public SlaReportPdf(IOptions<ReportPdfOptions> options)
    {
        // PDFsharp's font resolver is process-wide: set once.
        lock (FontsLock)
            GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(options.Value.FontFolder);
    }

    public byte[] Write(SlaReportFigures f)
    {
        ReportMonth.TryParse(f.Month, out var month);
        using var document = new PdfDocument();
        document.Info.Title = $"SLA report for {month.Name}: {f.Scope}";
        document.Info.Author = "Shared ICT Service Desk";
        var writer = new PageWriter(document);
        writer.Heading($"SLA report: {f.Scope}", 16);
        writer.Text($"{month.Name}. Each measure shows its target, its status (Green, Amber or Red) and the change since the month (or quarter) before.");

        foreach (var section in SlaReportFigures.MeasureSections)
        {
            var rows = f.Measures.Where(m => m.Section == section).ToList();
            if (rows.Count == 0) continue;
            writer.Table(section, ["Measure", "Value", "Target", "Status", ServiceMeasures.ChangeHeading(section)], [180, 95, 130, 55, 55],
                rows.Select(m => (new[]
                {
                    m.Label,
                    ReportFormat.Value(m.Value, m.Unit) + (m.Of > 0 && m.Unit == "percent" ? $" ({m.Count} of {m.Of})" : ""),
                    m.Target ?? "—",
                    ReportFormat.Status(m),
                    ReportFormat.Change(m.Change, m.Unit),
                }, m.Value is null ? Rag.None : m.Rag)));
        }
        foreach (var section in ServiceMeasures.TimeSections)
        {
            var rows = f.Times.Where(t => t.Section == section).ToList();
            if (rows.Count == 0) continue;
            writer.Table(section, [section.Contains("group", StringComparison.Ordinal) ? "Resolver group" : "Priority", "Measured", "Mean", "Median", "Within target", "Status"],
                [170, 60, 60, 60, 80, 85],
                rows.Select(t => (new[]
                {
                    t.Label, t.Count.ToString(CultureInfo.InvariantCulture), ReportFormat.Hours(t.MeanHours), ReportFormat.Hours(t.MedianHours),
                    ReportFormat.Value(t.WithinTarget, "percent"), t.WithinTarget is null ? "No data" : ReportFormat.Word(t.Rag),
                }, t.WithinTarget is null ? Rag.None : t.Rag)));
        }
        foreach (var section in SlaReportFigures.CountSections)
        {
            var rows = f.Counts.Where(c => c.Section == section).ToList();
            if (rows.Count == 0) continue;
            writer.Table(section, [section == SlaReportFigures.TopCategories ? "Service / category" : section, "Count", "Change since last month"], [315, 100, 100],
                rows.Select(c => (new[] { c.Label, c.Count.ToString(CultureInfo.InvariantCulture), ReportFormat.Change(c.Change, "count") }, Rag.None)));
        }
        writer.Text("Shared ICT Service Desk");
        writer.Dispose();

        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    /// <summary>Draws down the page, starting a new one when the next line would not fit.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private readonly XFont _regular = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Regular);
        private readonly XFont _bold = new(DejaVuFontResolver.Family, 8.5, XFontStyleEx.Bold);
        private XGraphics? _gfx;
        private PdfPage? _page;
        private double _y;

        private XGraphics Gfx => _gfx ?? NewPage();

        private XGraphics NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            return _gfx;
        }

        private void Room(double height)
        {
            if (_gfx is null || _y + height > _page!.Height.Point - Margin) NewPage();
        }

        public void Heading(string text, double size)
        {
            Room(size * 2);
            Gfx.DrawString(text, new XFont(DejaVuFontResolver.Family, size, XFontStyleEx.Bold), XBrushes.Black, new XPoint(Margin, _y + size));
            _y += size * 1.8;
        }

        public void Text(string text)
        {
            Room(Row * 2);
            Gfx.DrawString(Fit(text, _page!.Width.Point - 2 * Margin, _regular), _regular, XBrushes.Black, new XPoint(Margin, _y + 10));
            _y += Row * 1.5;
        }

        public void Table(string caption, string[] headers, double[] widths, IEnumerable<(string[] Cells, Rag Rag)> rows)
        {
            Room(Row * 4);
            _y += 6;
            Gfx.DrawString(caption, new XFont(DejaVuFontResolver.Family, 11, XFontStyleEx.Bold), XBrushes.Black, new XPoint(Margin, _y + 11));
            _y += Row + 4;
            Line(headers, widths, _bold, XColor.FromArgb(0xf3, 0xf2, 0xf1), null);
            foreach (var (cells, rag) in rows)
            {
                Room(Row);
                Line(cells, widths, _regular, null, rag == Rag.None ? null : rag);
            }
        }

        private void Line(string[] cells, double[] widths, XFont font, XColor? background, Rag? rag)
        {
            var x = Margin;
            var pen = new XPen(XColor.FromArgb(0xb1, 0xb4, 0xb6), 0.5);
            for (var i = 0; i < cells.Length; i++)
            {
                var fill = background;
                var ink = XColors.Black;
                // The status column carries the RAG colour; its word is always written too.
                if (rag is Rag r && cells[i] == ReportFormat.Word(r))
                {
                    var (bg, text) = ReportFormat.Colours(r);
                    fill = XColor.FromArgb(Hex(bg, 1), Hex(bg, 3), Hex(bg, 5));
                    ink = XColor.FromArgb(Hex(text, 1), Hex(text, 3), Hex(text, 5));
                }
                if (fill is XColor f) Gfx.DrawRectangle(new XSolidBrush(f), x, _y, widths[i], Row);
                Gfx.DrawRectangle(pen, x, _y, widths[i], Row);
                Gfx.DrawString(Fit(cells[i], widths[i] - 6, font), font, new XSolidBrush(ink), new XPoint(x + 3, _y + 11.5));
                x += widths[i];
            }
            _y += Row;
        }

        private string Fit(string text, double width, XFont font)
        {
            if (Gfx.MeasureString(text, font).Width <= width) return text;
            while (text.Length > 1 && Gfx.MeasureString(text + "…", font).Width > width) text = text[..^1];
            return text + "…";
        }

        private static int Hex(string colour, int at) => int.Parse(colour.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        public void Dispose() => _gfx?.Dispose();
    }
}
