using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>
/// Keeps a problem's known error published as a knowledge article: while the problem is a published
/// known error its article is published for all councils (title, and the workaround as the body, for
/// the problem's services, linked to the problem); when the problem is resolved, closed or the known
/// error withdrawn, the article is retired. Called before the problem's change is saved, in the same save.
/// </summary>
public sealed class KnownErrorArticles(IServiceDeskDb db)
{
    public const string Category = "Known error";

    public async Task FollowAsync(Problem problem, Actor actor, DateTime now, CancellationToken ct)
    {
        if (problem.Id == 0) return;
        var article = db.Articles.Local.FirstOrDefault(a => a.ProblemId == problem.Id)
            ?? await db.Articles.Include(a => a.Services).Include(a => a.Councils).FirstOrDefaultAsync(a => a.ProblemId == problem.Id, ct);
        if (problem.IsPublishedKnownError)
        {
            var content = new ArticleContent(problem.Title, problem.Workaround ?? "", Category, ["known error", "workaround"],
                ArticleAudience.AllCouncils, [], problem.Services.Select(s => s.ServiceId).ToList(), article?.ReviewOn);
            if (article is null)
            {
                var owner = problem.OwnerId is int ownerId ? await db.People.FirstOrDefaultAsync(p => p.Id == ownerId, ct) : null;
                article = Article.Draft(content, owner, actor, now, problemId: problem.Id);
                db.Articles.Add(article);
            }
            else article.Edit(content, actor, now);
            if (article.Status != ArticleStatus.Published) article.Publish(actor, now, PartnershipTime.LocalDate(now));
        }
        else if (article is { Status: ArticleStatus.Published })
            article.Retire(actor, now);
    }
}
