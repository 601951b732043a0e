using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>The tickets the signed-in person raised: open, waiting for them, or finished.</summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class MyTicketsModel(IMediator mediator) : DeskPageModel(mediator)
{
    public static readonly IReadOnlyList<(string Key, string Text, string Statuses)> Views =
    [
        ("open", "Open", Queues.OpenStatuses),
        ("waiting", "Waiting for you", $"{TicketStatus.AwaitingCustomer},{TicketStatus.Resolved}"),
        ("closed", "Closed", $"{TicketStatus.Closed}"),
    ];

    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public PagedList<TicketSummary> Tickets { get; private set; } = new([], 0, 1, 25);
    public string Current => Views.Any(v => v.Key == Show) ? Show! : "open";

    public override async Task LoadAsync(CancellationToken ct)
    {
        // A search looks through all of the person's tickets, whatever their status.
        var statuses = string.IsNullOrWhiteSpace(Q) ? Views.First(v => v.Key == Current).Statuses : null;
        Tickets = await FilteredAsync(new ListTickets(Status: statuses, Requester: "me", Q: Q, Page: Math.Max(1, PageNumber), PageSize: 25, Sort: "-updated"), ct)
            ?? new PagedList<TicketSummary>([], 0, 1, 25);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The rows alone, for the live page to refresh without a reload.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.Headers["X-Total-Count"] = Tickets.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Partial("_MyTicketRows", this);
    }
}
