using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>Someone who uses the desk: council staff (one or more councils) or shared ICT staff (no council).</summary>
[DisplayName("Person")]
public sealed class Person : IAudited
{
    private Person() { }

    public Person(string email, string displayName, PersonRoles roles, int? mainCouncilId, IEnumerable<int>? otherCouncilIds = null)
    {
        Email = email.Trim().ToLowerInvariant();
        DisplayName = displayName;
        Roles = roles;
        MainCouncilId = mainCouncilId;
        if (mainCouncilId is int main)
        {
            Memberships.Add(new CouncilMembership(main));
            foreach (var other in otherCouncilIds ?? [])
                if (other != main) Memberships.Add(new CouncilMembership(other));
        }
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public PersonRoles Roles { get; private set; }

    /// <summary>The council a ticket is raised for by default; null for shared ICT staff.</summary>
    public int? MainCouncilId { get; private set; }
    [DisplayName("Councils")]
    public List<CouncilMembership> Memberships { get; private set; } = [];

    public bool IsSharedIct => MainCouncilId is null;
    public bool Has(PersonRoles role) => (Roles & role) == role;

    public void GrantRole(PersonRoles role) => Roles |= role;
    public IEnumerable<int> CouncilIds => Memberships.Select(m => m.CouncilId);
    public bool BelongsTo(int councilId) => Memberships.Any(m => m.CouncilId == councilId);

    public string AuditKey(IAuditNames names) => Email;
}

/// <summary>A person's membership of a council (people in shared posts belong to several).</summary>
public sealed class CouncilMembership : IAuditedPart
{
    private CouncilMembership() { }
    public CouncilMembership(int councilId) => CouncilId = councilId;

    public int PersonId { get; private set; }
    public int CouncilId { get; private set; }
}
