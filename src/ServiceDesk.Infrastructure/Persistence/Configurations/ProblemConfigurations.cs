using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class ProblemConfiguration : IEntityTypeConfiguration<Problem>
{
    public void Configure(EntityTypeBuilder<Problem> b)
    {
        b.Property(p => p.Title).HasMaxLength(200);
        b.Property(p => p.Description).HasMaxLength(20_000);
        b.Property(p => p.RootCause).HasMaxLength(20_000);
        b.Property(p => p.Workaround).HasMaxLength(20_000);
        b.Property(p => p.Resolution).HasMaxLength(20_000);
        b.Property(p => p.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(p => p.Priority).HasConversion<int>();
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Services).WithOne().HasForeignKey(s => s.ProblemId);
        b.HasMany(p => p.Incidents).WithOne().HasForeignKey(i => i.ProblemId);
        b.HasMany(p => p.History).WithOne().HasForeignKey(h => h.ProblemId);
        // The list (by status, latest change first) and the digest's "published this week".
        b.HasIndex(p => new { p.Status, p.UpdatedAt });
        b.HasIndex(p => p.KnownErrorPublishedAt);
    }
}

internal sealed class ProblemServiceConfiguration : IEntityTypeConfiguration<ProblemService>
{
    public void Configure(EntityTypeBuilder<ProblemService> b)
    {
        b.ToTable("ProblemServices");
        b.HasKey(s => new { s.ProblemId, s.ServiceId });
        b.HasOne<CatalogueService>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        // Known errors for a service, looked up whenever an agent opens an incident.
        b.HasIndex(s => s.ServiceId);
    }
}

internal sealed class ProblemIncidentConfiguration : IEntityTypeConfiguration<ProblemIncident>
{
    public void Configure(EntityTypeBuilder<ProblemIncident> b)
    {
        b.ToTable("ProblemIncidents");
        b.HasKey(i => new { i.ProblemId, i.TicketId });
        b.HasOne<Ticket>().WithMany().HasForeignKey(i => i.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(i => i.LinkedById).OnDelete(DeleteBehavior.Restrict);
        // A ticket links to at most one problem.
        b.HasIndex(i => i.TicketId).IsUnique();
    }
}

internal sealed class ProblemHistoryEntryConfiguration : IEntityTypeConfiguration<ProblemHistoryEntry>
{
    public void Configure(EntityTypeBuilder<ProblemHistoryEntry> b)
    {
        b.Ignore(e => e.Redacting);
        b.ToTable("ProblemHistory");
        b.Property(h => h.ActorName).HasMaxLength(200);
        b.Property(h => h.Change).HasMaxLength(50);
        b.Property(h => h.From).HasMaxLength(20_000);
        b.Property(h => h.To).HasMaxLength(20_000);
        b.HasOne<Person>().WithMany().HasForeignKey(h => h.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.ProblemId, h.At });
    }
}
