using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Reports;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Reports;

/// <summary>
/// The monthly SLA report in the browser: a month and council (or the partnership) to choose, the
/// measures with their targets and RAG status in words, charts, the CSV, and "Send again" for
/// service managers. Council approvers and report recipients see their own council's only.
/// </summary>
[Authorize(Policy = DeskPolicies.SignedIn)]
public sealed class SlaModel(IMediator mediator, ViewerLoader viewers, TimeProvider time) : DeskPageModel(mediator)
{
    /// <summary>How many months back the picker offers.</summary>
    public const int MonthsOffered = 24;
    public const string Partnership = "partnership";

    [BindProperty(SupportsGet = true)] public string? Council { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sent { get; set; }

    public SlaReportView Report { get; private set; } = null!;
    public IReadOnlyList<(string Value, string Text)> Scopes { get; private set; } = [];
    public IReadOnlyList<(string Value, string Text)> Months { get; private set; } = [];
    public bool CanSend { get; private set; }
    public SlaReportFigures Figures => Report.Figures;
    public ReportMonth Chosen => ReportMonth.TryParse(Figures.Month, out var m) ? m : default;

    public override async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var councils = await Mediator.Send(new ListCouncils(), ct);
        Scopes = (viewer.SeesAllCouncils ? [(Partnership, SlaReportBook.PartnershipScope)] : Array.Empty<(string, string)>())
            .Concat(councils.Select(c => (c.Code, c.Name))).ToList();
        var thisMonth = ReportMonth.Containing(time.GetUtcNow().UtcDateTime);
        Months = Enumerable.Range(0, MonthsOffered)
            .Select(i => ReportMonth.Of(thisMonth.FirstDay.AddMonths(-i)))
            .Select(m => (m.ToString(), m == thisMonth ? $"{m.Name} (so far)" : m.Name)).ToList();

        // Last month by default; an unreadable or future month falls back to it, saying so.
        if (Month is null) Month = thisMonth.Previous.ToString();
        else if (!ReportMonth.TryParse(Month, out var asked) || asked.FirstDay > thisMonth.FirstDay)
        {
            ModelState.AddModelError("month", "Choose a month from the list; showing last month instead.");
            Month = thisMonth.Previous.ToString();
        }
        var council = string.Equals(Council, Partnership, StringComparison.OrdinalIgnoreCase) ? null : Council;
        Report = await Mediator.Send(new GetSlaReport(council, Month), ct);
        Council = Figures.CouncilCode ?? Partnership;
        CanSend = viewer.IsServiceManager && Chosen.FirstDay < thisMonth.FirstDay;
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(Encoding.UTF8.GetBytes(Figures.ToCsv()), "text/csv; charset=utf-8", SlaReportMail.FileName(Figures));
    }

    public async Task<IActionResult> OnGetPdfAsync([FromServices] ISlaReportPdf pdf, CancellationToken ct)
    {
        await LoadAsync(ct);
        return File(pdf.Write(Figures), "application/pdf", SlaReportMail.FileName(Figures, "pdf"));
    }

    /// <summary>A service manager sends the month's report to its recipients again.</summary>
    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        var council = string.Equals(Council, Partnership, StringComparison.OrdinalIgnoreCase) ? null : Council;
        var sent = await Mediator.Send(new ResendSlaReport(council, Month), ct);
        return RedirectToPage(new { council = Council, month = Month, sent });
    }

    public IEnumerable<Measure> MeasuresIn(string section) => Figures.Measures.Where(m => m.Section == section);
    public IEnumerable<CountLine> CountsIn(string section) => Figures.Counts.Where(c => c.Section == section);

    public BarChart CountChart(string id, string section, string title, bool withoutTotal = true)
    {
        var lines = CountsIn(section).Where(c => !withoutTotal || !c.Label.StartsWith("All ", StringComparison.Ordinal)).ToList();
        return new BarChart(id, $"{title}, {Chosen.Name}", lines.Select(c => c.Label).ToList(), lines.Select(c => c.Count).ToList());
    }

    /// <summary>% within target per priority, whole per cent (the table has the decimals); a priority with nothing measured shows 0.</summary>
    public BarChart PercentChart(string id, string section, string title)
    {
        var lines = MeasuresIn(section).Where(m => m.Label.StartsWith('P')).ToList();
        return new BarChart(id, $"{title} (%), {Chosen.Name}", lines.Select(m => m.Label).ToList(),
            lines.Select(m => (int)Math.Round(m.Value ?? 0, MidpointRounding.AwayFromZero)).ToList());
    }

    public static string When(DateTime? utc) => utc is DateTime at ? Display.Short(at) : "";

    public static string Percent(Measure m) => m.Unit == "percent" && m.Of > 0
        ? $"{ReportFormat.Value(m.Value, m.Unit)} ({m.Count.ToString(CultureInfo.InvariantCulture)} of {m.Of.ToString(CultureInfo.InvariantCulture)})"
        : ReportFormat.Value(m.Value, m.Unit);
}
