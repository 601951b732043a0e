using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Partnership;

namespace ServiceDesk.Core.Features.People;

/// <summary>
/// A person as a service manager describes them, by form, API or one row of a CSV file. <see cref="Phone"/>:
/// null leaves their number as it is, empty clears it.
/// </summary>
public sealed record PersonDraft(string? Name, string? Email, IReadOnlyList<string> Councils, IReadOnlyList<string> Roles, IReadOnlyList<string>? ApproverFor = null,
    string? Phone = null);

/// <summary>A field a draft gets wrong, in words.</summary>
public sealed record DraftError(string Field, string Message);

/// <summary>A draft checked against the partnership: what it would create, or what is wrong with it.</summary>
public sealed class CheckedDraft
{
    internal CheckedDraft() { }
    public List<DraftError> Errors { get; } = [];
    public string Email { get; internal set; } = "";
    public string Name { get; internal set; } = "";
    public int? MainCouncilId { get; internal set; }
    public List<int> OtherCouncilIds { get; } = [];
    public List<int> ApproverFor { get; } = [];
    public PersonRoles SharedIctRoles { get; internal set; }

    /// <summary>The number to keep (empty: none); null leaves the person's as it is.</summary>
    public string? Phone { get; internal set; }

    public Person Create()
    {
        var person = new Person(Email, Name, PersonRoles.Requester, MainCouncilId, OtherCouncilIds);
        ApplyTo(person);
        return person;
    }

    public void ApplyTo(Person person)
    {
        person.Rename(Name, Email);
        person.SetCouncils(MainCouncilId, OtherCouncilIds, ApproverFor);
        person.SetSharedIctRoles(SharedIctRoles);
        person.GrantRole(PersonRoles.Requester);
        if (Phone is not null) person.SetPhone(Phone);
    }
}

/// <summary>
/// What the rules on people need to know of the partnership, loaded once: its councils and who already
/// has an address. One check serves the form, the API and every row of a bulk import.
/// </summary>
public sealed class PeopleDirectory
{
    private readonly Dictionary<string, Council> _councils;
    private readonly Dictionary<string, int> _emails;

