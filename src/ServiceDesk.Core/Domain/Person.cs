using System.ComponentModel;

namespace ServiceDesk.Core.Domain;

/// <summary>Someone who uses the desk: council staff (one or more councils) or shared ICT staff (no council).</summary>
[DisplayName("Person")]
public sealed class Person : IAudited
{
    /// <summary>Roles that only shared ICT staff hold: they work across every council.</summary>
    public const PersonRoles SharedIctRoles = PersonRoles.Agent | PersonRoles.ProblemManager | PersonRoles.ServiceManager;

    private Person() { }

    /// <summary>
    /// A person of one or more councils (main first) or of shared ICT (no council). An approver
    /// (<see cref="PersonRoles.Approver"/>) approves for every council given here; use
    /// <see cref="SetCouncils"/> to approve for some of them only.
    /// </summary>
    public Person(string email, string displayName, PersonRoles roles, int? mainCouncilId, IEnumerable<int>? otherCouncilIds = null)
    {
        Email = email.Trim().ToLowerInvariant();
        DisplayName = displayName;
        Roles = roles;
        MainCouncilId = mainCouncilId;
        if (mainCouncilId is int main)
        {
            var approver = roles.HasFlag(PersonRoles.Approver);
            Memberships.Add(new CouncilMembership(main, approver));
            foreach (var other in (otherCouncilIds ?? []).Distinct())
                if (other != main) Memberships.Add(new CouncilMembership(other, approver));
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

    /// <summary>When a service manager deactivated the person (they can no longer sign in); null while active.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;
    public bool IsSharedIct => MainCouncilId is null;
    public bool Has(PersonRoles role) => (Roles & role) == role;

    public void GrantRole(PersonRoles role) => Roles |= role;
    public IEnumerable<int> CouncilIds => Memberships.Select(m => m.CouncilId);
    public bool BelongsTo(int councilId) => Memberships.Any(m => m.CouncilId == councilId);

    /// <summary>The councils whose priced requests this person approves (and whose tickets they see whole).</summary>
    public IEnumerable<int> ApproverCouncilIds => Memberships.Where(m => m.Approver).Select(m => m.CouncilId);

    public bool IsApproverFor(int councilId) => Memberships.Any(m => m.CouncilId == councilId && m.Approver);

    /// <summary>A service manager corrects the person's name or address.</summary>
    public void Rename(string displayName, string email)
    {
        if (string.IsNullOrWhiteSpace(displayName)) throw new FieldException("name", "Enter the person's name.");
        DisplayName = displayName.Trim();
        Email = email.Trim().ToLowerInvariant();
    }

    /// <summary>
    /// Sets whom the person works for: councils (main first; approver for some of them) or, with no
    /// council, shared ICT. Shared ICT roles are kept only for shared ICT staff; approval only for council staff.
    /// </summary>
    public void SetCouncils(int? mainCouncilId, IEnumerable<int> otherCouncilIds, IEnumerable<int> approverFor)
    {
        var approving = approverFor.ToHashSet();
        var wanted = mainCouncilId is int main ? new[] { main }.Concat(otherCouncilIds.Where(c => c != main)).Distinct().ToList() : [];
        if (approving.Except(wanted).Any())
            throw new FieldException("approverFor", "A person approves only for councils they work for.");
        MainCouncilId = mainCouncilId;
        Memberships.RemoveAll(m => !wanted.Contains(m.CouncilId));
        foreach (var council in wanted)
        {
            if (Memberships.FirstOrDefault(m => m.CouncilId == council) is { } existing) existing.Approver = approving.Contains(council);
            else Memberships.Add(new CouncilMembership(council, approving.Contains(council)));
        }
        Roles = Memberships.Any(m => m.Approver) ? Roles | PersonRoles.Approver : Roles & ~PersonRoles.Approver;
        if (!IsSharedIct) Roles &= ~SharedIctRoles;
    }

    /// <summary>
    /// Sets the shared ICT roles (agent, problem manager, service manager). Every person is a requester;
    /// approval follows the councils (<see cref="SetCouncils"/>) and group membership follows the groups.
    /// </summary>
    public void SetSharedIctRoles(PersonRoles roles)
    {
        var wanted = roles & SharedIctRoles;
        if (wanted != PersonRoles.None && !IsSharedIct)
            throw new FieldException("roles", "Agents, problem managers and service managers work for shared ICT, not for a council.");
        Roles = (Roles & ~SharedIctRoles) | wanted;
    }

    /// <summary>Ends the person's access: they cannot sign in, and every sign-in they hold ends.</summary>
    public void Deactivate(DateTime now)
    {
        if (!IsActive) throw new FieldException("active", $"{DisplayName} is already deactivated.");
        DeactivatedAt = now;
    }

    /// <summary>Records the council's own id for the person (SCIM externalId); the person must work for that council.</summary>
    public void SetExternalId(int councilId, string? externalId)
    {
        var membership = Memberships.FirstOrDefault(m => m.CouncilId == councilId)
            ?? throw new FieldException("externalId", "The person does not work for this council.");
        membership.ExternalId = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();
    }

    /// <summary>The council's own id for the person, if its provisioning service gave one.</summary>
    public string? ExternalIdAt(int councilId) => Memberships.FirstOrDefault(m => m.CouncilId == councilId)?.ExternalId;

    /// <summary>Gives a deactivated person their access back.</summary>
    public void Reactivate() => DeactivatedAt = null;

    public string AuditKey(IAuditNames names) => Email;

    /// <summary>A number the desk may call the person on, as typed (optional); the phone-call page finds callers by it.</summary>
    public string? Phone { get; private set; }

    /// <summary>The optional emails the person has turned off (<see cref="OptionalMail"/>); the others always go.</summary>
    [DisplayName("Emails turned off")]
    public OptionalMail MailTurnedOff { get; private set; }

    /// <summary>Records or clears the person's phone number; it must hold at least 6 digits.</summary>
    public void SetPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) { Phone = PhoneDigits = null; return; }
        var typed = phone.Trim();
        if (PhoneNumbers.Problem(typed) is { } problem) throw new FieldException("phone", problem);
        Phone = typed;
        PhoneDigits = PhoneNumbers.Digits(typed);
    }

