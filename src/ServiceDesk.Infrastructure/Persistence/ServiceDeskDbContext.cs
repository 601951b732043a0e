using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>The desk's database: the partnership, tickets and sign-in accounts.</summary>
public sealed class ServiceDeskDbContext(DbContextOptions<ServiceDeskDbContext> options)
    : IdentityDbContext<DeskUser>(options), IServiceDeskDb, IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring every node shares (sign-in cookies, bearer and refresh tokens, links, protected secrets).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<PartnershipSettings> Partnership => Set<PartnershipSettings>();
    public DbSet<Council> Councils => Set<Council>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ResolverGroup> ResolverGroups => Set<ResolverGroup>();
    public DbSet<CatalogueService> Services => Set<CatalogueService>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<BusinessCalendar> Calendars => Set<BusinessCalendar>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<TicketComment> TicketComments => Set<TicketComment>();
    public DbSet<TicketHistoryEntry> TicketHistory => Set<TicketHistoryEntry>();
    public DbSet<SlaTarget> SlaTargets => Set<SlaTarget>();
    public DbSet<OlaTarget> OlaTargets => Set<OlaTarget>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Core.Domain.Email.InboundMessage> InboundMessages => Set<Core.Domain.Email.InboundMessage>();
    public DbSet<TicketAttachment> TicketAttachments => Set<TicketAttachment>();
    public DbSet<Problem> Problems => Set<Problem>();
    public DbSet<ProblemIncident> ProblemIncidents => Set<ProblemIncident>();
    public DbSet<ProblemHistoryEntry> ProblemHistory => Set<ProblemHistoryEntry>();
    public DbSet<Core.Domain.Reports.MonthlyReport> MonthlyReports => Set<Core.Domain.Reports.MonthlyReport>();
    public DbSet<Charge> Charges => Set<Charge>();
    public DbSet<CouncilSubscription> CouncilSubscriptions => Set<CouncilSubscription>();
    public DbSet<SpentRefreshToken> SpentRefreshTokens => Set<SpentRefreshToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<CannedReply> CannedReplies => Set<CannedReply>();
    public DbSet<Core.Domain.Knowledge.Article> Articles => Set<Core.Domain.Knowledge.Article>();
    public DbSet<Core.Domain.Knowledge.ArticleVersion> ArticleVersions => Set<Core.Domain.Knowledge.ArticleVersion>();
    public DbSet<Core.Domain.Knowledge.ArticleActivity> ArticleActivities => Set<Core.Domain.Knowledge.ArticleActivity>();
    public DbSet<SignInProvider> SignInProviders => Set<SignInProvider>();
    public DbSet<ProvisioningToken> ProvisioningTokens => Set<ProvisioningToken>();

    public void ForgetTracked() => ChangeTracker.Clear();

    public async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }
        // The work commits whole or not at all, so a failed save inside it is never rolled back to a
        // savepoint and continued: no SAVEPOINT/RELEASE round trips around each save.
        Database.AutoSavepointsEnabled = false;
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await work();
        }
        catch
        {
            // Said, not left to the dispose: the embedded database's write gate opens at once.
            await transaction.RollbackAsync(CancellationToken.None);
            throw;
        }
        await transaction.CommitAsync(cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceDeskDbContext).Assembly);
        // SQLite seeks an index on a flag only where the query compares it ("IsOpen" = 1), not for the bare
        // column EF writes for a boolean; as a number there, every queue's index is sought.
        if (Database.IsSqlite()) builder.Entity<Core.Domain.Tickets.Ticket>().Property(t => t.IsOpen).HasConversion<int>();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // Instants are UTC everywhere; SQLite hands them back unspecified, so say so on the way in.
        configuration.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configuration.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
