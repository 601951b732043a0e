using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core.Features.People;

/// <summary>A person as service managers see them: whom they work for, their roles, and whether they may sign in.</summary>
public sealed record PersonView(
    int Id, string Email, string Name, bool SharedIct, string? MainCouncil, IReadOnlyList<string> Councils,
    IReadOnlyList<string> ApproverFor, IReadOnlyList<string> Roles, bool Active, DateTime? DeactivatedAt, string? Phone);

/// <summary>People of the desk, for service managers: search by name or email, filter by council, role and whether active.</summary>
public sealed record ListPeople(string? Q = null, string? Council = null, string? Role = null, bool? Active = null, int Page = 1, int PageSize = 25)
    : IRequest<PagedList<PersonView>>;

public sealed class ListPeopleValidator : AbstractValidator<ListPeople>
{
    public ListPeopleValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("page starts at 1.");
        RuleFor(x => x.PageSize).InclusiveBetween(1, 200).WithMessage("pageSize must be from 1 to 200.");
        RuleFor(x => x.Q).SearchWords();
        RuleFor(x => x.Role).Must(r => r is null || PeopleRules.TryParseRole(r, out _))
            .WithMessage($"role must be one of {string.Join(", ", PeopleRules.RoleNames)} (role).");
    }
}

public sealed class ListPeopleHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListPeople, PagedList<PersonView>>
{
    public async Task<PagedList<PersonView>> Handle(ListPeople request, CancellationToken ct)
    {
        GetPersonHandler.RequirePeopleReader(await viewers.LoadAsync(ct));
        var query = db.People.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            var q = request.Q.Trim().ToLowerInvariant();
            query = query.Where(p => p.Email.Contains(q) || p.DisplayName.ToLower().Contains(q));
        }
        if (!string.IsNullOrWhiteSpace(request.Council))
        {
            var code = request.Council.Trim().ToUpperInvariant();
            if (code == PeopleRules.SharedIctCode) query = query.Where(p => p.MainCouncilId == null);
            else
            {
                var id = await db.Councils.Where(c => c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
                    ?? throw new FieldException("council", $"There is no council '{request.Council}'.");
                query = query.Where(p => p.Memberships.Any(m => m.CouncilId == id));
            }
        }
        if (request.Role is not null && PeopleRules.TryParseRole(request.Role, out var role))
            query = query.Where(p => (p.Roles & role) == role);
        if (request.Active is bool active) query = query.Where(p => (p.DeactivatedAt == null) == active);
        var total = await query.CountAsync(ct);
        var people = await query.Include(p => p.Memberships).OrderBy(p => p.DisplayName).ThenBy(p => p.Email)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToListAsync(ct);
        var codes = await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        return new PagedList<PersonView>(people.Select(p => PeopleRules.View(p, codes)).ToList(), total, request.Page, request.PageSize);
    }
}

/// <summary>One person, for service managers.</summary>
public sealed record GetPerson(int Id) : IRequest<PersonView>;

public sealed class GetPersonHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetPerson, PersonView>
{
    public async Task<PersonView> Handle(GetPerson request, CancellationToken ct)
    {
        RequirePeopleReader(await viewers.LoadAsync(ct));
        var person = await db.People.AsNoTracking().Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == request.Id, ct)
            ?? throw new NotFoundException($"Person {request.Id}");
        return PeopleRules.View(person, await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct));
    }

    /// <summary>The people list is shared ICT's: to council staff it does not exist (404); other shared ICT staff may not read it (403).</summary>
    internal static void RequirePeopleReader(Viewer viewer)
    {
        viewer.RequireSharedIctData("People");
        viewer.RequireServiceManager("Only service managers can look through the people of the desk.");
    }
}

