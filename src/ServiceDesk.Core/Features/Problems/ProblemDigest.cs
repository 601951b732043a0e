using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Features.Email;

namespace ServiceDesk.Core.Features.Problems;

/// <summary>
/// The weekly digest for problem managers (run by a recurring job on Monday mornings): the candidate
/// problems that arose in the past seven days and the known errors published in them. One outbox
/// notification per problem manager per week: running it again in the same week writes nothing.
/// </summary>
public sealed record SendProblemDigest : IRequest<int>;

public sealed class SendProblemDigestHandler(IServiceDeskDb db, TimeProvider time, CandidateFinder candidates, IOptions<EmailOptions> email)
    : IRequestHandler<SendProblemDigest, int>
{
    public const string Kind = "problem-digest";

    public async Task<int> Handle(SendProblemDigest request, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var week = PartnershipTime.WeekStart(PartnershipTime.LocalDate(now));
        var weekStartUtc = PartnershipTime.StartOfDay(week);
        var managers = await db.People.AsNoTracking()
            .Where(p => p.MainCouncilId == null && (p.Roles & PersonRoles.ProblemManager) == PersonRoles.ProblemManager)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var sent = await db.Notifications.AsNoTracking()
            .Where(n => n.Kind == Kind && n.CreatedAt >= weekStartUtc && n.RecipientPersonId != null)
            .Select(n => n.RecipientPersonId!.Value).ToListAsync(ct);
        var due = managers.Where(m => !sent.Contains(m.Id)).ToList();
        if (due.Count == 0) return 0;

        var from = now.AddDays(-7);
        var newCandidates = await candidates.FindAsync(from, now, ct);
        var published = await db.Problems.AsNoTracking()
            .Where(p => p.KnownErrorPublishedAt != null && p.KnownErrorPublishedAt > from && p.KnownErrorPublishedAt <= now)
            .OrderBy(p => p.KnownErrorPublishedAt)
            .Select(p => new { p.Id, p.Title, p.Status, p.Workaround })
            .ToListAsync(ct);

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"Problem management digest for the week beginning {week:dddd d MMMM yyyy}.\n\n");
        body.Append(CultureInfo.InvariantCulture, $"New candidate problems ({newCandidates.Count}):\n");
        if (newCandidates.Count == 0) body.Append("  none\n");
        foreach (var c in newCandidates)
            body.Append(CultureInfo.InvariantCulture,
                $"  - {c.Service}{(c.Category is null ? "" : " / " + c.Category)}: {c.Count} incidents from {c.FirstAt:d MMM} to {c.LastAt:d MMM} ({string.Join(", ", c.Councils)}): {string.Join(", ", c.Incidents)}\n");
        body.Append(CultureInfo.InvariantCulture, $"\nKnown errors published ({published.Count}):\n");
        if (published.Count == 0) body.Append("  none\n");
        foreach (var p in published)
            body.Append(CultureInfo.InvariantCulture, $"  - {ProblemReference.Format(p.Id)} {p.Title} ({ProblemLifecycle.Describe(p.Status)})\n    Workaround: {p.Workaround}\n");
        body.Append("\nOpen Problems and trends in ServiceDesk to raise problems from the candidates.\n\n-- \nShared ICT Service Desk");

        var subject = $"Problem digest: {newCandidates.Count} new candidate problem{(newCandidates.Count == 1 ? "" : "s")}, " +
            $"{published.Count} known error{(published.Count == 1 ? "" : "s")} published (week beginning {week:d MMM yyyy})";
        foreach (var manager in due)
            db.Notifications.Add(new Notification(Kind, null, manager.Id, manager.Email, subject, body.ToString(), now, email.Value.NewMessageId()));
        await db.SaveChangesAsync(ct);
        return due.Count;
    }
}
