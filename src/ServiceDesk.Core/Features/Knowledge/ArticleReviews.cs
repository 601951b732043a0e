using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Features.Email;

namespace ServiceDesk.Core.Features.Knowledge;

/// <summary>
/// Reminds article owners of published articles due for review (run daily by a recurring job): one
/// email per owner listing their due articles, through the outbox. An article is mentioned once per
/// review date, so running it again, late or twice writes nothing new; marking it reviewed (or giving
/// it a new review date) arms the next reminder. Articles without an active owner go to the service managers.
/// </summary>
public sealed record SendArticleReviewReminders : IRequest<int>;

public sealed class SendArticleReviewRemindersHandler(IServiceDeskDb db, TimeProvider time, IOptions<EmailOptions> email)
    : IRequestHandler<SendArticleReviewReminders, int>
{
    public const string Kind = "article-review";

    public async Task<int> Handle(SendArticleReviewReminders request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = PartnershipTime.LocalDate(now);
        var candidates = await db.Articles.Include(a => a.Owner)
            .Where(a => a.Status == ArticleStatus.Published && a.ReviewOn != null && a.ReviewOn <= today)
            .OrderBy(a => a.ReviewOn).ThenBy(a => a.Id).ToListAsync(ct);
        var due = candidates.Where(a => a.ReviewReminderDue(today)).ToList();
        if (due.Count == 0) return 0;
        var managers = await db.People.AsNoTracking()
            .Where(p => p.MainCouncilId == null && p.DeactivatedAt == null && (p.Roles & PersonRoles.ServiceManager) == PersonRoles.ServiceManager)
            .OrderBy(p => p.Id).ToListAsync(ct);

        var written = 0;
        foreach (var group in due.GroupBy(a => a.Owner is { IsActive: true } owner ? owner.Id : 0))
        {
            var recipients = group.Key != 0 ? [group.First().Owner!] : managers;
            var body = new StringBuilder();
            body.Append(CultureInfo.InvariantCulture, $"{group.Count()} knowledge article{(group.Count() == 1 ? " is" : "s are")} due for review:\n\n");
            foreach (var a in group)
                body.Append(CultureInfo.InvariantCulture, $"  - {a.Reference} {a.Title} (review due {a.ReviewOn:d MMMM yyyy})\n    /desk/articles/{a.Reference}\n");
            body.Append("\nCheck each article is still right, change it if not, and mark it reviewed to set its next review date.\n\n-- \nShared ICT Service Desk");
            var subject = group.Count() == 1
                ? $"Knowledge article due for review: {group.First().Reference} {group.First().Title}"
                : $"{group.Count()} knowledge articles due for review";
            foreach (var person in recipients)
            {
                db.Notifications.Add(new Notification(Kind, null, person.Id, person.Email, subject, body.ToString(), now, email.Value.NewMessageId()));
                written++;
            }
            foreach (var a in group) a.RecordReviewReminder();
        }
        await db.SaveChangesAsync(ct);
        return written;
    }
}
