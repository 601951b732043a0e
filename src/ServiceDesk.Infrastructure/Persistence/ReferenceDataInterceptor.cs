using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServiceDesk.Core.Features.Sla;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Tells the node's copy of the SLA reference rows (<see cref="SlaReferenceData"/>) when a save changes
/// one of them: once saved, and again when the transaction around the save ends, so that a copy read
/// inside that transaction (or before a rollback) is not kept.
/// </summary>
public sealed class ReferenceDataInterceptor(SlaReferenceData reference) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool _saving;
    private bool _changedInTransaction;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return Task.CompletedTask;
    }

    /// <remarks>
    /// Registered after <see cref="DomainEventsInterceptor"/>, whose scan of the tracked entities has just
    /// detected this save's changes: reading the states without detecting them again saves a scan of
    /// every tracked entity per save.
    /// </remarks>
    private void Note(DbContext? context)
    {
        _saving = false;
        if (context is null) return;
        var tracker = context.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            _saving = tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && SlaReferenceData.Sources.Contains(e.Metadata.ClrType));
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private void Saved(DbContext? context)
    {
        if (!_saving) return;
        _saving = false;
        reference.Changed();
        if (context?.Database.CurrentTransaction is not null) _changedInTransaction = true;
    }

    void IDbTransactionInterceptor.TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended();

    Task IDbTransactionInterceptor.TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Ended();
        return Task.CompletedTask;
    }

    void IDbTransactionInterceptor.TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended();

    Task IDbTransactionInterceptor.TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken)
    {
        Ended();
        return Task.CompletedTask;
    }

    private void Ended()
    {
        if (!_changedInTransaction) return;
        _changedInTransaction = false;
        reference.Changed();
    }
}
