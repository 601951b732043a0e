using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.TestSupport;

/// <summary>
/// Raising tickets through the API under load: the real desk (the built web host, run by the dotnet
/// host as in service) on a fresh database with the demo partnership, sixteen demo people signed in
/// with bearer tokens, each on its own connection raising incidents through POST /api/v1/tickets as
/// fast as the desk answers, for a fixed time after a warm-up. Afterwards the database is read
/// directly: every 2xx must have made exactly one ticket (nothing lost, nothing doubled).
/// The yardstick, measured in the same run against the same kind of database, is a plain loop of
/// one-row commits: SQLite with the desk's own connection settings, or an Npgsql INSERT per commit.
/// </summary>
static class RaiseBench
{
    private const string Password = "Demo-Desk-2026!";
    private const string TitlePrefix = "Bench raise ";

    // Requesters raise their own; agents log tickets for a requester, as on the phone.
    private static readonly (string Email, string? For)[] People =
    [
        ("alice.turner@maidstone.example", null), ("ben.carter@maidstone.example", null), ("chloe.evans@maidstone.example", null),
        ("david.hughes@maidstone.example", null), ("frank.green@swale.example", null), ("gemma.hall@swale.example", null),
        ("harry.irwin@swale.example", null), ("isla.james@swale.example", null), ("kate.lewis@tunbridgewells.example", null),
        ("liam.morgan@tunbridgewells.example", null), ("mia.nash@tunbridgewells.example", null), ("noah.owen@tunbridgewells.example", null),
        ("ellie.moss@maidstone.example", null), ("priya.shah@sharedict.example", "chloe.evans@maidstone.example"),
        ("tom.okafor@sharedict.example", "harry.irwin@swale.example"), ("lucy.brennan@sharedict.example", "mia.nash@tunbridgewells.example"),
    ];

