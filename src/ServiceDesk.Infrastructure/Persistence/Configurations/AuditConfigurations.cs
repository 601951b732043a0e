using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Ignore(e => e.Redacting);
        b.ToTable("AuditEntries");
        b.Property(e => e.ActorName).HasMaxLength(200);
        b.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityKey).HasMaxLength(500);
        b.Property(e => e.Summary).HasMaxLength(2000);
        b.Property(e => e.Before).HasMaxLength(100_000);
        b.Property(e => e.After).HasMaxLength(100_000);
        // The actor is kept by id and by name at the time: the list outlives any change to the person.
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.EntityType);
    }
}
