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
        b.Property(t => t.SatisfactionComment).HasMaxLength(2_000);
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
        b.HasMany(t => t.Attachments).WithOne().HasForeignKey(a => a.TicketId);
        b.HasOne<Ticket>().WithMany().HasForeignKey(t => t.FollowsUpId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.SlaState).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Quantity).HasDefaultValue(1);
        b.Ignore(t => t.PendingApproval);
        b.Ignore(t => t.AwaitingApproval);
        b.Ignore(t => t.IsApprovedPricedRequest);
        // Approval steps belong to their ticket and are always loaded with it: no ticket is worked without knowing them.
        b.OwnsMany(t => t.Approvals, a =>
        {
            a.ToTable("TicketApprovals");
            a.WithOwner().HasForeignKey(x => x.TicketId);
            a.HasKey(x => x.Id);
            a.Property(x => x.Stage).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            a.Property(x => x.DecidedByName).HasMaxLength(200);
            a.Property(x => x.Reason).HasMaxLength(2_000);
            a.Property(x => x.EmailKeyHash).HasMaxLength(64);
            a.HasIndex(x => new { x.Status, x.Stage });
        });

        // Links are few and always wanted with their ticket; each shows on both tickets.
        b.OwnsMany(t => t.Links, l =>
        {
            l.ToTable("TicketLinks");
            l.WithOwner().HasForeignKey(x => x.TicketId);
            l.HasKey(x => x.Id);
            l.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            l.HasOne<Ticket>().WithMany().HasForeignKey(x => x.LinkedTicketId).OnDelete(DeleteBehavior.Restrict);
            l.HasIndex(x => x.LinkedTicketId);
        });
        b.HasOne<Ticket>().WithMany().HasForeignKey(t => t.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Ticket>().WithMany().HasForeignKey(t => t.MajorIncidentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.MajorIncidentId);
        b.Ignore(t => t.RunsAroundTheClock);
        b.Ignore(t => t.ServicesDown);
        b.PrimitiveCollection(t => t.OutageServiceIds);

        // The queues (ListTickets): open tickets by their filter (owner, group, assignee, council, SLA
        // state, or none), each in the order of "nearest breach first" (due instant, priority, id), so a
        // page is a seek and a read of 50 index entries whatever the desk's history; and open tickets in
        // the other orders. The id ends each one: it is the cursor's tie-breaker.
        b.HasIndex(t => new { t.IsOpen, t.SlaDueAt, t.Priority, t.Id });
        b.HasIndex(t => new { t.OwnerId, t.IsOpen, t.SlaDueAt, t.Priority, t.Id });
        b.HasIndex(t => new { t.ResolverGroupId, t.IsOpen, t.SlaDueAt, t.Priority, t.Id });
        b.HasIndex(t => new { t.AssigneeId, t.IsOpen, t.SlaDueAt, t.Priority, t.Id });
        b.HasIndex(t => new { t.CouncilId, t.IsOpen, t.SlaDueAt, t.Priority, t.Id });
        b.HasIndex(t => new { t.IsOpen, t.SlaState, t.SlaDueAt, t.Priority, t.Id });
        // Filtered by status (open or closed ones): the capped count reads this index alone, where through
        // another it read each ticket's row to test its status (120–160 ms for "In progress" at 1M tickets).
        b.HasIndex(t => new { t.IsOpen, t.Status, t.SlaDueAt, t.Priority, t.Id });
        b.HasIndex(t => new { t.IsOpen, t.CreatedAt, t.Id });
        b.HasIndex(t => new { t.IsOpen, t.UpdatedAt, t.Id });
        b.HasIndex(t => new { t.IsOpen, t.Priority, t.CreatedAt, t.Id });
        // Priced requests waiting for approval are the open tickets whose clocks have not started: a small
        // index of those alone serves the approvals queue and its count.
        // (It starts with that column, so a planner without statistics also prefers it.)
        // The New queue (nobody owns the ticket yet), likewise: PostgreSQL does not take "OwnerId IS NULL" as
        // fixing the owner column, so it sorted every unowned ticket of the owner index (180 ms at 1M tickets);
        // and the clocks' start is in the index, so the capped count does not read each ticket's row.
        b.HasIndex(t => new { t.IsOpen, t.SlaDueAt, t.Priority, t.Id, t.ClocksStartAt }, "IX_Tickets_Unowned").HasFilter("\"OwnerId\" IS NULL");
        b.HasIndex(t => new { t.ClocksStartAt, t.IsOpen, t.SlaDueAt, t.Priority, t.Id }, "IX_Tickets_AwaitingApproval").HasFilter("\"ClocksStartAt\" IS NULL");
        // A requester's own tickets (My tickets: open or not, recently updated first), the auto-close
        // sweep, and reports by period.
        b.HasIndex(t => new { t.RequesterId, t.IsOpen, t.UpdatedAt, t.Id });
        b.HasIndex(t => new { t.RequesterId, t.CreatedAt });
        b.HasIndex(t => new { t.Status, t.ReopenUntil });
        b.HasIndex(t => t.CreatedAt);
        // The clocks: the reconciliation sweep.
        b.HasIndex(t => t.NextClockEventAt);
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
        b.Ignore(e => e.Redacting);
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

internal sealed class TicketAttachmentConfiguration : IEntityTypeConfiguration<TicketAttachment>
{
    public void Configure(EntityTypeBuilder<TicketAttachment> b)
    {
        b.Property(a => a.FileName).HasMaxLength(255);
        b.Property(a => a.ContentType).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.UploadedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => a.TicketId);
    }
}

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<Core.Domain.Email.InboundMessage>
{
    public void Configure(EntityTypeBuilder<Core.Domain.Email.InboundMessage> b)
    {
        b.Property(m => m.MessageId).HasMaxLength(998);
        b.Property(m => m.ContentHash).HasMaxLength(64);
        b.Property(m => m.FromAddress).HasMaxLength(320);
        b.Property(m => m.FromName).HasMaxLength(320);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.Text).HasMaxLength(20_000);
        b.Property(m => m.Note).HasMaxLength(2000);
        b.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne(m => m.Ticket).WithMany().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.DecidedById).OnDelete(DeleteBehavior.Restrict);
        // The Message-ID with the content's hash is what makes processing a message idempotent; other
        // messages may reuse a Message-ID.
        b.HasIndex(m => new { m.MessageId, m.ContentHash }).IsUnique();
        b.HasIndex(m => new { m.Status, m.ReceivedAt });
        b.HasIndex(m => m.TicketId);
    }
}

internal sealed class ChargeConfiguration : IEntityTypeConfiguration<Charge>
{
    public void Configure(EntityTypeBuilder<Charge> b)
    {
        b.Property(c => c.ServiceName).HasMaxLength(200);
        b.Property(c => c.Tier).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.UnitCost).HasPrecision(12, 2);
        b.Property(c => c.Amount).HasPrecision(14, 2);
        b.HasOne<Council>().WithMany().HasForeignKey(c => c.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<CatalogueService>().WithMany().HasForeignKey(c => c.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Ticket>().WithMany().HasForeignKey(c => c.TicketId).OnDelete(DeleteBehavior.Restrict);
        // A request is charged once, however often it is resolved.
        b.HasIndex(c => c.TicketId).IsUnique();
        b.HasIndex(c => new { c.CouncilId, c.ChargedAt });
    }
}