    public static async Task<int> RunAsync(string provider, int seconds, int connections, int warmupSeconds = 5)
    {
        var postgres = provider.Equals("postgresql", StringComparison.OrdinalIgnoreCase);
        Console.WriteLine($"ServiceDesk raise benchmark ({(postgres ? "PostgreSQL" : "SQLite")}) — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {connections} connections, {seconds} s after a {warmupSeconds} s warm-up");
        await using var server = postgres ? new PostgresServer() : null;
        string connectionString;
        var file = Path.Combine(Path.GetTempPath(), $"servicedesk-raise-{Guid.NewGuid():N}.db");
        if (server is not null)
        {
            await server.InitializeAsync();
            if (!server.Available) { Console.Error.WriteLine("PostgreSQL is not installed (Debian package 'postgresql')."); return 1; }
            // The desk's own pooling and statement settings apply (see DeskConnections).
            connectionString = server.ConnectionString.Replace(";Pooling=false", "", StringComparison.Ordinal);
        }
        else connectionString = $"Data Source={file}";

        try
        {
            var yardstick = postgres ? await PostgresCommitsAsync(connectionString) : SqliteCommits();
            Console.WriteLine(postgres
                ? $"Yardstick: one-row INSERT commits through Npgsql (one connection, prepared): {yardstick:N0} per second"
                : $"Yardstick: one-row SQLite commits (one connection, {DeskConnections.SqlitePragmas}): {yardstick:N0} per second");

            await using var desk = StartDesk(postgres, connectionString, out var baseUrl);
            var started = Stopwatch.StartNew();
            await WaitUntilReadyAsync(desk, baseUrl);
            Console.WriteLine($"Desk ready in {started.Elapsed.TotalSeconds:N1} s (migrated and seeded)");

            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var tokens = new List<(string Token, string? For)>();
            foreach (var (email, onBehalf) in People.Take(connections))
            {
                var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
                login.EnsureSuccessStatusCode();
                tokens.Add(((await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!, onBehalf));
            }
            using var catalogueRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalogue");
            catalogueRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[0].Token);
            var catalogue = await (await http.SendAsync(catalogueRequest)).Content.ReadFromJsonAsync<JsonElement>();
            var services = catalogue.EnumerateArray().Where(s => !s.GetProperty("requiresApproval").GetBoolean()).Select(s => s.GetProperty("id").GetInt32()).ToArray();

            await LoadAsync(http, tokens, services, TimeSpan.FromSeconds(warmupSeconds), "warm-up");
            var logBefore = desk.Log.Length;
            var cpuBefore = desk.CpuSeconds;
            var result = await LoadAsync(http, tokens, services, TimeSpan.FromSeconds(seconds), "run");
            var cpuPerRaise = (desk.CpuSeconds - cpuBefore) * 1000 / Math.Max(1, result.Created.Count);
            var rate = result.Created.Count / result.Elapsed.TotalSeconds;
            var latencies = result.Latencies.OrderBy(l => l).ToArray();
            Console.WriteLine($"Raised {result.Created.Count:N0} tickets in {result.Elapsed.TotalSeconds:N1} s: {rate:N0} per second, " +
                $"{rate / yardstick * 100:N1} % of the yardstick; errors {result.Errors.Count}");
            Console.WriteLine($"Latency: p50 {Percentile(latencies, 0.50):N0} ms, p95 {Percentile(latencies, 0.95):N0} ms, p99 {Percentile(latencies, 0.99):N0} ms, max {latencies.LastOrDefault():N0} ms");
            // On a shared machine the rate says as much about the neighbours as about the desk; the
            // processor time each raise costs the desk does not depend on them.
            Console.WriteLine($"Desk processor time per raise: {cpuPerRaise:N1} ms (user and system; {Environment.ProcessorCount} cores would serve at most {Environment.ProcessorCount * 1000 / cpuPerRaise:N0} per second)");
            foreach (var error in result.Errors.GroupBy(e => e).Take(5)) Console.WriteLine($"  error ×{error.Count()}: {error.Key}");
            if (ShowSql) PrintStatements(desk.Log[Math.Min(logBefore, desk.Log.Length)..], result.Created.Count + result.Errors.Count);

            var lost = await CheckNothingLostAsync(postgres, connectionString, result.Created, result.Warmup);
            Console.WriteLine(lost == 0 ? "Nothing lost: every 2xx made exactly one ticket, and no other ticket was made." : $"LOST OR DOUBLED: {lost}");
            Console.WriteLine($"Desk process: working set {desk.WorkingSetMb:N0} MB after the run");
            return result.Errors.Count == 0 && lost == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
    }

    // SERVICEDESK_BENCH_SQL=1 has the desk log every SQL command it sends, and counts them per raise
    // by their first word (for a short run: the logging costs processor time of its own).
    private static bool ShowSql => Environment.GetEnvironmentVariable("SERVICEDESK_BENCH_SQL") == "1";

    private static void PrintStatements(string log, int requests)
    {
        var commands = log.Split('\n').Where(l => l.Contains("Executed DbCommand", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("CommandTimeout=", StringComparison.Ordinal) is var i and >= 0 ? l.IndexOf(']', i) + 1 : 0)..].Trim())
            .ToList();
        Console.WriteLine($"SQL commands per request: {commands.Count / (double)Math.Max(1, requests):N1} ({commands.Count:N0} for {requests:N0} requests)");
        foreach (var kind in commands.GroupBy(c => c.Split(' ', 2)[0].ToUpperInvariant()).OrderByDescending(g => g.Count()))
            Console.WriteLine($"  {kind.Key,-10} {kind.Count() / (double)Math.Max(1, requests),6:N1}");
        foreach (var text in commands.GroupBy(c => c.Length > 160 ? c[..160] : c).OrderByDescending(g => g.Count()).Take(40))
            Console.WriteLine($"  {text.Count() / (double)Math.Max(1, requests),5:N2}× {text.Key}");
    }

    private sealed record Load(ConcurrentDictionary<string, string> Created, ConcurrentBag<double> Latencies, ConcurrentBag<string> Errors, TimeSpan Elapsed, int Warmup);

    private static int _warmupCreated;

