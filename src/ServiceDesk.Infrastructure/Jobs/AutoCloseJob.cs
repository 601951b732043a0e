using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>Recurring sweep: closes resolved tickets whose five-business-day reopen window has passed.</summary>
public sealed class AutoCloseJob(IMediator mediator, ILogger<AutoCloseJob> logger)
{
    public const string RecurringJobId = "close-expired-resolutions";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var closed = await mediator.Send(new CloseExpiredResolutions(), cancellationToken);
        if (closed > 0) logger.LogInformation("Closed {Count} resolved tickets whose reopen window had passed", closed);
    }
}
