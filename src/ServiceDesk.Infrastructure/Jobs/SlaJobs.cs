using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>A timer for one ticket: fires at a warning or breach instant and records it if still due.</summary>
public sealed class SlaTimerJob(IMediator mediator)
{
    [AutomaticRetry(Attempts = 5)]
    public Task RunAsync(long ticketId, CancellationToken cancellationToken) =>
        mediator.Send(new CheckTicketClocks(ticketId), cancellationToken);
}

/// <summary>Every minute: records any warning or breach that is due but was not recorded (timers lost in a restart, or late).</summary>
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

/// <summary>Schedules ticket timers as Hangfire delayed jobs. The instant on the ticket is what counts; a late job is harmless.</summary>
public sealed class HangfireSlaTimers(IBackgroundJobClient jobs) : ISlaTimers
{
    public void Schedule(long ticketId, IReadOnlyList<DateTime> instantsUtc)
    {
        foreach (var instant in instantsUtc)
            jobs.Schedule<SlaTimerJob>(j => j.RunAsync(ticketId, CancellationToken.None), new DateTimeOffset(DateTime.SpecifyKind(instant, DateTimeKind.Utc)));
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
