using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Reports;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class MonthlyReportConfiguration : IEntityTypeConfiguration<MonthlyReport>
{
    public void Configure(EntityTypeBuilder<MonthlyReport> b)
    {
        b.Property(r => r.Month).HasMaxLength(7);
        b.Property(r => r.FiguresJson).HasMaxLength(1_000_000);
        b.HasOne<Council>().WithMany().HasForeignKey(r => r.CouncilId).OnDelete(DeleteBehavior.Restrict);
        // One report per council (or the partnership, scope 0) per month: the monthly run can never store two.
        b.HasIndex(r => new { r.ScopeKey, r.Month }).IsUnique();
    }
}
