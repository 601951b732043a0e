using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>
/// A timer for one ticket: records a warning or breach if due. No longer set (the sweep below records
/// every alert); kept so that timers queued in a shared job storage before an upgrade still run.
/// </summary>
public sealed class SlaTimerJob(IMediator mediator)
{
    [AutomaticRetry(Attempts = 5)]
    public Task RunAsync(long ticketId, CancellationToken cancellationToken) =>
        mediator.Send(new CheckTicketClocks(ticketId), cancellationToken);
}

/// <summary>
/// Every 15 seconds: records each warning and breach that has fallen due, at its due instant (one
/// probe of the indexed NextClockEventAt when nothing is due). It replaced a delayed job per
/// instant, which cost every raise and every clock change several writes to the job storage.
/// </summary>
public sealed class SlaReconciliationJob(IMediator mediator, ILogger<SlaReconciliationJob> logger)
{
    public const string RecurringJobId = "reconcile-sla-clocks";

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var recorded = await mediator.Send(new ReconcileSlaClocks(), cancellationToken);
        if (recorded > 0) logger.LogInformation("Reconciliation recorded {Count} SLA/OLA warnings or breaches", recorded);
    }
}

/// <summary>Recomputes every open ticket's clocks after a calendar or SLA/OLA policy change.</summary>
public sealed class RecalculateClocksJob(IMediator mediator, ILogger<RecalculateClocksJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var count = await mediator.Send(new RecalculateOpenClocks(), cancellationToken);
        logger.LogInformation("Recalculated the clocks of {Count} open tickets", count);
    }
}

/// <summary>Queues background work as Hangfire jobs, to run once the request that asked for it has committed.</summary>
public sealed class HangfireBackgroundWork(IBackgroundJobClient jobs) : IBackgroundWork
{
    public void RecalculateOpenClocks() => jobs.Enqueue<RecalculateClocksJob>(j => j.RunAsync(CancellationToken.None));
}
