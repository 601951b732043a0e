using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Pages;

/// <summary>The timeline of a ticket: its conversation and, for the desk, its history.</summary>
public sealed record ConversationModel(TicketView Ticket, IReadOnlyList<HistoryView>? History)
{
    /// <summary>One entry of the timeline, newest first.</summary>
    public sealed record Entry(DateTime At, string Title, string By, string? Body, bool Internal, bool IsHistory);

    public IReadOnlyList<Entry> Entries()
    {
        var entries = Ticket.Conversation
            .Select(c => new Entry(c.CreatedAt, c.Internal ? "Internal note" : "Reply", c.Author.Name, c.Body, c.Internal, false))
            .ToList();
        entries.Add(new Entry(Ticket.CreatedAt, "Raised", Ticket.Requester.Name, Ticket.Description, false, false));
        if (History is not null)
            entries.AddRange(History
                // Replies and notes are shown in full above; the history says everything else.
                .Where(h => h.Change is not ("Reply" or "Internal note" or "Raised"))
                .Select(h => new Entry(h.At, h.Change, h.By, Describe(h), false, true)));
        return entries.OrderByDescending(e => e.At).ThenBy(e => e.IsHistory).ToList();
    }

    /// <summary>What a history entry changed, in a few words ("Logged → Known error").</summary>
    public static string? Describe(HistoryView h) => (h.From, h.To) switch
    {
        (null, null) => null,
        (null, var to) => to,
        (var from, null) => $"Was {from}",
        var (from, to) => $"{from} → {to}",
    };
}
