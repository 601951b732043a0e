using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Access;

/// <summary>
/// The one rule for people the desk has not met: an address in a council's mail domain becomes a
/// requester of that council (whether an agent logs a call for them or they email the desk).
/// </summary>
public sealed class Requesters(IServiceDeskDb db)
{
    /// <summary>The partner council whose mail domain the address is in, if any (a council that has withdrawn enrols no one).</summary>
    public async Task<Council?> CouncilOfAddressAsync(string address, CancellationToken ct)
    {
        var domain = address[(address.IndexOf('@') + 1)..].Trim().ToLowerInvariant();
        var councils = await db.Councils.Where(c => c.WithdrawnAt == null).ToListAsync(ct);
        return councils.FirstOrDefault(c => c.OwnsMailDomain(domain));
    }

    /// <summary>
    /// The council a ticket of this person is for: the one named by code, else their main council, else
    /// another they still work for. Never a council that has withdrawn; null if they may raise none
    /// (deactivated, or every council of theirs has left the partnership).
    /// </summary>
    /// <param name="allowed">Only councils this admits (those a council's own staff log calls for); null: any of theirs.</param>
    public async Task<Council?> CouncilToRaiseForAsync(Person person, string? code, CancellationToken ct, Func<int, bool>? allowed = null)
    {
        if (!person.IsActive) return null;
        var ids = person.CouncilIds.Where(id => allowed?.Invoke(id) ?? true).ToList();
        var councils = await db.Councils.Where(c => ids.Contains(c.Id) && c.WithdrawnAt == null).ToListAsync(ct);
        if (code is not null) return councils.FirstOrDefault(c => c.Code == code.Trim().ToUpperInvariant());
        return councils.FirstOrDefault(c => c.Id == person.MainCouncilId) ?? councils.OrderBy(c => c.Code).FirstOrDefault();
    }

    /// <summary>
    /// The person someone else logs a ticket for (a phone call): found by address, or enrolled in the council
    /// whose mail domain it is in. A council's own staff reach only their councils' people; anyone else, known
    /// to the desk or not, is refused in the same words, so they learn nothing of another council's people.
    /// </summary>
    public async Task<Person> CallerAsync(Viewer viewer, string email, string? displayName, CancellationToken ct)
    {
        var address = email.Trim().ToLowerInvariant();
        var person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Email == address, ct);
        if (person is not null)
        {
            if (!person.CouncilIds.Any(viewer.CanLogFor) && !viewer.IsAgent) throw NotOfYourCouncils(address);
            if (person.IsSharedIct)
                throw new FieldException("requesterEmail", "The requester must work for a council; shared ICT staff cannot raise tickets for a council.");
            return person;
        }
        var council = await CouncilOfAddressAsync(address, ct);
        if (council is not null && viewer.CanLogFor(council.Id)) return Enrol(address, displayName, council);
        throw viewer.IsAgent
            ? new FieldException("requesterEmail", $"No council of the partnership uses the mail domain '{address[(address.IndexOf('@') + 1)..]}'.")
            : NotOfYourCouncils(address);
    }

    private static FieldException NotOfYourCouncils(string address) =>
        new("requesterEmail", $"You log calls only for the people of your own council, and {address} is not one of them.");

    /// <summary>Adds a new requester of the council (saved with the caller's next save).</summary>
    public Person Enrol(string address, string? displayName, Council council)
    {
        var email = address.Trim().ToLowerInvariant();
        var person = new Person(email, string.IsNullOrWhiteSpace(displayName) ? PersonNames.FromEmail(email) : displayName.Trim(),
            PersonRoles.Requester, council.Id);
        db.People.Add(person);
        return person;
    }
}
