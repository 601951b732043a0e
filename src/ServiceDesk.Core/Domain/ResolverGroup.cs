using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>A team that fixes things: partnership-wide, or owned by one council (e.g. "Swale on-site desktop").</summary>
[DisplayName("Resolver group")]
public sealed class ResolverGroup : IAudited
{
    private ResolverGroup() { }

    public ResolverGroup(string name, int? councilId)
    {
        Name = name;
        CouncilId = councilId;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The owning council; null when the group serves the whole partnership.</summary>
    public int? CouncilId { get; private set; }
    public int? LeadId { get; private set; }
    public List<ResolverGroupMember> Members { get; private set; } = [];

    public string AuditKey(IAuditNames names) => Name;

    public bool IsPartnershipWide => CouncilId is null;
    public bool HasMember(int personId) => Members.Any(m => m.PersonId == personId);

    public void AddMember(int personId)
    {
        if (!HasMember(personId)) Members.Add(new ResolverGroupMember(personId));
    }

    public void SetLead(int personId)
    {
        AddMember(personId);
        LeadId = personId;
    }

    /// <summary>Takes a person out of the group; a lead who leaves leaves the group without one.</summary>
    public void RemoveMember(int personId)
    {
        Members.RemoveAll(m => m.PersonId == personId);
        if (LeadId == personId) LeadId = null;
    }
}

/// <summary>A person's membership of a resolver group.</summary>
public sealed class ResolverGroupMember : IAuditedPart
{
    private ResolverGroupMember() { }
    public ResolverGroupMember(int personId) => PersonId = personId;

    public int ResolverGroupId { get; private set; }
    public int PersonId { get; private set; }
}
