using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Notifications;
using ServiceDesk.Core.Domain.Sla;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class SlaTargetConfiguration : IEntityTypeConfiguration<SlaTarget>
{
    public void Configure(EntityTypeBuilder<SlaTarget> b)
    {
        b.Property(t => t.Tier).HasConversion<string>().HasMaxLength(20);
        b.Property(t => t.Priority).HasConversion<int>();
        b.Property(t => t.ResponseUnit).HasConversion<string>().HasMaxLength(10);
        b.Property(t => t.ResolutionUnit).HasConversion<string>().HasMaxLength(10);
        b.Ignore(t => t.Response);
        b.Ignore(t => t.Resolution);
        b.HasIndex(t => new { t.Tier, t.Priority }).IsUnique();
    }
}

internal sealed class OlaTargetConfiguration : IEntityTypeConfiguration<OlaTarget>
{
    public void Configure(EntityTypeBuilder<OlaTarget> b)
    {
        b.Property(t => t.Priority).HasConversion<int>();
        b.Property(t => t.ResponseUnit).HasConversion<string>().HasMaxLength(10);
        b.Property(t => t.ResolutionUnit).HasConversion<string>().HasMaxLength(10);
        b.Ignore(t => t.Response);
        b.Ignore(t => t.Resolution);
        b.HasOne<ResolverGroup>().WithMany().HasForeignKey(t => t.ResolverGroupId);
        b.HasIndex(t => new { t.ResolverGroupId, t.Priority }).IsUnique();
    }
}

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> b)
    {
        b.ToTable("SlaClocks");
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.State).HasConversion<string>().HasMaxLength(20);
        b.HasOne<ResolverGroup>().WithMany().HasForeignKey(c => c.ResolverGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => c.TicketId);
        b.HasIndex(c => new { c.ResolverGroupId, c.Kind });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Outbox");
        b.Property(n => n.Kind).HasMaxLength(50);
        b.Property(n => n.RecipientEmail).HasMaxLength(254);
        b.Property(n => n.Subject).HasMaxLength(500);
        b.Property(n => n.Body).HasMaxLength(100_000);
        b.Property(n => n.LastError).HasMaxLength(2000);
        b.Property(n => n.MessageId).HasMaxLength(300);
        b.Property(n => n.InReplyTo).HasMaxLength(1000);
        b.Property(n => n.HtmlBody).HasMaxLength(500_000);
        b.Property(n => n.AttachmentName).HasMaxLength(255);
        b.Property(n => n.AttachmentContentType).HasMaxLength(100);
        b.Property(n => n.SecondAttachmentName).HasMaxLength(255);
        b.Property(n => n.SecondAttachmentContentType).HasMaxLength(100);
        b.Property(n => n.ClaimedBy).HasMaxLength(32);
        b.HasOne(n => n.Ticket).WithMany().HasForeignKey(n => n.TicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(n => new { n.SentAt, n.NextAttemptAt });
        b.HasIndex(n => n.MessageId);
        b.HasIndex(n => n.ClaimedBy);
        b.HasIndex(n => new { n.RecipientEmail, n.Kind, n.CreatedAt });
    }
}
