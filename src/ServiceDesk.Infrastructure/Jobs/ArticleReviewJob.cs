using Hangfire;
using MediatR;
using Microsoft.Extensions.Logging;
using ServiceDesk.Core.Features.Knowledge;

namespace ServiceDesk.Infrastructure.Jobs;

/// <summary>Every morning: reminds the owners of published knowledge articles that are due for review.</summary>
public sealed class ArticleReviewJob(IMediator mediator, ILogger<ArticleReviewJob> logger)
{
    public const string RecurringJobId = "article-review";

    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var written = await mediator.Send(new SendArticleReviewReminders(), cancellationToken);
        if (written > 0) logger.LogInformation("Wrote {Count} article review reminders", written);
    }
}
