using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// The single-writer check of the embedded SQLite database: a node holds an exclusive lock (flock,
/// which SQLite's own locks do not touch) on the database file for as long as it runs, so a second
/// node started on the same file stops at once with a message, instead of both migrating and
/// seeding it. Hosts within one process (a restart in a test) share the hold.
/// </summary>
public sealed class SqliteSingleWriter : IDisposable
{
    private static readonly ConcurrentDictionary<string, (FileStream Lock, int Holders)> Held = new();
    private static readonly Lock Gate = new();
    private string? _path;

    public void Take(DeskDatabase database)
    {
        if (_path is not null || database.Provider != DatabaseProvider.Sqlite) return;
        var file = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:") return;
        var path = Path.GetFullPath(file);
        lock (Gate)
        {
            if (Held.TryGetValue(path, out var held))
            {
                Held[path] = (held.Lock, held.Holders + 1);
                _path = path;
                return;
            }
            try
            {
                Held[path] = (new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None), 1);
                _path = path;
            }
            catch (IOException)
            {
                throw new DeskCannotStartException(
                    $"Another desk node is running on the SQLite database {path}. SQLite serves one node; "
                    + "several nodes need ServiceDesk:Database:Provider=PostgreSql (see \"Running several nodes\" in the README).");
            }
        }
    }

    public void Dispose()
    {
        if (_path is null) return;
        lock (Gate)
        {
            if (Held.TryGetValue(_path, out var held))
            {
                if (held.Holders > 1) Held[_path] = (held.Lock, held.Holders - 1);
                else
                {
                    held.Lock.Dispose();
                    Held.TryRemove(_path, out _);
                }
            }
            _path = null;
        }
    }
}