    private PeopleDirectory(List<Council> councils, Dictionary<string, int> emails)
    {
        _councils = councils.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);
        _emails = emails;
        CodesById = councils.ToDictionary(c => c.Id, c => c.Code);
    }

    public IReadOnlyDictionary<int, string> CodesById { get; }

    public static async Task<PeopleDirectory> LoadAsync(IServiceDeskDb db, CancellationToken ct) => new(
        await db.Councils.AsNoTracking().ToListAsync(ct),
        await db.People.AsNoTracking().ToDictionaryAsync(p => p.Email, p => p.Id, ct));

    /// <summary>Checks a draft; <paramref name="personId"/> is the person it changes (null for a new one).</summary>
    public CheckedDraft Check(PersonDraft draft, int? personId = null)
    {
        var result = new CheckedDraft();
        void Error(string field, string message) => result.Errors.Add(new DraftError(field, message));

        result.Name = draft.Name?.Trim() ?? "";
        if (result.Name.Length == 0) Error("name", "Enter the person's name.");
        else if (result.Name.Length > 200) Error("name", "The name is longer than 200 characters.");

        result.Phone = draft.Phone?.Trim();
        if (result.Phone is { Length: > 0 } phone && PhoneNumbers.Problem(phone) is { } problem) Error("phone", problem);

        result.Email = draft.Email?.Trim().ToLowerInvariant() ?? "";
        if (!PartnershipRules.IsEmailAddress(result.Email)) Error("email", $"'{draft.Email?.Trim()}' is not an email address.");
        else if (_emails.TryGetValue(result.Email, out var owner) && owner != personId) Error("email", $"{result.Email} already has an account at the desk.");

        var councils = new List<Council>();
        foreach (var code in draft.Councils.Select(c => c.Trim()).Where(c => c.Length > 0 && !c.Equals(PeopleRules.SharedIctCode, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!_councils.TryGetValue(code, out var council)) Error("councils", $"There is no council '{code}'.");
            else if (council.IsWithdrawn) Error("councils", $"{council.Name} has withdrawn from the partnership.");
            else councils.Add(council);
        }
        result.MainCouncilId = councils.FirstOrDefault()?.Id;
        result.OtherCouncilIds.AddRange(councils.Skip(1).Select(c => c.Id));
        if (councils.Count > 0 && result.Email.Contains('@'))
        {
            var domain = result.Email[(result.Email.IndexOf('@') + 1)..];
            if (!councils.Any(c => c.OwnsMailDomain(domain)))
                Error("email", $"{domain} is not a mail domain of {string.Join(" or ", councils.Select(c => c.Name))}.");
        }

        var roles = PersonRoles.None;
        foreach (var name in draft.Roles.Select(r => r.Trim()).Where(r => r.Length > 0))
        {
            if (PeopleRules.TryParseRole(name, out var role)) roles |= role;
            else Error("roles", $"'{name}' is not a role; use {string.Join(", ", PeopleRules.RoleNames)}.");
        }
        result.SharedIctRoles = roles & Person.SharedIctRoles;
        if (result.SharedIctRoles != PersonRoles.None && councils.Count > 0)
            Error("roles", "Agents, problem managers and service managers work for shared ICT, not for a council.");

        var approverCodes = draft.ApproverFor ?? (roles.HasFlag(PersonRoles.Approver) ? councils.Select(c => c.Code).ToList() : []);
        foreach (var code in approverCodes.Select(c => c.Trim()).Where(c => c.Length > 0))
        {
            if (councils.FirstOrDefault(c => c.Code.Equals(code, StringComparison.OrdinalIgnoreCase)) is { } council) result.ApproverFor.Add(council.Id);
            else Error("approverFor", $"An approver approves only for a council they work for; {code} is not one of theirs.");
        }
        if (roles.HasFlag(PersonRoles.Approver) && councils.Count == 0)
            Error("roles", "An approver works for a council: give the council.");
        return result;
    }

    /// <summary>Takes an address for a person of this batch, so a second row with it is a duplicate.</summary>
    public void Claim(string email, int personId = 0) => _emails[email] = personId;
}

/// <summary>Role names as people write them, and how a person is shown to service managers.</summary>
public static class PeopleRules
{
    /// <summary>Stands for "shared ICT" where a council code is expected.</summary>
    public const string SharedIctCode = "SHARED";

    private static readonly Dictionary<string, PersonRoles> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Requester"] = PersonRoles.Requester,
        ["Approver"] = PersonRoles.Approver,
        ["Agent"] = PersonRoles.Agent,
        ["ProblemManager"] = PersonRoles.ProblemManager,
        ["ServiceManager"] = PersonRoles.ServiceManager,
    };

    public static IReadOnlyList<string> RoleNames => [.. Names.Keys];

    /// <summary>Reads a role name, with or without spaces ("problem manager").</summary>
    public static bool TryParseRole(string name, out PersonRoles role) =>
        Names.TryGetValue(name.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), out role);

    public static PersonView View(Person p, IReadOnlyDictionary<int, string> codes) => new(
        p.Id, p.Email, p.DisplayName, p.IsSharedIct,
        p.MainCouncilId is int main ? codes[main] : null,
        p.Memberships.OrderBy(m => m.CouncilId != p.MainCouncilId).ThenBy(m => codes[m.CouncilId]).Select(m => codes[m.CouncilId]).ToList(),
        p.ApproverCouncilIds.Select(c => codes[c]).Order().ToList(),
        Enum.GetValues<PersonRoles>().Where(r => r != PersonRoles.None && p.Has(r)).Select(r => r.ToString()).ToList(),
        p.IsActive, p.DeactivatedAt, p.Phone);
}
