namespace ServiceDesk.Core.Domain;

/// <summary>An aggregate root that raises domain events, published after the save that commits them.</summary>
public abstract class AggregateRoot
{
    private readonly List<IDomainEvent> _events = [];

    public IReadOnlyList<IDomainEvent> DomainEvents => _events;

    protected void AddDomainEvent(IDomainEvent domainEvent) => _events.Add(domainEvent);

    /// <summary>Adds an event that supersedes any earlier one of its type (only the latest state matters).</summary>
    protected void ReplaceDomainEvent<T>(T domainEvent) where T : IDomainEvent
    {
        _events.RemoveAll(e => e is T);
        _events.Add(domainEvent);
    }

    public void ClearDomainEvents() => _events.Clear();
}

/// <summary>Marker for something that happened in the domain.</summary>
public interface IDomainEvent : MediatR.INotification;
