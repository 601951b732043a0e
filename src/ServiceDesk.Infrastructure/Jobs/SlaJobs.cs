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
