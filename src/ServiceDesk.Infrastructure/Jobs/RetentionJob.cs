using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Features.Privacy;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>Every night (02:30 Europe/London by default): anonymises closed tickets past their council's retention period.</summary>
public sealed class RetentionJob(IMediator mediator, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention";

    [DisableConcurrentExecution(timeoutInSeconds: 3600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var anonymised = await mediator.Send(new ApplyRetention(), cancellationToken);
        if (anonymised > 0) logger.LogInformation("Retention anonymised {Count} closed tickets", anonymised);
    }
}
