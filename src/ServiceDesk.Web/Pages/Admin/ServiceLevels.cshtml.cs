using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>SLA targets per tier and priority, and the business calendars with their closure days.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class ServiceLevelsModel(IMediator mediator, TimeProvider time) : DeskPageModel(mediator)
{
    [BindProperty] public string? Tier { get; set; }
    [BindProperty] public string? Priority { get; set; }
    [BindProperty] public int? ResponseAmount { get; set; }
    [BindProperty] public string? ResponseUnit { get; set; }
    [BindProperty] public int? ResolutionAmount { get; set; }
    [BindProperty] public string? ResolutionUnit { get; set; }
    [BindProperty] public int? CalendarId { get; set; }
    [BindProperty] public string? Day { get; set; }
    [BindProperty] public string? Month { get; set; }
    [BindProperty] public string? Year { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Date { get; set; }

    public string Section { get; private set; } = "";
    public IReadOnlyList<SlaTargetView> Targets { get; private set; } = [];
    public IReadOnlyList<CalendarView> Calendars { get; private set; } = [];
    public DateOnly Today { get; private set; }
    [TempData] public string? Done { get; set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        Section = RouteData.Values["section"] as string ?? "sla";
        Today = DateOnly.FromDateTime(Display.Local(time.GetUtcNow().UtcDateTime));
        Targets = await Mediator.Send(new ListSlaTargets(), ct);
        Calendars = await Mediator.Send(new ListCalendars(), ct);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostTargetAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new ChangeSlaTarget(Tier ?? "", Priority ?? "",
            new TargetInput(ResponseAmount, ResponseUnit), new TargetInput(ResolutionAmount, ResolutionUnit)), ct);
        Done = $"{view.Tier} {view.Priority} changed; open tickets' clocks are being recalculated.";
        return Redirect("/admin/sla");
    }

    public async Task<IActionResult> OnPostClosureAsync(CancellationToken ct)
    {
        DateOnly? date = null;
        if (int.TryParse(Day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(Month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 2000 and <= 2100 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            date = new DateOnly(y, m, d);
        else if (!string.IsNullOrWhiteSpace(Day) || !string.IsNullOrWhiteSpace(Month) || !string.IsNullOrWhiteSpace(Year))
        {
            ModelState.AddModelError("date", "Closure date must be a real date, for example 24 12 2026");
            await LoadAsync(ct);
            return Page();
        }
        var view = await Mediator.Send(new AddClosureDay(CalendarId ?? 0, date, Name), ct);
        Done = $"{view.Name}: closure on {date:d MMMM yyyy} added.";
        return Redirect("/admin/calendars");
    }

    public async Task<IActionResult> OnPostRemoveClosureAsync(CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new Core.Domain.FieldException("date", "Choose the closure to remove.");
        var view = await Mediator.Send(new RemoveClosureDay(CalendarId ?? 0, date), ct);
        Done = $"{view.Name}: closure on {date:d MMMM yyyy} removed.";
        return Redirect("/admin/calendars");
    }
}
