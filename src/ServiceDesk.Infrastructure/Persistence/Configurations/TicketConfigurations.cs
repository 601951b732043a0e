using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.Ignore(t => t.DomainEvents);
        b.Property(t => t.Title).HasMaxLength(200);
        b.Property(t => t.Description).HasMaxLength(20_000);
        b.Property(t => t.Resolution).HasMaxLength(20_000);
        foreach (var e in new[] { nameof(Ticket.Type), nameof(Ticket.Impact), nameof(Ticket.Urgency), nameof(Ticket.Status), nameof(Ticket.Channel) })
            b.Property(e).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Priority).HasConversion<int>();
        b.Property(t => t.Version).IsConcurrencyToken();

        b.HasOne(t => t.Requester).WithMany().HasForeignKey(t => t.RequesterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Council).WithMany().HasForeignKey(t => t.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Service).WithMany().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Category).WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Owner).WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.Assignee).WithMany().HasForeignKey(t => t.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(t => t.ResolverGroup).WithMany().HasForeignKey(t => t.ResolverGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(t => t.Comments).WithOne().HasForeignKey(c => c.TicketId);
        b.HasMany(t => t.History).WithOne().HasForeignKey(h => h.TicketId);
        b.HasMany(t => t.Participants).WithOne().HasForeignKey(p => p.TicketId);
        b.HasMany(t => t.Clocks).WithOne().HasForeignKey(c => c.TicketId);
        b.Property(t => t.SlaState).HasConversion<string>().HasMaxLength(20);

        // The queues: by status and age, by council, group, assignee, owner and requester.
        b.HasIndex(t => new { t.Status, t.CreatedAt });
        b.HasIndex(t => new { t.CouncilId, t.Status });
        b.HasIndex(t => new { t.ResolverGroupId, t.Status });
        b.HasIndex(t => new { t.AssigneeId, t.Status });
        b.HasIndex(t => new { t.OwnerId, t.Status });
        b.HasIndex(t => new { t.RequesterId, t.CreatedAt });
        b.HasIndex(t => new { t.Status, t.ReopenUntil });
        b.HasIndex(t => t.CreatedAt);
        // The clocks: the reconciliation sweep, "nearest breach first" and the SLA-state filter.
        b.HasIndex(t => t.NextClockEventAt);
        b.HasIndex(t => t.SlaDueAt);
        b.HasIndex(t => new { t.SlaState, t.Status });
    }
}

internal sealed class TicketCommentConfiguration : IEntityTypeConfiguration<TicketComment>
{
    public void Configure(EntityTypeBuilder<TicketComment> b)
    {
        b.Property(c => c.Body).HasMaxLength(20_000);
        b.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.TicketId, c.CreatedAt });
    }
}

internal sealed class TicketHistoryEntryConfiguration : IEntityTypeConfiguration<TicketHistoryEntry>
{
    public void Configure(EntityTypeBuilder<TicketHistoryEntry> b)
    {
        b.ToTable("TicketHistory");
        b.Property(h => h.ActorName).HasMaxLength(200);
        b.Property(h => h.Change).HasMaxLength(50);
        b.Property(h => h.From).HasMaxLength(20_000);
        b.Property(h => h.To).HasMaxLength(20_000);
        b.HasOne<Person>().WithMany().HasForeignKey(h => h.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(h => new { h.TicketId, h.At });
    }
}

internal sealed class TicketParticipantConfiguration : IEntityTypeConfiguration<TicketParticipant>
{
    public void Configure(EntityTypeBuilder<TicketParticipant> b)
    {
        b.HasKey(p => new { p.TicketId, p.PersonId });
        b.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(p => p.PersonId);
    }
}
