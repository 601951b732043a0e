using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for SQLite without starting the web host.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ServiceDeskDbContext>
{
    public ServiceDeskDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ServiceDeskDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(ServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options);
}
