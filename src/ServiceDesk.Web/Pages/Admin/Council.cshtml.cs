using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Admin;

/// <summary>A service manager adds a council (no code in the address), changes one, or withdraws it from the partnership.</summary>
[Authorize(Policy = DeskPolicies.ServiceManager)]
public sealed class CouncilModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? NewCode { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? MailDomains { get; set; }
    [BindProperty] public int? ActiveUsers { get; set; }
    [BindProperty] public int? CalendarId { get; set; }
    [BindProperty] public string? ReportRecipients { get; set; }
    [BindProperty] public string? FinanceContact { get; set; }

    /// <summary>The council being changed; null while adding one.</summary>
    public CouncilView? Council { get; private set; }
    public IReadOnlyList<CalendarView> Calendars { get; private set; } = [];

    /// <summary>A withdrawn council's open tickets, for the desk to finish.</summary>
    public PagedList<TicketSummary>? OpenTickets { get; private set; }

    public bool Adding => string.IsNullOrEmpty(Code);

    public override async Task LoadAsync(CancellationToken ct)
    {
        Calendars = await Mediator.Send(new ListCalendars(), ct);
        if (Adding) return;
        Council = (await Mediator.Send(new ListCouncils(), ct)).FirstOrDefault(c => string.Equals(c.Code, Code, StringComparison.OrdinalIgnoreCase))
            ?? throw new Core.Domain.NotFoundException($"Council {Code}");
        if (Council.WithdrawnAt is not null)
            OpenTickets = await Mediator.Send(new ListTickets(Status: "New,Assigned,InProgress,AwaitingCustomer,Resolved", Council: Council.Code, PageSize: 100, Sort: "sla"), ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Council is null)
        {
            ActiveUsers = 0;
            CalendarId = Calendars.FirstOrDefault()?.Id;
            return;
        }
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
        var view = Adding
            ? await Mediator.Send(new CreateCouncil(NewCode, Name, Lines(MailDomains), ActiveUsers, CalendarId, Lines(ReportRecipients), FinanceContact ?? ""), ct)
            : await Mediator.Send(new UpdateCouncil(Code!, Name, Lines(MailDomains), ActiveUsers, CalendarId, Lines(ReportRecipients), FinanceContact ?? ""), ct);
        TempData["Done"] = Adding ? $"{view.Name} added to the partnership." : $"{view.Name} saved.";
        return Redirect("/admin");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new WithdrawCouncil(Code ?? ""), ct);
        TempData["Done"] = $"{view.Name} has withdrawn from the partnership. Its people can no longer sign in; its open tickets are listed on its page.";
        return Redirect($"/admin/councils/{view.Code}");
    }

    /// <summary>One entry per line (commas and semicolons also separate).</summary>
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
