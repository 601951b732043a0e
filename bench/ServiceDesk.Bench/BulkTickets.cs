using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Sla;
using ServiceDesk.Core.Domain.Tickets;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Fills a desk database with a large, lived-in ticket history for the benchmarks: the schema migrated
/// and the demo partnership seeded by the desk's own start-up, a few thousand staff per council, then
/// tickets made by the desk's own domain methods (raised, taken, replied to, put on hold, resolved,
/// closed, with their SLA and OLA clocks and history) and written in bulk: one SQLite transaction of
/// prepared statements, or PostgreSQL's binary COPY. Columns come from the EF model, so the rows are
/// the ones the desk itself would have saved. A database that already holds the counts is left as it is.
/// </summary>
public static class BulkTickets
{
    /// <summary>The instant the loaded desk stands at (a Monday morning); benchmarks set their clock to it.</summary>
    public static readonly DateTime Now = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>How big a desk to load: tickets in all, how many of them open, and staff per council.</summary>
    public sealed record Counts(int Tickets = 1_000_000, int Open = 100_000, int StaffPerCouncil = 2_000);

    /// <summary>What the database holds after loading.</summary>
    public sealed record Loaded(long Tickets, long Open, bool WasLoaded, TimeSpan Took);

    /// <summary>
    /// Migrates and seeds the database (SQLite file or PostgreSQL database, created if missing), then
    /// loads tickets until it holds <paramref name="counts"/>; skips the load if it already does.
    /// </summary>
    public static async Task<Loaded> EnsureLoadedAsync(DatabaseProvider provider, string connectionString, Counts counts, TextWriter? log = null)
    {
        log ??= Console.Out;
        var watch = Stopwatch.StartNew();
        await using var desk = await BenchDesk.OpenAsync(provider, connectionString, Now, new Dictionary<string, string?>(), _ => { });
        using var scope = desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));

        var (total, open) = await CountAsync(db);
        log.WriteLine($"Database ready: {total:N0} tickets ({open:N0} open) after {watch.Elapsed.TotalSeconds:N0} s.");
        if (total >= counts.Tickets && open >= counts.Open)
        {
            log.WriteLine($"The database already holds {total:N0} tickets ({open:N0} open): not loading.");
            return new Loaded(total, open, false, watch.Elapsed);
        }

        await AddStaffAsync(db, counts.StaffPerCouncil, log);
        var toOpen = (int)Math.Max(0, counts.Open - open);
        var toLoad = (int)Math.Max(toOpen, counts.Tickets - total);
        log.WriteLine($"Loading {toLoad:N0} tickets ({toOpen:N0} open) into {provider}...");
        var generator = await TicketMaker.CreateAsync(scope.ServiceProvider);
        await using (var writer = await BulkWriter.OpenAsync(db, provider))
        {
            var random = new Random(16);
            var made = 0;
            var progress = Stopwatch.StartNew();
            var making = new Stopwatch();
            var writing = new Stopwatch();
            while (made < toLoad)
            {
                var batch = Math.Min(10_000, toLoad - made);
                making.Start();
                for (var i = 0; i < batch; i++, made++)
                {
                    // Open tickets are spread evenly through the run, so every batch is a mixed one.
                    var isOpen = (long)(made + 1) * toOpen / toLoad > (long)made * toOpen / toLoad;
                    writer.Add(generator.Make(random, isOpen, made));
                }
                making.Stop();
                writing.Start();
                await writer.FlushAsync();
                writing.Stop();
                if (progress.Elapsed > TimeSpan.FromSeconds(15) || made == toLoad)
                {
                    log.WriteLine($"  {made:N0} of {toLoad:N0} tickets written ({watch.Elapsed.TotalSeconds:N0} s: making {making.Elapsed.TotalSeconds:N0} s, writing {writing.Elapsed.TotalSeconds:N0} s)");
                    progress.Restart();
                }
            }
            await writer.CompleteAsync();
        }
        (total, open) = await CountAsync(db);
        log.WriteLine($"The database holds {total:N0} tickets ({open:N0} open), loaded in {watch.Elapsed.TotalSeconds:N0} s.");
        return new Loaded(total, open, true, watch.Elapsed);
    }

    private static async Task<(long Total, long Open)> CountAsync(ServiceDeskDbContext db) =>
        (await db.Tickets.LongCountAsync(),
         await db.Tickets.LongCountAsync(t => t.Status != TicketStatus.Resolved && t.Status != TicketStatus.Closed));

    /// <summary>A council of a few thousand staff, as a district council has, rather than the demo's five.</summary>
    private static async Task AddStaffAsync(ServiceDeskDbContext db, int perCouncil, TextWriter log)
    {
        var watch = Stopwatch.StartNew();
        var councils = await db.Councils.AsNoTracking().OrderBy(c => c.Id).ToListAsync();
        var existing = (await db.People.Select(p => p.Email).ToListAsync()).ToHashSet();
        string[] first = ["Amira", "Bilal", "Carys", "Declan", "Esther", "Fraser", "Gwen", "Hamza", "Imogen", "Joel", "Keira", "Luca", "Maya", "Nathan", "Orla", "Pavel", "Rosa", "Sean", "Tara", "Umar", "Vera", "Wes", "Yasmin", "Zak"];
        string[] last = ["Abbott", "Bishop", "Cole", "Doyle", "Ennis", "Frost", "Grant", "Hale", "Iqbal", "Jones", "Khan", "Lowe", "Mills", "Nairn", "Osei", "Patel", "Quinn", "Rowe", "Shaw", "Travers", "Usher", "Vance", "Walsh", "Young"];
        var added = 0;
        foreach (var council in councils)
            for (var i = 1; i <= perCouncil; i++)
            {
                var name = $"{first[i % first.Length]} {last[i / first.Length % last.Length]}";
                var email = $"staff{i:D5}@{council.MailDomains[0]}";
                if (!existing.Add(email)) continue;
                // One in fifty holds a budget, as in the bulk onboarding benchmark.
                db.People.Add(new Person(email, name, i % 50 == 0 ? PersonRoles.Requester | PersonRoles.Approver : PersonRoles.Requester, council.Id));
                added++;
            }
        if (added == 0) return;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        log.WriteLine($"Added {added:N0} council staff ({watch.Elapsed.TotalSeconds:N0} s).");
    }

    /// <summary>Makes one ticket through the domain: raised, then walked along its lifecycle to where it stands now.</summary>
    private sealed class TicketMaker
    {
        private readonly SlaPolicyBook _book;
        private readonly Dictionary<int, Council> _councils;
        private readonly Dictionary<int, Person[]> _staff;
        private readonly CatalogueService[] _services;
        private readonly CatalogueService[] _priced;
        private readonly Dictionary<int, ResolverGroup> _groups;
        private readonly Person[] _agents;
        private readonly Dictionary<int, Person[]> _members;
        private readonly Dictionary<int, SlaTerms> _terms = [];

        private TicketMaker(SlaPolicyBook book, Dictionary<int, Council> councils, Dictionary<int, Person[]> staff, CatalogueService[] services,
            CatalogueService[] priced, Dictionary<int, ResolverGroup> groups, Person[] agents, Dictionary<int, Person[]> members) =>
            (_book, _councils, _staff, _services, _priced, _groups, _agents, _members) = (book, councils, staff, services, priced, groups, agents, members);

        public static async Task<TicketMaker> CreateAsync(IServiceProvider services)
        {
            var db = services.GetRequiredService<ServiceDeskDbContext>();
            var people = await db.People.AsNoTracking().Include(p => p.Memberships).Where(p => p.DeactivatedAt == null).ToListAsync();
            var councils = await db.Councils.AsNoTracking().Where(c => c.WithdrawnAt == null).ToDictionaryAsync(c => c.Id);
            var groups = await db.ResolverGroups.AsNoTracking().Include(g => g.Members).ToDictionaryAsync(g => g.Id);
            var catalogue = await db.Services.AsNoTracking().Include(s => s.Routes).Where(s => s.Active).OrderBy(s => s.Id).ToArrayAsync();
            var byId = people.ToDictionary(p => p.Id);
            return new TicketMaker(services.GetRequiredService<SlaPolicyBook>(), councils,
                councils.Keys.ToDictionary(c => c, c => people.Where(p => p.MainCouncilId == c && p.Has(PersonRoles.Requester)).ToArray()),
                catalogue.Where(s => !s.RequiresApproval).ToArray(), catalogue.Where(s => s.RequiresApproval).ToArray(), groups, people.Where(p => p.IsSharedIct && p.Has(PersonRoles.Agent)).ToArray(),
                groups.Values.ToDictionary(g => g.Id, g => g.Members.Select(m => byId.GetValueOrDefault(m.PersonId)).OfType<Person>().ToArray()));
        }

        public Ticket Make(Random random, bool open, int n)
        {
            var council = _councils.Values.ElementAt(random.Next(_councils.Count));
            var staff = _staff[council.Id];
            var requester = staff[random.Next(staff.Length)];
            // Most tickets are for essential services; a few open ones are priced requests still waiting for
            // their council's approver (no clocks yet, nobody works them).
            var priced = open && _priced.Length > 0 && random.Next(50) == 0;
            var service = priced ? _priced[random.Next(_priced.Length)] : _services[random.Next(_services.Length)];
            var group = _groups[service.ResolverGroupFor(council.Id)];
            var type = priced || random.Next(10) >= 6 ? TicketType.ServiceRequest : TicketType.Incident;
            // Mostly medium and low: P1s are rare.
            var impact = (Impact)Weighted(random, 1, 4, 6);
            var urgency = (Urgency)Weighted(random, 1, 5, 4);
            var calendar = Terms(council.Id).Calendar;

            // Where the ticket stands: open ones by the desk's usual spread (new, assigned, in progress,
            // awaiting the customer), the rest closed, or resolved in the last few days and still reopenable.
            var stage = priced ? 0 : open ? Weighted(random, 15, 25, 40, 20) : random.Next(100) < 3 ? 4 : 5;
            // Open tickets are young (most raised in the last two weeks, a tail of older ones); closed ones
            // are spread over the three years before; resolved ones were raised last week.
            var created = stage switch
            {
                < 4 => calendar.AddBusinessMinutes(Now.AddDays(random.Next(10) < 8 ? -14 : -90), random.Next(0, 10 * 510)),
                4 => calendar.AddBusinessMinutes(Now.AddDays(-7), random.Next(0, 3 * 510)),
                _ => calendar.AddBusinessMinutes(Now.AddDays(-3 * 365), random.Next(0, 3 * 250 * 510)),
            };
            if (created >= Now) created = Now.AddMinutes(-1 - random.Next(600));
            var channel = (Channel)Weighted(random, 5, 3, 1, 1);
            var ticket = Ticket.Raise(type, Titles[n % Titles.Length], Descriptions[n % Descriptions.Length], requester, council, service, group, null,
                impact, urgency, channel, Actor.Of(requester), created);
            var terms = _book.TermsForAsync(ticket, default).GetAwaiter().GetResult();
            ticket.UpdateClocks(terms, created);

            var at = created;
            // The next step, some business minutes later, but never after now.
            DateTime Later(int maxBusinessMinutes)
            {
                var next = calendar.AddBusinessMinutes(at, 1 + random.Next(maxBusinessMinutes));
                at = next < Now ? next : at.AddTicks((Now - at).Ticks / 2);
                return at;
            }
            if (stage >= 1)
            {
                var agent = _agents[random.Next(_agents.Length)];
                ticket.Take(agent, Later(90));
                var members = _members[group.Id];
                if (members.Length > 0 && random.Next(3) > 0)
                    ticket.Assign(group, members[random.Next(members.Length)], agent, Later(60));
                ticket.UpdateClocks(terms, at);
                if (stage >= 2)
                {
                    ticket.Comment(agent, Replies[n % Replies.Length], false, true, Later(120));
                    if (ticket.Status != TicketStatus.InProgress)
                        ticket.ChangeStatus(TicketStatus.InProgress, null, Actor.Of(agent), calendar, at);
                    ticket.UpdateClocks(terms, at);
                }
                if (stage == 3)
                {
                    ticket.ChangeStatus(TicketStatus.AwaitingCustomer, null, Actor.Of(agent), calendar, Later(240));
                    ticket.UpdateClocks(terms, at);
                }
                if (stage >= 4)
                {
                    ticket.ChangeStatus(TicketStatus.Resolved, Resolutions[n % Resolutions.Length], Actor.Of(agent), calendar, Later(stage == 5 ? 3 * 510 : 510));
                    ticket.UpdateClocks(terms, at);
                    // The desk closes a resolution by itself when the requester lets the reopen window pass.
                    if (ticket.ReopenUntil is DateTime until && until < Now) ticket.Close(Actor.System, until);
                }
            }
            // Open clocks catch up with now: the warnings and breaches the sweep would have recorded.
            if (ticket.IsOpen) ticket.UpdateClocks(terms, Now);
            ticket.ClearDomainEvents();
            return ticket;
        }

        private SlaTerms Terms(int councilId)
        {
            if (!_terms.TryGetValue(councilId, out var terms))
                _terms[councilId] = terms = _book.TermsForAsync(Ticket.Raise(TicketType.Incident, "-", "-", _staff[councilId][0], _councils[councilId],
                    _services[0], _groups[_services[0].ResolverGroupFor(councilId)], null, Impact.Low, Urgency.Low, Channel.Api, Actor.System, Now), default).GetAwaiter().GetResult();
            return terms;
        }

        private static int Weighted(Random random, params int[] weights)
        {
            var pick = random.Next(weights.Sum());
            for (var i = 0; i < weights.Length; i++)
                if ((pick -= weights[i]) < 0) return i;
            return weights.Length - 1;
        }

        private static readonly string[] Titles =
        [
            "Outlook keeps asking for my password", "Cannot print to the second floor printer", "New starter needs a laptop and an account",
            "VPN drops every few minutes at home", "Planning portal is very slow this morning", "Please add me to the Housing shared mailbox",
            "Monitor flickers after the docking station update", "Teams calls have no sound", "Reset my council tax system password",
            "Access to the Revenues share for a temporary worker", "Phone handset shows 'no service'", "Scanner saves blank PDFs",
        ];
        private static readonly string[] Descriptions =
        [
            "It started after this morning's update. I have restarted twice.", "Nobody on our floor can print; the queue shows jobs waiting.",
            "Starting Monday in Environmental Health; manager approved.", "It reconnects, then drops again after about five minutes.",
            "Pages take half a minute to load for the whole team.", "I cover for a colleague on leave for the next fortnight.",
        ];
        private static readonly string[] Replies =
        [
            "Thanks for reporting this; I am looking into it now.", "Could you try signing out and back in, and let me know?",
            "We have passed this to the on-site team, who will visit today.",
        ];
        private static readonly string[] Resolutions =
        [
            "Cleared the cached credentials; the prompt no longer appears.", "Replaced the toner and cleared the stuck jobs.",
            "Account and equipment issued to the new starter.", "Updated the VPN client to the current version.",
        ];
    }

    /// <summary>
    /// Writes tickets with their clocks, history and replies straight into their tables, with the ids
    /// the database would have given them; columns and conversions come from the EF model.
    /// </summary>
    private sealed class BulkWriter : IAsyncDisposable
    {
        private readonly ServiceDeskDbContext _db;
        private readonly DatabaseProvider _provider;
        private readonly DbConnection _connection;
        private readonly Table _tickets, _clocks, _history, _comments, _approvals;
        private readonly List<Ticket> _pending = [];
        private DbTransaction? _transaction;
        private long _ticketId, _clockId, _historyId, _commentId, _approvalId;

        private BulkWriter(ServiceDeskDbContext db, DatabaseProvider provider)
        {
            _db = db;
            _provider = provider;
            _connection = db.Database.GetDbConnection();
            _tickets = new Table(db.Model.FindEntityType(typeof(Ticket))!);
            _clocks = new Table(db.Model.FindEntityType(typeof(SlaClock))!);
            _history = new Table(db.Model.FindEntityType(typeof(TicketHistoryEntry))!);
            _comments = new Table(db.Model.FindEntityType(typeof(TicketComment))!);
            _approvals = new Table(db.Model.FindEntityType(typeof(TicketApproval))!);
        }

        public static async Task<BulkWriter> OpenAsync(ServiceDeskDbContext db, DatabaseProvider provider)
        {
            var writer = new BulkWriter(db, provider);
            await db.Database.OpenConnectionAsync();
            writer._ticketId = await writer.MaxIdAsync(writer._tickets);
            writer._clockId = await writer.MaxIdAsync(writer._clocks);
            writer._historyId = await writer.MaxIdAsync(writer._history);
            writer._commentId = await writer.MaxIdAsync(writer._comments);
            writer._approvalId = await writer.MaxIdAsync(writer._approvals);
            await writer.DropIndexesAsync();
            if (provider == DatabaseProvider.Sqlite)
            {
                await writer.ExecuteAsync("PRAGMA cache_size = -1000000");
                writer._transaction = await writer._connection.BeginTransactionAsync();
            }
            // The rows come from the desk's own entities and point at rows that exist: PostgreSQL's
            // foreign-key triggers would check each one again (the bench runs as the superuser).
            else await writer.ExecuteAsync("SET session_replication_role = replica");
            return writer;
        }

        public void Add(Ticket ticket) => _pending.Add(ticket);

        public async Task FlushAsync()
        {
            if (_provider == DatabaseProvider.Sqlite) WriteSqlite();
            else await WritePostgresAsync();
            _pending.Clear();
        }

        /// <summary>Commits, builds the indexes again, moves the id sequences past the new rows, vacuums and refreshes the planner's statistics (PostgreSQL).</summary>
        public async Task CompleteAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.CommitAsync();
                await _transaction.DisposeAsync();
                _transaction = null;
            }
            foreach (var create in _dropped) await ExecuteAsync(create);
            _dropped.Clear();
            if (_provider == DatabaseProvider.Sqlite) return;
            await ExecuteAsync("SET session_replication_role = DEFAULT");
            foreach (var table in new[] { _tickets, _clocks, _history, _comments, _approvals })
            {
                await ExecuteAsync($"SELECT setval(pg_get_serial_sequence('\"{table.Name}\"', 'Id'), (SELECT max(\"Id\") FROM \"{table.Name}\"))");
                // VACUUM, not ANALYZE alone: it merges the GIN indexes' pending lists and sets the visibility
                // map, so the first searches and index-only scans do not pay for the load.
                await ExecuteAsync($"VACUUM (ANALYZE) \"{table.Name}\"");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null) await _transaction.DisposeAsync();
            foreach (var table in new[] { _tickets, _clocks, _history, _comments, _approvals }) table.Dispose();
            await _db.Database.CloseConnectionAsync();
        }

        private IEnumerable<(Table Table, object Entity, long Id, long TicketId)> Rows()
        {
            foreach (var ticket in _pending)
            {
                var id = ++_ticketId;
                yield return (_tickets, ticket, id, id);
                foreach (var clock in ticket.Clocks) yield return (_clocks, clock, ++_clockId, id);
                // A closed ticket's history is written for one in ten: the lists never read it, the detail
                // page reads one ticket's, and it would otherwise be most of the rows and of the load's time.
                if (ticket.Status != TicketStatus.Closed || id % 10 == 0)
                    foreach (var entry in ticket.History) yield return (_history, entry, ++_historyId, id);
                foreach (var comment in ticket.Comments) yield return (_comments, comment, ++_commentId, id);
                foreach (var approval in ticket.Approvals) yield return (_approvals, approval, ++_approvalId, id);
            }
        }

        private void WriteSqlite()
        {
            foreach (var (table, entity, id, ticketId) in Rows())
            {
                var command = table.Insert ??= CreateInsert(table);
                for (var i = 0; i < table.Columns.Length; i++)
                    command.Parameters[i].Value = table.Columns[i].Value(entity, id, ticketId) ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        }

        private SqliteCommand CreateInsert(Table table)
        {
            var command = (SqliteCommand)_connection.CreateCommand();
            command.Transaction = (SqliteTransaction)_transaction!;
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
                $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < table.Columns.Length; i++) command.Parameters.Add(new SqliteParameter($"$p{i}", null));
            command.Prepare();
            return command;
        }

        private async Task WritePostgresAsync()
        {
            var connection = (NpgsqlConnection)_connection;
            var rows = Rows().ToList();
            foreach (var group in rows.GroupBy(r => r.Table))
            {
                var table = group.Key;
                await using var copy = await connection.BeginBinaryImportAsync(
                    $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)");
                foreach (var (_, entity, id, ticketId) in group)
                {
                    await copy.StartRowAsync();
                    foreach (var column in table.Columns)
                    {
                        if (column.Value(entity, id, ticketId) is { } value) await copy.WriteAsync(value, column.StoreType);
                        else await copy.WriteNullAsync();
                    }
                }
                await copy.CompleteAsync();
            }
        }

        private readonly List<string> _dropped = [];

        /// <summary>
        /// Drops the secondary indexes of the tables being filled (building an index once over sorted rows
        /// is much quicker than keeping it up to date row by row), keeping their definitions to build them again.
        /// </summary>
        private async Task DropIndexesAsync()
        {
            var tables = string.Join(", ", new[] { _tickets, _clocks, _history, _comments, _approvals }.Select(t => $"'{t.Name}'"));
            await using (var command = _connection.CreateCommand())
            {
                command.CommandText = _provider == DatabaseProvider.Sqlite
                    ? $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({tables})"
                    : $"SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ({tables}) " +
                      "AND indexname NOT IN (SELECT conname FROM pg_constraint)";
                await using var reader = await command.ExecuteReaderAsync();
                var found = new List<(string Name, string Sql)>();
                while (await reader.ReadAsync()) found.Add((reader.GetString(0), reader.GetString(1)));
                await reader.CloseAsync();
                foreach (var (name, sql) in found)
                {
                    _dropped.Add(sql);
                    await ExecuteAsync($"DROP INDEX \"{name}\"");
                }
            }
        }

        private async Task<long> MaxIdAsync(Table table)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = $"SELECT coalesce(max(\"Id\"), 0) FROM \"{table.Name}\"";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }

        private async Task ExecuteAsync(string sql)
        {
            await using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>One table's columns as the EF model maps them: name, store type and how to read the value.</summary>
    private sealed class Table : IDisposable
    {
        public Table(IEntityType type)
        {
            Name = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(Name, type.GetSchema());
            Columns = type.GetProperties()
                .Where(p => p.GetComputedColumnSql() is null && p.ValueGenerated != ValueGenerated.OnAddOrUpdate)
                .Select(p => new Column(p.GetColumnName(store)!, p.GetColumnType(), p))
                .ToArray();
        }

        public string Name { get; }
        public Column[] Columns { get; }
        public SqliteCommand? Insert { get; set; }

        public void Dispose() => Insert?.Dispose();
    }

    private sealed class Column(string name, string storeType, IProperty property)
    {
        private readonly IClrPropertyGetter? _getter = property.IsShadowProperty() ? null : property.GetGetter();
        private readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? _converter = property.GetTypeMapping().Converter;
        private readonly bool _isKey = property.IsPrimaryKey() && property.Name == "Id";
        private readonly bool _isTicket = property.Name == "TicketId";

        public string Name { get; } = name;

        /// <summary>The store type without its length ("character varying(200)" is written as "character varying").</summary>
        public string StoreType { get; } = storeType.Split('(')[0];

        public object? Value(object entity, long id, long ticketId)
        {
            if (_isKey) return property.ClrType == typeof(int) ? (int)id : id;
            if (_isTicket) return ticketId;
            var value = _getter?.GetClrValue(entity);
            return value is null || _converter is null ? value : _converter.ConvertToProvider(value);
        }
    }
}
