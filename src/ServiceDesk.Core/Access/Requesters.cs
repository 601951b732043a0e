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
    public async Task<Council?> CouncilToRaiseForAsync(Person person, string? code, CancellationToken ct)
    {
        if (!person.IsActive) return null;
        var ids = person.CouncilIds.ToList();
        var councils = await db.Councils.Where(c => ids.Contains(c.Id) && c.WithdrawnAt == null).ToListAsync(ct);
        if (code is not null) return councils.FirstOrDefault(c => c.Code == code.Trim().ToUpperInvariant());
        return councils.FirstOrDefault(c => c.Id == person.MainCouncilId) ?? councils.OrderBy(c => c.Code).FirstOrDefault();
    }

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
