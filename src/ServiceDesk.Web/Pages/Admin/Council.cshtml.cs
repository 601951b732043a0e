using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>A service manager changes a council's details.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class CouncilModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? MailDomains { get; set; }
    [BindProperty] public int? ActiveUsers { get; set; }
    [BindProperty] public int? CalendarId { get; set; }
    [BindProperty] public string? ReportRecipients { get; set; }
    [BindProperty] public string? FinanceContact { get; set; }

    public CouncilView Council { get; private set; } = null!;
    public IReadOnlyList<CalendarView> Calendars { get; private set; } = [];

    public override async Task LoadAsync(CancellationToken ct)
    {
        Council = (await Mediator.Send(new ListCouncils(), ct)).FirstOrDefault(c => string.Equals(c.Code, Code, StringComparison.OrdinalIgnoreCase))
            ?? throw new Core.Domain.NotFoundException($"Council {Code}");
        Calendars = await Mediator.Send(new ListCalendars(), ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Name = Council.Name;
        MailDomains = string.Join(Environment.NewLine, Council.MailDomains);
        ActiveUsers = Council.ActiveUsers;
        CalendarId = Council.CalendarId;
        ReportRecipients = string.Join(Environment.NewLine, Council.ReportRecipients);
        FinanceContact = Council.FinanceContact;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var view = await Mediator.Send(new UpdateCouncil(Code, Name, Lines(MailDomains), ActiveUsers, CalendarId, Lines(ReportRecipients), FinanceContact ?? ""), ct);
        TempData["Done"] = $"{view.Name} saved.";
        return Redirect("/admin");
    }

    /// <summary>One entry per line (commas and semicolons also separate).</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
