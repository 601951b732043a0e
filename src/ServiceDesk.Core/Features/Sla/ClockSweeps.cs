using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;

namespace ServiceDesk.Core.Features.Sla;

/// <summary>A timer fired for one ticket: record its warning or breach if it is still due (a stale timer does nothing).</summary>
public sealed record CheckTicketClocks(long TicketId) : IRequest<int>;

public sealed class CheckTicketClocksHandler(IServiceDeskDb db, SlaClockKeeper keeper, TimeProvider time) : IRequestHandler<CheckTicketClocks, int>
{
    public async Task<int> Handle(CheckTicketClocks request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var ticket = await db.Tickets.Include(t => t.Clocks).FirstOrDefaultAsync(t => t.Id == request.TicketId, ct);
        if (ticket is null || ticket.NextClockEventAt is null || ticket.NextClockEventAt > now) return 0;
        var alerts = await keeper.KeepAsync(ticket, now, ct);
        await db.SaveChangesAsync(ct);
        return alerts.Count;
    }
}

/// <summary>
/// The safety net behind the timers: finds every ticket with a warning or breach due but not
/// recorded (timers lost in a restart, or late) and records it. Uses the indexed
/// NextClockEventAt, so a pass over a large desk with nothing due is one index probe.
/// </summary>
public sealed record ReconcileSlaClocks(int BatchSize = 200) : IRequest<int>;

public sealed class ReconcileSlaClocksHandler(IServiceDeskDb db, SlaClockKeeper keeper, TimeProvider time) : IRequestHandler<ReconcileSlaClocks, int>
{
    public async Task<int> Handle(ReconcileSlaClocks request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var recorded = 0;
        var seen = new HashSet<long>();
        while (true)
        {
            var due = await db.Tickets.Include(t => t.Clocks)
                .Where(t => t.NextClockEventAt != null && t.NextClockEventAt <= now)
                .OrderBy(t => t.NextClockEventAt)
                .Take(request.BatchSize)
                .ToListAsync(ct);
            // Each ticket is brought fully up to date in one visit, so none comes back in this pass.
            due.RemoveAll(t => !seen.Add(t.Id));
            if (due.Count == 0) return recorded;
            foreach (var ticket in due)
                recorded += (await keeper.KeepAsync(ticket, now, ct)).Count;
            await db.SaveChangesAsync(ct);
            // A long backlog is taken in batches; tracking them all would make each save slower than the last.
            db.ForgetTracked();
        }
    }
}
