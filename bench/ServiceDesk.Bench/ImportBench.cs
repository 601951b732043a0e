using System.Diagnostics;
using System.Text;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.People;
using ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Bulk onboarding: a CSV of a council's staff (name, email, roles) previewed, then imported with an
/// invitation each, through the desk's own use case over a SQLite desk of the demo partnership. The
/// yardstick, measured in the same run, is the same number of rows inserted by a plain loop of
/// prepared statements into one SQLite table in one transaction: the least any import can cost here.
/// </summary>
static class ImportBench
{
    public static async Task<int> RunAsync(int rows)
    {
        Console.WriteLine($"ServiceDesk import benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        var csv = new StringBuilder("name,email,roles\n");
        for (var i = 0; i < rows; i++)
            csv.Append($"Staff Member {i},staff.member{i}@maidstone.example,{(i % 50 == 0 ? "requester; approver" : "requester")}\n");

        var yardstick = PlainInserts(rows);
        Console.WriteLine($"Yardstick: {rows:N0} rows by plain prepared SQLite inserts in one transaction: {yardstick.TotalMilliseconds:N0} ms");

        await using var desk = await BenchDesk.StartAsync(new DateTime(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc), new Dictionary<string, string?>(), _ => { });
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            desk.Services.GetRequiredService<BenchActor>().PersonId = await db.People.Where(p => p.Email == "rob.fairley@sharedict.example").Select(p => p.Id).FirstAsync();
        }
        foreach (var (label, import) in new[] { ("Preview", false), ("Import", true) })
        {
            using var scope = desk.Services.CreateScope();
            var watch = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ImportPeople("MBC", csv.ToString(), import));
            watch.Stop();
            Console.WriteLine($"{label,-8} {rows:N0} rows: {watch.Elapsed.TotalSeconds,6:N2} s ({rows / watch.Elapsed.TotalSeconds,8:N0} rows/s), " +
                $"{watch.Elapsed / yardstick,6:N1}× the yardstick; {result.Ready:N0} ready, {result.Refused:N0} refused, {result.Added:N0} added");
        }
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            Console.WriteLine($"After the import: {await db.Users.CountAsync(u => u.Email!.StartsWith("staff.member")):N0} sign-in accounts, " +
                $"{await db.Notifications.CountAsync(n => n.RecipientEmail.StartsWith("staff.member")):N0} invitations in the outbox");
        }
        return 0;
    }

    private static TimeSpan PlainInserts(int rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"servicedesk-yardstick-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={file}");
            connection.Open();
            using (var create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE, roles INTEGER NOT NULL)";
                create.ExecuteNonQuery();
            }
            var watch = Stopwatch.StartNew();
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO people (name, email, roles) VALUES ($name, $email, 1)";
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var email = insert.Parameters.Add("$email", SqliteType.Text);
            for (var i = 0; i < rows; i++)
            {
                name.Value = $"Staff Member {i}";
                email.Value = $"staff.member{i}@maidstone.example";
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return watch.Elapsed;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }
}
