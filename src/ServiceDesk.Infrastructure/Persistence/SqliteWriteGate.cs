using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// One writer at a time on the embedded SQLite database, queued inside the node. SQLite lets one
/// transaction write at a time; left to itself, a writer that finds the lock taken sleeps a
/// thread-pool thread and tries again (SQLite's busy wait), so under load most threads sleep and the
/// lock is handed on late. Writers here wait their turn without holding a thread, and the next one
/// starts the moment the last commits. An SQLite database serves one node (see
/// <see cref="SqliteSingleWriter"/>), so a gate in the process covers every writer; a writer that
/// waits longer than <see cref="Patience"/> goes on anyway and SQLite's own busy wait applies.
/// </summary>
public sealed class SqliteWriteGate
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Holds the gate for one DbContext: from the start of its transaction (or of a save outside one) to its end.</summary>
    public sealed class Turn(SqliteWriteGate gate) : SaveChangesInterceptor, IDbTransactionInterceptor, IDisposable
    {
        private bool _held;
        private bool _heldForSave;

        private async ValueTask TakeAsync(bool forSave, CancellationToken ct)
        {
            if (_held) return;
            _held = await gate._turn.WaitAsync(Patience, ct);
            _heldForSave = _held && forSave;
        }

        private void Take(bool forSave)
        {
            if (_held) return;
            _held = gate._turn.Wait(Patience);
            _heldForSave = _held && forSave;
        }

        private void Leave(bool forSave)
        {
            if (!_held || forSave && !_heldForSave) return;
            _held = _heldForSave = false;
            gate._turn.Release();
        }

        // A save outside a transaction runs in one of EF's own: the turn lasts the save.
        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await TakeAsync(forSave: true, cancellationToken);
            return result;
        }

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Take(forSave: true);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Leave(forSave: true);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            Leave(forSave: true);
            return result;
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => Leave(forSave: true);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(forSave: true);
            return Task.CompletedTask;
        }

        public override void SaveChangesCanceled(DbContextEventData eventData) => Leave(forSave: true);

        public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(forSave: true);
            return Task.CompletedTask;
        }

        // A transaction the desk begins (several saves that commit together): the turn lasts the transaction.
        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
            InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (eventData.Context?.Database.CurrentTransaction is null && !_heldForSave) await TakeAsync(forSave: false, cancellationToken);
            return result;
        }

        public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            if (eventData.Context?.Database.CurrentTransaction is null && !_heldForSave) Take(forSave: false);
            return result;
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(forSave: false);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(forSave: false);
            return Task.CompletedTask;
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(forSave: false);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(forSave: false);
            return Task.CompletedTask;
        }

        public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(forSave: false);

        public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Leave(forSave: false);
            return Task.CompletedTask;
        }

        /// <summary>A transaction disposed without commit or rollback ends with its scope at the latest.</summary>
        public void Dispose() => Leave(forSave: false);
    }
}
