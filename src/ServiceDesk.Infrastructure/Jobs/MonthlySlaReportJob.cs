using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Features.Reports;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>
/// Every morning at 07:00 (Europe/London): on the first working day of a month, stores last month's SLA
/// reports and mails them to each council's report recipients and the partnership; otherwise, or once sent, nothing.
/// </summary>
public sealed class MonthlySlaReportJob(IMediator mediator, ILogger<MonthlySlaReportJob> logger)
{
    public const string RecurringJobId = "monthly-sla-reports";

    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var written = await mediator.Send(new SendMonthlySlaReports(), cancellationToken);
        if (written > 0) logger.LogInformation("Wrote {Count} monthly SLA report emails", written);
    }
}
