using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Core.Abstractions;

/// <summary>The desk's data, as the use cases need it; implemented by the EF Core DbContext.</summary>
public interface IServiceDeskDb
{
    DbSet<PartnershipSettings> Partnership { get; }
    DbSet<Council> Councils { get; }
    DbSet<Person> People { get; }
    DbSet<ResolverGroup> ResolverGroups { get; }
    DbSet<CatalogueService> Services { get; }
    DbSet<Category> Categories { get; }
    DbSet<BusinessCalendar> Calendars { get; }
    DbSet<Ticket> Tickets { get; }
    DbSet<TicketComment> TicketComments { get; }
    DbSet<TicketHistoryEntry> TicketHistory { get; }
    DbSet<SlaTarget> SlaTargets { get; }
    DbSet<OlaTarget> OlaTargets { get; }
    DbSet<Notification> Notifications { get; }
    DbSet<Domain.Email.InboundMessage> InboundMessages { get; }
    DbSet<TicketAttachment> TicketAttachments { get; }
    DbSet<Domain.Problems.Problem> Problems { get; }
    DbSet<Domain.Problems.ProblemIncident> ProblemIncidents { get; }
    DbSet<Domain.Problems.ProblemHistoryEntry> ProblemHistory { get; }
    DbSet<Domain.Reports.MonthlyReport> MonthlyReports { get; }
    DbSet<Charge> Charges { get; }
    DbSet<CouncilSubscription> CouncilSubscriptions { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<CannedReply> CannedReplies { get; }
    DbSet<Domain.Knowledge.Article> Articles { get; }
    DbSet<Domain.Knowledge.ArticleVersion> ArticleVersions { get; }
    DbSet<Domain.Knowledge.ArticleActivity> ArticleActivities { get; }
    DbSet<SignInProvider> SignInProviders { get; }
    DbSet<ProvisioningToken> ProvisioningTokens { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops tracking everything loaded so far (between batches of a long sweep).</summary>
    void ForgetTracked();

    /// <summary>Runs several saves as one transaction (e.g. a new ticket, then the mail that needs its reference).</summary>
    Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken);
}

/// <summary>Who is calling: the signed-in person, if any.</summary>
public interface ICurrentActor
{
    int? PersonId { get; }

    /// <summary>Who acts when no person does (a council's provisioning service), for the audit list.</summary>
    string? Name => null;
}

/// <summary>Runs longer work in the background, after the request that asked for it has committed.</summary>
public interface IBackgroundWork
{
    /// <summary>Recomputes the clocks of every open ticket (after a calendar or SLA policy change).</summary>
    void RecalculateOpenClocks();
}

/// <summary>
/// The sign-in accounts behind people (implemented with ASP.NET Core Identity). Changes are tracked
/// in the same unit of work as the caller's, and saved with its next save.
/// </summary>
public interface ISignInAccounts
{
    /// <summary>Adds a sign-in account, with no password yet, for a saved person (they choose one from their invitation).</summary>
    void Add(Person person);

    /// <summary>Sets the person's password after the desk's password rule; a password it refuses is a field error on <paramref name="field"/>.</summary>
    Task SetPasswordAsync(Person person, string password, string field, CancellationToken ct);

    /// <summary>Keeps the account's sign-in name in step with the person's address.</summary>
    Task FollowEmailAsync(Person person, CancellationToken ct);

    /// <summary>Ends every sign-in the person holds (cookies, bearer and refresh tokens), at once.</summary>
    Task EndSessionsAsync(IReadOnlyCollection<int> personIds, CancellationToken ct);

    /// <summary>Removes the person's sign-in account altogether (erasure): their address and password go with it.</summary>
    Task RemoveAsync(int personId, CancellationToken ct);
    /// <summary>The person a provider's subject was matched to before (by issuer and subject), if any.</summary>
    Task<int?> PersonOfLoginAsync(string issuer, string subject, CancellationToken ct);

    /// <summary>
    /// Gives a saved person a sign-in account if they have none (someone enrolled by email), and remembers
    /// the provider's subject for them so the next sign-in finds them by it.
    /// </summary>
    Task RememberLoginAsync(Person person, string issuer, string? subject, string providerName, CancellationToken ct);
}
