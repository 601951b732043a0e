using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class SpentRefreshTokenConfiguration : IEntityTypeConfiguration<SpentRefreshToken>
{
    public void Configure(EntityTypeBuilder<SpentRefreshToken> b)
    {
        b.HasKey(t => t.TokenHash);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.ExpiresAt);
    }
}