    /// <summary>The phone number's digits alone, what a search compares (a UK +44 read as 0).</summary>
    public string? PhoneDigits { get; private set; }

    public const int MaxPhoneLength = 30;

    /// <summary>Whether the person wants this optional email (every other email always goes).</summary>
    public bool Wants(OptionalMail mail) => (MailTurnedOff & mail) == 0;

    /// <summary>The person chooses which optional emails they receive.</summary>
    public void ChooseOptionalMail(OptionalMail turnedOff) => MailTurnedOff = turnedOff & OptionalMail.All;
}

/// <summary>
/// The emails about a ticket that its requester and participants may turn off. Replies from the desk,
/// "waiting for your reply", the acknowledgement and the resolution (with its reopen window and rating
/// link) always go: they ask for something or carry a deadline.
/// </summary>
[Flags]
public enum OptionalMail
{
    None = 0,
    /// <summary>The ticket was assigned to another resolver group.</summary>
    Assigned = 1,
    /// <summary>The ticket's priority changed.</summary>
    PriorityChanged = 2,
    /// <summary>The ticket was closed (confirmed, or closed by itself after the reopen window).</summary>
    Closed = 4,
    All = Assigned | PriorityChanged | Closed,
}

/// <summary>Phone numbers compared by their digits, a UK +44 prefix read as the leading 0.</summary>
public static class PhoneNumbers
{
    public static bool IsPhoneCharacter(char c) => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.';

    /// <summary>What is wrong with a number as typed (null if it will do): at least 6 digits, only the characters of a phone number.</summary>
    public static string? Problem(string typed) =>
        typed.Length > Person.MaxPhoneLength || Digits(typed).Length < 6 || typed.Any(c => !IsPhoneCharacter(c))
            ? "Enter a phone number, like 01632 960 001 or +44 1632 960 001."
            : null;

    /// <summary>The digits of a number, "+44 1632 960001" and "01632 960001" alike giving "01632960001".</summary>
    public static string Digits(string number)
    {
        var trimmed = number.Trim();
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return trimmed.StartsWith('+') && digits.StartsWith("44", StringComparison.Ordinal) ? "0" + digits[2..] : digits;
    }
}

/// <summary>A person's membership of a council (people in shared posts belong to several), and whether they approve for it.</summary>
public sealed class CouncilMembership : IAuditedPart
{
    private CouncilMembership() { }
    public CouncilMembership(int councilId, bool approver = false) => (CouncilId, Approver) = (councilId, approver);

    public int PersonId { get; private set; }
    public int CouncilId { get; private set; }

    /// <summary>The person approves this council's priced requests (a budget holder of that council).</summary>
    public bool Approver { get; internal set; }

    /// <summary>The council's own id for the person, sent by its provisioning service (SCIM externalId).</summary>
    [DisplayName("External id")]
    public string? ExternalId { get; internal set; }
}
