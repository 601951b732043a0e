using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk;

/// <summary>
/// Mail the desk must look at: unmatched (from no council's domain, or forwarded by desk staff),
/// failed (unreadable, with the reason), and automatic mail for no ticket in a list of its own. An
/// agent turns a message into a ticket for a council's requester, or discards it; the original is
/// always there to read.
/// </summary>
[Authorize(Policy = DeskPolicies.DeskStaff)]
public sealed class MailModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? Since { get; set; }
    [BindProperty(SupportsGet = true)] public string? Until { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public long Id { get; set; }
    [BindProperty] public string? RequesterEmail { get; set; }
    [BindProperty] public int? ServiceId { get; set; }
    [BindProperty] public string? Impact { get; set; }
    [BindProperty] public string? Urgency { get; set; }
    [BindProperty] public string? TicketReference { get; set; }

    public IReadOnlyList<MailView> Messages { get; private set; } = [];
    public int Total { get; private set; }
    public int PageSize { get; private set; } = 50;
    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];
    public string Current => Status is "Failed" or "Automatic" ? Status : "Unmatched";
    [TempData] public string? Done { get; set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        // A filter that is not a date (or too long) is named on the form; the list shows unfiltered.
        var list = await FilteredAsync(new ListMail(Current, Blank(From), Blank(Since), Blank(Until), Blank(Q), PageNumber), ct)
            ?? await Mediator.Send(new ListMail(Current), ct);
        (Messages, Total, PageSize) = (list.Items, list.Total, list.PageSize);
        Services = await Mediator.Send(new ListCatalogue(), ct);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostTicketAsync(CancellationToken ct)
    {
        var ticket = await Mediator.Send(new TicketFromMail(Id, RequesterEmail, ServiceId, Impact, Urgency), ct);
        Done = $"{ticket.Reference} raised for {ticket.Requester.Name}.";
        return Redirect($"/desk/tickets/{ticket.Reference}");
    }

    public async Task<IActionResult> OnPostAddToTicketAsync(CancellationToken ct)
    {
        var ticket = await Mediator.Send(new AddMailToTicket(Id, TicketReference), ct);
        Done = $"Added to {ticket.Reference} as {ticket.Requester.Name}'s reply.";
        return Redirect($"/desk/tickets/{ticket.Reference}");
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken ct)
    {
        var mail = await Mediator.Send(new DiscardMail(Id), ct);
        Done = $"\u201c{mail.Subject}\u201d discarded.";
        return Redirect($"/desk/mail?status={Current}");
    }
}