    private static async Task<Load> LoadAsync(HttpClient http, List<(string Token, string? For)> tokens, int[] services, TimeSpan duration, string phase)
    {
        var created = new ConcurrentDictionary<string, string>();
        var latencies = new ConcurrentBag<double>();
        var errors = new ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(tokens.Select((who, n) => Task.Run(async () =>
        {
            var random = new Random(n);
            for (var i = 0; watch.Elapsed < duration; i++)
            {
                var title = $"{TitlePrefix}{phase} {n}-{i}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tickets")
                {
                    Content = JsonContent.Create(new
                    {
                        type = "Incident", title, description = "Raised by the load driver: the printer on the second floor jams.",
                        serviceId = services[random.Next(services.Length)], impact = "Medium", urgency = (i % 3) switch { 0 => "High", 1 => "Medium", _ => "Low" },
                        requesterEmail = who.For,
                    }),
                };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
                var sent = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                    if (response.StatusCode == HttpStatusCode.Created)
                        created[title] = JsonDocument.Parse(body).RootElement.GetProperty("reference").GetString()!;
                    else errors.Add($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    errors.Add(e.GetType().Name + ": " + e.Message);
                }
            }
        }))).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        if (phase == "warm-up") _warmupCreated = created.Count;
        return new Load(created, latencies, errors, elapsed, _warmupCreated);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Every acknowledged ticket is in the database once under its title; nothing else was made.</summary>
    private static async Task<int> CheckNothingLostAsync(bool postgres, string connectionString, ConcurrentDictionary<string, string> created, int warmup)
    {
        await using DbConnection connection = postgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = postgres
            ? $"SELECT \"Title\", \"Id\" FROM \"Tickets\" WHERE \"Title\" LIKE '{TitlePrefix}%'"
            : $"SELECT Title, Id FROM Tickets WHERE Title LIKE '{TitlePrefix}%'";
        var found = new Dictionary<string, List<long>>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var title = reader.GetString(0);
                if (!found.TryGetValue(title, out var ids)) found[title] = ids = [];
                ids.Add(reader.GetInt64(1));
            }
        var problems = 0;
        foreach (var (title, reference) in created)
            if (!found.TryGetValue(title, out var ids) || ids.Count != 1 || ServiceDesk.Core.Domain.Tickets.TicketReference.Format(ids[0]) != reference) problems++;
        var runTickets = found.Count(f => f.Key.StartsWith(TitlePrefix + "run ", StringComparison.Ordinal));
        Console.WriteLine($"In the database: {runTickets:N0} tickets of the run (plus {found.Count - runTickets:N0} of the warm-up; {warmup:N0} acknowledged), {created.Count:N0} acknowledged");
        return problems + Math.Abs(runTickets - created.Count);
    }

    private static DeskProcess StartDesk(bool postgres, string connectionString, out string baseUrl)
    {
        var web = DeskProcess.WebHost();
        var port = Loopback.FreePort();
        baseUrl = $"http://{Loopback.Host}:{port}";
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Urls"] = baseUrl,
            ["ConnectionStrings__ServiceDesk"] = connectionString,
            ["ServiceDesk__Database__Provider"] = postgres ? "PostgreSql" : "Sqlite",
            ["ServiceDesk__Database__SeedDemoPartnership"] = "true",
            ["ServiceDesk__Email__Smtp__PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"servicedesk-raise-outbox-{Guid.NewGuid():N}"),
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (ShowSql)
        {
            settings["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
            settings["Logging__Console__FormatterName"] = "simple";
            settings["Logging__Console__FormatterOptions__SingleLine"] = "true";
        }
        // The load is many requests from a few people: the per-person limits would refuse most of them.
        foreach (var limit in new[] { "SignIn", "SignInPerEmail", "Api" })
            settings[$"ServiceDesk__RateLimits__{limit}__Permits"] = "100000000";
        return DeskProcess.Start(web, settings);
    }

    private static async Task WaitUntilReadyAsync(DeskProcess desk, string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (!desk.Running) throw new InvalidOperationException("The desk stopped.\n" + desk.Log);
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new InvalidOperationException("The desk was not ready in time.\n" + desk.Log);
            await Task.Delay(100);
        }
    }

    /// <summary>One-row commits for three seconds on one connection with the desk's SQLite settings.</summary>
    private static double SqliteCommits()
    {
        var file = Path.Combine(Path.GetTempPath(), $"servicedesk-yardstick-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={file}");
            connection.Open();
            using (var setup = connection.CreateCommand())
            {
                setup.CommandText = DeskConnections.SqlitePragmaSql + "CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Title TEXT NOT NULL, At TEXT NOT NULL);";
                setup.ExecuteNonQuery();
            }
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Rows (Title, At) VALUES ($title, $at)";
            var title = insert.Parameters.Add("$title", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var count = 0;
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 3000)
            {
                using var transaction = connection.BeginTransaction();
                insert.Transaction = transaction;
                title.Value = $"Row {count}";
                at.Value = DateTime.UtcNow.ToString("O");
                insert.ExecuteNonQuery();
                transaction.Commit();
                count++;
            }
            return count / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
        }
    }

    /// <summary>One-row INSERT commits for three seconds on one connection through Npgsql.</summary>
    private static async Task<double> PostgresCommitsAsync(string connectionString)
    {
        await using (var admin = new NpgsqlConnection(connectionString.Replace("servicedesk_test", "postgres", StringComparison.Ordinal)))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE DATABASE yardstick", admin);
            await create.ExecuteNonQueryAsync();
        }
        await using var connection = new NpgsqlConnection(connectionString.Replace("servicedesk_test", "yardstick", StringComparison.Ordinal));
        await connection.OpenAsync();
        await using (var setup = new NpgsqlCommand("CREATE TABLE rows (id bigserial PRIMARY KEY, title text NOT NULL, at timestamptz NOT NULL)", connection))
            await setup.ExecuteNonQueryAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO rows (title, at) VALUES ($1, $2)", connection);
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await insert.PrepareAsync();
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.ElapsedMilliseconds < 3000)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            insert.Parameters[0].Value = $"Row {count}";
            insert.Parameters[1].Value = DateTime.UtcNow;
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            count++;
        }
        return count / watch.Elapsed.TotalSeconds;
    }
}
