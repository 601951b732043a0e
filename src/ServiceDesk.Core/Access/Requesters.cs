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
    /// <summary>The council whose mail domain the address is in, if any.</summary>
    public async Task<Council?> CouncilOfAddressAsync(string address, CancellationToken ct)
    {
        var domain = address[(address.IndexOf('@') + 1)..].Trim().ToLowerInvariant();
        var councils = await db.Councils.ToListAsync(ct);
        return councils.FirstOrDefault(c => c.OwnsMailDomain(domain));
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
