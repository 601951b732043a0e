using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Features.Problems;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>Monday mornings: emails each problem manager the week's new candidate problems and published known errors.</summary>
public sealed class ProblemDigestJob(IMediator mediator, ILogger<ProblemDigestJob> logger)
{
    public const string RecurringJobId = "problem-digest";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var written = await mediator.Send(new SendProblemDigest(), cancellationToken);
        if (written > 0) logger.LogInformation("Wrote the weekly problem digest for {Count} problem managers", written);
    }
}
