using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class PartnershipSettingsConfiguration : IEntityTypeConfiguration<PartnershipSettings>
{
    public void Configure(EntityTypeBuilder<PartnershipSettings> b)
    {
        b.ToTable("Partnership");
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.SetupTokenHash).HasMaxLength(64);
        b.Property(p => p.SharedIctDomain).HasMaxLength(253);
        b.Ignore(p => p.IsSetUp);
        b.HasOne<BusinessCalendar>().WithMany().HasForeignKey(p => p.MajorIncidentCalendarId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CouncilConfiguration : IEntityTypeConfiguration<Council>
{
    public void Configure(EntityTypeBuilder<Council> b)
    {
        b.Property(c => c.Code).HasMaxLength(10);
        b.Property(c => c.Name).HasMaxLength(200);
        b.HasIndex(c => c.Code).IsUnique();
        b.HasOne(c => c.Calendar).WithMany().HasForeignKey(c => c.CalendarId).OnDelete(DeleteBehavior.Restrict);
        b.Property(c => c.FinanceContact).HasMaxLength(254);
        b.HasMany(c => c.Subscriptions).WithOne().HasForeignKey(s => s.CouncilId);
        b.HasMany(c => c.ActiveUserHistory).WithOne().HasForeignKey(h => h.CouncilId);
        b.Property(c => c.RetentionYears).HasDefaultValue(Council.DefaultRetentionYears);
        b.Ignore(c => c.IsWithdrawn);
    }
}

internal sealed class ActiveUserCountConfiguration : IEntityTypeConfiguration<ActiveUserCount>
{
    public void Configure(EntityTypeBuilder<ActiveUserCount> b)
    {
        b.ToTable("ActiveUserCounts");
        b.HasIndex(h => new { h.CouncilId, h.From }).IsUnique();
    }
}

internal sealed class CouncilSubscriptionConfiguration : IEntityTypeConfiguration<CouncilSubscription>
{
    public void Configure(EntityTypeBuilder<CouncilSubscription> b)
    {
        b.Property(s => s.AnnualCost).HasPrecision(12, 2);
        b.HasOne(s => s.Service).WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.CouncilId, s.ServiceId });
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.Property(p => p.Email).HasMaxLength(254);
        b.Property(p => p.DisplayName).HasMaxLength(200);
        b.HasIndex(p => p.Email).IsUnique();
        b.Property(p => p.Phone).HasMaxLength(Person.MaxPhoneLength);
        b.Property(p => p.PhoneDigits).HasMaxLength(Person.MaxPhoneLength);
        b.HasIndex(p => p.PhoneDigits);
        b.HasOne<Council>().WithMany().HasForeignKey(p => p.MainCouncilId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(p => p.Memberships).WithOne().HasForeignKey(m => m.PersonId);
        b.Ignore(p => p.CouncilIds);
        b.Ignore(p => p.ApproverCouncilIds);
        b.Ignore(p => p.IsActive);
    }
}

internal sealed class CouncilMembershipConfiguration : IEntityTypeConfiguration<CouncilMembership>
{
    public void Configure(EntityTypeBuilder<CouncilMembership> b)
    {
        b.HasKey(m => new { m.PersonId, m.CouncilId });
        b.HasOne<Council>().WithMany().HasForeignKey(m => m.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.Property(m => m.ExternalId).HasMaxLength(200);
        // A council's provisioning service finds its people by its own id.
        b.HasIndex(m => new { m.CouncilId, m.ExternalId });
    }
}

internal sealed class SignInProviderConfiguration : IEntityTypeConfiguration<SignInProvider>
{
    public void Configure(EntityTypeBuilder<SignInProvider> b)
    {
        b.HasKey(p => p.Id);
        b.HasOne<Council>().WithMany().HasForeignKey(p => p.CouncilId).OnDelete(DeleteBehavior.Restrict);
        // One provider per council, and one for shared ICT (the council-less row).
        b.HasIndex(p => p.CouncilId).IsUnique();
        b.Property(p => p.Authority).HasMaxLength(500);
        b.Property(p => p.ClientId).HasMaxLength(200);
        b.Property(p => p.ProtectedClientSecret).HasMaxLength(4000);
        b.Property(p => p.EmailClaim).HasMaxLength(100);
        b.Property(p => p.Stamp).HasMaxLength(32).IsConcurrencyToken();
    }
}

internal sealed class ProvisioningTokenConfiguration : IEntityTypeConfiguration<ProvisioningToken>
{
    public void Configure(EntityTypeBuilder<ProvisioningToken> b)
    {
        b.HasKey(t => t.Id);
        b.HasOne<Council>().WithMany().HasForeignKey(t => t.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.CreatedBy).HasMaxLength(200);
    }
}

internal sealed class ResolverGroupConfiguration : IEntityTypeConfiguration<ResolverGroup>
{
    public void Configure(EntityTypeBuilder<ResolverGroup> b)
    {
        b.Property(g => g.Name).HasMaxLength(200);
        b.HasIndex(g => g.Name).IsUnique();
        b.HasOne<Council>().WithMany().HasForeignKey(g => g.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(g => g.LeadId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.ResolverGroupId);
    }
}

internal sealed class ResolverGroupMemberConfiguration : IEntityTypeConfiguration<ResolverGroupMember>
{
    public void Configure(EntityTypeBuilder<ResolverGroupMember> b)
    {
        b.HasKey(m => new { m.ResolverGroupId, m.PersonId });
        b.HasOne<Person>().WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(m => m.PersonId);
    }
}

internal sealed class CatalogueServiceConfiguration : IEntityTypeConfiguration<CatalogueService>
{
    public void Configure(EntityTypeBuilder<CatalogueService> b)
    {
        b.ToTable("CatalogueServices");
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.Description).HasMaxLength(2000);
        b.Property(s => s.Tier).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.UnitCost).HasPrecision(12, 2);
        b.HasIndex(s => s.Name).IsUnique();
        b.HasOne<ResolverGroup>().WithMany().HasForeignKey(s => s.DefaultResolverGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Routes).WithOne().HasForeignKey(r => r.ServiceId);
        b.HasMany(s => s.Categories).WithOne().HasForeignKey(c => c.ServiceId);
        b.Ignore(s => s.RequiresApproval);
        b.HasOne<BusinessCalendar>().WithMany().HasForeignKey(s => s.SubscriberCalendarId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ServiceRouteConfiguration : IEntityTypeConfiguration<ServiceRoute>
{
    public void Configure(EntityTypeBuilder<ServiceRoute> b)
    {
        b.HasKey(r => new { r.ServiceId, r.CouncilId });
        b.HasOne<Council>().WithMany().HasForeignKey(r => r.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ResolverGroup>().WithMany().HasForeignKey(r => r.ResolverGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> b)
    {
        b.Property(c => c.Name).HasMaxLength(200);
        b.HasIndex(c => new { c.ServiceId, c.Name }).IsUnique();
    }
}

internal sealed class BusinessCalendarConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    public void Configure(EntityTypeBuilder<BusinessCalendar> b)
    {
        b.Property(c => c.Name).HasMaxLength(100);
        b.Property(c => c.TimeZoneId).HasMaxLength(64);
        b.HasIndex(c => c.Name).IsUnique();
        b.HasMany(c => c.ClosureDays).WithOne().HasForeignKey(d => d.CalendarId);
    }
}

internal sealed class ClosureDayConfiguration : IEntityTypeConfiguration<ClosureDay>
{
    public void Configure(EntityTypeBuilder<ClosureDay> b)
    {
        b.Property(d => d.Name).HasMaxLength(200);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(d => new { d.CalendarId, d.Date }).IsUnique();
    }
}

internal sealed class CannedReplyConfiguration : IEntityTypeConfiguration<CannedReply>
{
    public void Configure(EntityTypeBuilder<CannedReply> b)
    {
        b.Property(r => r.Title).HasMaxLength(200);
        b.Property(r => r.Body).HasMaxLength(20_000);
        b.HasIndex(r => r.ResolverGroupId);
        b.HasOne<ResolverGroup>().WithMany().HasForeignKey(r => r.ResolverGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
