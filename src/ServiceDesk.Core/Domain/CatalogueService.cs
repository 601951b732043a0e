using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>A service in the tiered catalogue, with its cost and where its tickets go.</summary>
[DisplayName("Catalogue service")]
public sealed class CatalogueService : IAudited
{
    private CatalogueService() { }

    public CatalogueService(string name, string description, ServiceTier tier, decimal unitCost, int defaultResolverGroupId)
    {
        Name = name;
        Description = description;
        Tier = tier;
        UnitCost = unitCost;
        DefaultResolverGroupId = defaultResolverGroupId;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";
    public ServiceTier Tier { get; private set; }
    public decimal UnitCost { get; private set; }
    public int DefaultResolverGroupId { get; private set; }
    public bool Active { get; private set; } = true;

    /// <summary>The calendar a council moves to when it subscribes (extended support hours); null if the service does not change hours.</summary>
    public int? SubscriberCalendarId { get; private set; }

    /// <summary>Subscribing to this service moves the council to the given calendar.</summary>
    public void MovesSubscribersTo(int? calendarId) => SubscriberCalendarId = calendarId;
    [DisplayName("Routing")]
    public List<ServiceRoute> Routes { get; private set; } = [];
    public List<Category> Categories { get; private set; } = [];

    public string AuditKey(IAuditNames names) => Name;

    /// <summary>Enhanced and bespoke services are charged to the council, so its approver decides.</summary>
    public bool RequiresApproval => Tier != ServiceTier.Essential;

    /// <summary>The resolver group that takes this service's tickets for a council: its override if any, else the default.</summary>
    public int ResolverGroupFor(int councilId) =>
        Routes.FirstOrDefault(r => r.CouncilId == councilId)?.ResolverGroupId ?? DefaultResolverGroupId;

    /// <summary>A service manager changes what the service is, costs and where its tickets go; retired services leave the catalogue.</summary>
    public void Update(string name, string description, ServiceTier tier, decimal unitCost, int defaultResolverGroupId, bool active)
    {
        if (unitCost < 0) throw new FieldException("unitCost", "The unit cost cannot be negative.");
        if (tier == ServiceTier.Essential && unitCost != 0)
            throw new FieldException("unitCost", "Essential services are included for every council: their unit cost is 0.");
        Name = name.Trim();
        Description = description.Trim();
        Tier = tier;
        UnitCost = unitCost;
        DefaultResolverGroupId = defaultResolverGroupId;
        Active = active;
    }

    /// <summary>Adds categories by name (those it has already are kept).</summary>
    public void AddCategories(IEnumerable<string> names)
    {
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length > 0))
            if (!Categories.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
                Categories.Add(new Category(name));
    }

    public void RouteCouncilTo(int councilId, int resolverGroupId)
    {
        Routes.RemoveAll(r => r.CouncilId == councilId);
        Routes.Add(new ServiceRoute(councilId, resolverGroupId));
    }
}

/// <summary>A per-council routing override for a catalogue service.</summary>
public sealed class ServiceRoute : IAuditedPart
{
    private ServiceRoute() { }
    public ServiceRoute(int councilId, int resolverGroupId)
    {
        CouncilId = councilId;
        ResolverGroupId = resolverGroupId;
    }

    public int ServiceId { get; private set; }
    public int CouncilId { get; private set; }
    public int ResolverGroupId { get; private set; }
}

/// <summary>A finer classification of tickets within a service, used for trends.</summary>
public sealed class Category : IAuditedPart
{
    private Category() { }
    public Category(string name) => Name = name;

    public int Id { get; private set; }
    public int ServiceId { get; private set; }
    public string Name { get; private set; } = "";
}
