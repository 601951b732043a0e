using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef migrations add` build the model for PostgreSQL without a server or the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ServiceDeskDbContext>
{
    public ServiceDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ServiceDeskDbContext>()
            .UseNpgsql("Host=localhost;Database=servicedesk_design", o => o.MigrationsAssembly(ServiceCollectionExtensions.PostgreSqlMigrationsAssembly))
            .Options);
}
