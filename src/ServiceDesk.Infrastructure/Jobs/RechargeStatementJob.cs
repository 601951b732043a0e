using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Features.Recharges;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>The first day of each quarter: emails each council's finance contact its recharge statement for the quarter just ended.</summary>
public sealed class RechargeStatementJob(IMediator mediator, ILogger<RechargeStatementJob> logger)
{
    public const string RecurringJobId = "recharge-statements";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var written = await mediator.Send(new SendRechargeStatements(), cancellationToken);
        if (written > 0) logger.LogInformation("Wrote {Count} quarterly recharge statements", written);
    }
}
