using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Tickets;

namespace ServiceDesk.Infrastructure.Persistence;

/// <summary>
/// Keeps append-only records (ticket and problem history, the audit list) append-only, and publishes the domain events of the saved
/// aggregates once the save has committed (inside a transaction: once the transaction commits), so
/// side effects such as live pushes never act on changes that were rolled back or are not yet visible.
/// </summary>
public sealed class DomainEventsInterceptor(IServiceProvider services) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly List<IDomainEvent> _pending = [];
    private readonly List<IDomainEvent> _awaitingCommit = [];
    private bool _mailWritten;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is not null)
        {
            _awaitingCommit.AddRange(_pending);
            _pending.Clear();
        }
        else
            await PublishAsync(cancellationToken);
        return await base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public async Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.InsertRange(0, _awaitingCommit);
        _awaitingCommit.Clear();
        await PublishAsync(cancellationToken);
    }

    public Task TransactionRolledBackAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _awaitingCommit.Clear();
        _mailWritten = false;
        return Task.CompletedTask;
    }

    public ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection, TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
    {
        // A transaction disposed without commit or rollback (an exception) leaves nothing to publish.
        _awaitingCommit.Clear();
        return ValueTask.FromResult(result);
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        var events = _pending.ToList();
        _pending.Clear();
        if (_mailWritten)
        {
            _mailWritten = false;
            (services.GetService(typeof(Email.IOutboxTrigger)) as Email.IOutboxTrigger)?.MailWritten();
        }
        if (events.Count == 0) return;
        var mediator = (IMediator?)services.GetService(typeof(IMediator));
        if (mediator is null) return;
        foreach (var domainEvent in events)
            await mediator.Publish(domainEvent, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _pending.Clear();
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending.Clear();
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Collect(DbContext? context)
    {
        if (context is null) return;
        // One scan of the tracked entities: each Entries() call detects changes in every tracked
        // entity again, which on a large save (the demo seed) cost more than the save itself.
        var entries = context.ChangeTracker.Entries().ToList();
        foreach (var entry in entries)
            if (entry.Entity is IAppendOnly appendOnly
                && (entry.State is EntityState.Deleted || entry.State is EntityState.Modified && !appendOnly.Redacting))
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} is append-only: it cannot be changed or removed.");
        foreach (var entry in entries)
        {
            _mailWritten |= entry.Entity is Core.Domain.Notifications.Notification && entry.State == EntityState.Added;
            if (entry.Entity is not AggregateRoot aggregate) continue;
            _pending.AddRange(aggregate.DomainEvents);
            aggregate.ClearDomainEvents();
        }
    }
}
