using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk;

/// <summary>
/// The agents' queues: New (unowned), Mine (owned), Assigned to me, and each resolver group the
/// person is in, filtered by council, status, priority and SLA state; nearest breach first.
/// </summary>
[Authorize(Policy = DeskPolicies.DeskStaff)]
public sealed class IndexModel(IMediator mediator, ViewerLoader viewers) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string? Queue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Council { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Priority { get; set; }
    [BindProperty(SupportsGet = true)] public string? SlaState { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public IReadOnlyList<(string Key, string Name)> QueueChoices { get; private set; } = [];
    public IReadOnlyList<CouncilView> Councils { get; private set; } = [];
    public PagedList<TicketSummary> Tickets { get; private set; } = new([], 0, 1, 50);
    public string CurrentQueue { get; private set; } = "";
    public string CurrentQueueName => QueueChoices.FirstOrDefault(q => q.Key == CurrentQueue).Name ?? "";

    public override async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var groups = (await Mediator.Send(new ListResolverGroups(), ct)).Where(g => viewer.GroupIds.Contains(g.Id)).ToList();
        var queues = new List<(string, string)>();
        if (viewer.IsAgent) queues.Add(("new", "New"));
        if (viewer.IsAgent) queues.Add(("mine", "Mine"));
        if (viewer.IsAgent) queues.Add(("approval", "Awaiting approval"));
        queues.Add(("assigned", "Assigned to me"));
        queues.AddRange(groups.Select(g => ($"group-{g.Id}", g.Name)));
        if (viewer.SeesAllCouncils) queues.Add(("all", "All open"));
        QueueChoices = queues;
        CurrentQueue = queues.Any(q => q.Item1 == Queue) ? Queue! : queues[0].Item1;
        Councils = await Mediator.Send(new ListCouncils(), ct);

        var status = string.IsNullOrWhiteSpace(Status) ? Queues.OpenStatuses : Status;
        // Pages follow cursors (Previous and Next); an old link with a page number still works.
        var cursor = Blank(Cursor);
        var query = new ListTickets(Status: status, Council: Blank(Council), Priority: Blank(Priority), SlaState: Blank(SlaState),
            Q: Blank(Q), Page: cursor is null ? PageNumber : null, PageSize: 50, Sort: Blank(Sort) ?? "sla", Cursor: cursor);
        query = CurrentQueue switch
        {
            // Priced requests waiting for their council's decision cannot be worked yet: they have their own queue.
            "new" => query with { Owner = "none", AwaitingApproval = false },
            "approval" => query with { AwaitingApproval = true },
            "mine" => query with { Owner = "me" },
            "assigned" => query with { Assignee = "me" },
            var g when g.StartsWith("group-", StringComparison.Ordinal) => query with { ResolverGroupId = int.Parse(g[6..], System.Globalization.CultureInfo.InvariantCulture) },
            _ => query,
        };
        Tickets = await FilteredAsync(query, ct) ?? new PagedList<TicketSummary>([], 0, 1, 50);
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The rows alone: the live page swaps them in when a ticket changes.</summary>
    public async Task<IActionResult> OnGetRowsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Response.Headers["X-Total-Count"] = Display.Count(Tickets.Total, Tickets.TotalIsCapped);
        return Partial("_QueueRows", this);
    }

    /// <summary>This queue's address with one setting changed (for the tabs and filters), from its first page.</summary>
    public string Link(string? queue = null) => LinkAt(null, queue);

    /// <summary>This queue's address at a cursor (the pager's Previous and Next; the live rows of this page).</summary>
    public string LinkAt(string? cursor, string? queue = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/desk", new Dictionary<string, string?>
        {
            ["queue"] = queue ?? CurrentQueue, ["council"] = Blank(Council), ["status"] = Blank(Status),
            ["priority"] = Blank(Priority), ["slaState"] = Blank(SlaState), ["q"] = Blank(Q), ["sort"] = Blank(Sort), ["cursor"] = cursor,
        }.Where(p => p.Value is not null));

    /// <summary>The address this page's rows are refreshed from: the same cursor, or the same page number.</summary>
    public string RowsLink
    {
        get
        {
            var link = LinkAt(Blank(Cursor));
            return link + (link.Contains('?') ? "&" : "?") + "handler=Rows" + (Blank(Cursor) is null && PageNumber > 1 ? $"&page={PageNumber}" : "");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
