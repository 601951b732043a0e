using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>
/// SLA targets per tier and priority; the business calendars with their closure days, and the calendar
/// P1 and major incidents run on (24×7 unless a service manager chooses another).
/// </summary>
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

    /// <summary>The calendar chosen for P1 and major incidents: a calendar's id, or <see cref="AroundTheClock"/>.</summary>
    [BindProperty] public string? MajorIncidentCalendar { get; set; }
    public const string AroundTheClock = "24x7";
    public MajorIncidentCalendarView? MajorIncidents { get; private set; }

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
        MajorIncidents = await Mediator.Send(new GetMajorIncidentCalendar(), ct);
    }

    public async Task<IActionResult> OnPostMajorIncidentsAsync(CancellationToken ct)
    {
        int? calendarId = null;
        if (MajorIncidentCalendar != AroundTheClock)
        {
            if (!int.TryParse(MajorIncidentCalendar, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen))
            {
                ModelState.AddModelError("majorIncidentCalendar", "Choose the calendar P1 and major incidents run on");
                await LoadAsync(ct);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            }
            calendarId = chosen;
        }
        var view = await Mediator.Send(new ChangeMajorIncidentCalendar(calendarId), ct);
        Done = $"P1 and major incidents run on {view.Name}; open tickets' clocks are being recalculated.";
        return Redirect("/admin/calendars");
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