/// <summary>
/// A service manager adds a person (no id) or changes one: name, email, the councils they work for
/// (main first; none for shared ICT), the councils they approve for, their shared ICT roles, and the phone
/// number the desk finds them by (null leaves it as it is, empty clears it).
/// A new person is invited by email to choose their password.
/// </summary>
public sealed record SavePerson(
    int? Id, string? Name, string? Email, IReadOnlyList<string>? Councils, IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? ApproverFor = null, string? Phone = null) : IRequest<PersonView>;

public sealed class SavePersonHandler(IServiceDeskDb db, ViewerLoader viewers, ISignInAccounts accounts, Accounts.IPasswordLinks invitations)
    : IRequestHandler<SavePerson, PersonView>
{
    public async Task<PersonView> Handle(SavePerson request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can add or change people.");
        var directory = await PeopleDirectory.LoadAsync(db, ct);
        var existing = request.Id is int id
            ? await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException($"Person {id}")
            : null;
        var draft = directory.Check(new PersonDraft(request.Name, request.Email, request.Councils ?? [], request.Roles ?? [], request.ApproverFor, request.Phone), existing?.Id);
        if (draft.Errors.Count > 0) throw new ValidationException(draft.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));

        Person person = existing!;
        await db.InTransactionAsync(async () =>
        {
            if (existing is null)
            {
                person = draft.Create();
                db.People.Add(person);
                await db.SaveChangesAsync(ct);
                // The invitation makes the sign-in account, with no password until they choose one.
                await invitations.QueueInvitationAsync(person.Id, ct);
            }
            else
            {
                var emailChanged = existing.Email != draft.Email;
                draft.ApplyTo(existing);
                await RemainingServiceManagers.RequireOneAsync(db, existing, ct);
                if (emailChanged) await accounts.FollowEmailAsync(existing, ct);
            }
            await db.SaveChangesAsync(ct);
        }, ct);
        return PeopleRules.View(person, directory.CodesById);
    }
}

/// <summary>A service manager deactivates a person (they are signed out everywhere at once) or gives them their access back.</summary>
public sealed record SetPersonActive(int Id, bool Active) : IRequest<PersonView>;

public sealed class SetPersonActiveHandler(IServiceDeskDb db, ViewerLoader viewers, ISignInAccounts accounts, TimeProvider time)
    : IRequestHandler<SetPersonActive, PersonView>
{
    public async Task<PersonView> Handle(SetPersonActive request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can deactivate people.");
        var person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == request.Id, ct)
            ?? throw new NotFoundException($"Person {request.Id}");
        if (request.Active)
        {
            if (person.IsActive) throw new FieldException("active", $"{person.DisplayName} is already active.");
            person.Reactivate();
        }
        else await PersonAccess.DeactivateAsync(db, accounts, person, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return PeopleRules.View(person, await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct));
    }
}

/// <summary>The one way a person's access ends (by a service manager, or their council's provisioning service).</summary>
internal static class PersonAccess
{
    /// <summary>Deactivates the person and ends every sign-in they hold, at once (saved with the caller's save).</summary>
    public static async Task DeactivateAsync(IServiceDeskDb db, ISignInAccounts accounts, Person person, DateTime now, CancellationToken ct)
    {
        person.Deactivate(now);
        await RemainingServiceManagers.RequireOneAsync(db, person, ct);
        await accounts.EndSessionsAsync([person.Id], ct);
    }
}

/// <summary>The partnership always keeps an active service manager, or nobody could run it.</summary>
internal static class RemainingServiceManagers
{
    public static async Task RequireOneAsync(IServiceDeskDb db, Person changed, CancellationToken ct)
    {
        if (changed.IsActive && changed.IsSharedIct && changed.Has(PersonRoles.ServiceManager)) return;
        var others = await db.People.AnyAsync(p => p.Id != changed.Id && p.DeactivatedAt == null && p.MainCouncilId == null
            && (p.Roles & PersonRoles.ServiceManager) == PersonRoles.ServiceManager, ct);
        if (!others) throw new FieldException("roles", "The partnership needs at least one active service manager: add another before this change.");
    }
}
