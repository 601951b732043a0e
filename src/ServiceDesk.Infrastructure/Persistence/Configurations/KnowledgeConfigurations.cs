using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Domain.Problems;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Infrastructure.Persistence.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> b)
    {
        b.Property(a => a.Title).HasMaxLength(200);
        b.Property(a => a.Body).HasMaxLength(20_000);
        b.Property(a => a.Category).HasMaxLength(Article.CategoryMax);
        b.Property(a => a.Keywords).HasMaxLength(Article.KeywordsMax);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Audience).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasOne(a => a.Owner).WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Problem>().WithMany().HasForeignKey(a => a.ProblemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Ticket>().WithMany().HasForeignKey(a => a.SourceTicketId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Services).WithOne().HasForeignKey(s => s.ArticleId);
        b.HasMany(a => a.Councils).WithOne().HasForeignKey(c => c.ArticleId);
        b.HasMany(a => a.Versions).WithOne().HasForeignKey(v => v.ArticleId);
        b.Ignore(a => a.KeywordList);
        // One article per known error; the list by status and title; the review sweep.
        b.HasIndex(a => a.ProblemId).IsUnique();
        b.HasIndex(a => new { a.Status, a.Title });
        b.HasIndex(a => new { a.Status, a.ReviewOn });
    }
}

internal sealed class ArticleServiceConfiguration : IEntityTypeConfiguration<ArticleService>
{
    public void Configure(EntityTypeBuilder<ArticleService> b)
    {
        b.ToTable("ArticleServices");
        b.HasKey(s => new { s.ArticleId, s.ServiceId });
        b.HasOne<CatalogueService>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.ServiceId);
    }
}

internal sealed class ArticleCouncilConfiguration : IEntityTypeConfiguration<ArticleCouncil>
{
    public void Configure(EntityTypeBuilder<ArticleCouncil> b)
    {
        b.ToTable("ArticleCouncils");
        b.HasKey(c => new { c.ArticleId, c.CouncilId });
        b.HasOne<Council>().WithMany().HasForeignKey(c => c.CouncilId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ArticleVersionConfiguration : IEntityTypeConfiguration<ArticleVersion>
{
    public void Configure(EntityTypeBuilder<ArticleVersion> b)
    {
        b.ToTable("ArticleVersions");
        b.Ignore(v => v.Redacting);
        b.Property(v => v.ActorName).HasMaxLength(200);
        b.Property(v => v.Change).HasMaxLength(500);
        b.Property(v => v.Title).HasMaxLength(200);
        b.Property(v => v.Body).HasMaxLength(20_000);
        b.Property(v => v.Category).HasMaxLength(Article.CategoryMax);
        b.Property(v => v.Keywords).HasMaxLength(Article.KeywordsMax);
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(v => v.Audience).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(v => v.ActorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.ArticleId, v.Number });
    }
}

internal sealed class ArticleActivityConfiguration : IEntityTypeConfiguration<ArticleActivity>
{
    public void Configure(EntityTypeBuilder<ArticleActivity> b)
    {
        b.ToTable("ArticleActivities");
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Query).HasMaxLength(20_400);
        b.HasOne<Article>().WithMany().HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Council>().WithMany().HasForeignKey(a => a.CouncilId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(a => a.IsVote);
        // The monthly report counts by council and month; an answer is found by article and person.
        b.HasIndex(a => new { a.CouncilId, a.At });
        b.HasIndex(a => new { a.ArticleId, a.PersonId, a.Kind });
    }
}
