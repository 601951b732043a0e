using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.People;

/// <summary>A council's provisioning token as service managers see it (never the token itself).</summary>
public sealed record ProvisioningTokenView(int Id, string Name, DateTime CreatedAt, string CreatedBy, DateTime? RevokedAt);

/// <summary>A token just created: the token itself is shown this once.</summary>
public sealed record CreatedProvisioningToken(ProvisioningTokenView View, string Token);

/// <summary>The council a provisioning call acts for, from its bearer token.</summary>
public sealed record ProvisioningCaller(int CouncilId, string Council, string CouncilName, int TokenId, string TokenName);

/// <summary>A council's person as its provisioning service sees them.</summary>
public sealed record ProvisionedPerson(int Id, string Email, string Name, string? ExternalId, bool Active, DateTime? DeactivatedAt);

internal static class ProvisioningTokens
{
    public static ProvisioningTokenView View(ProvisioningToken t) => new(t.Id, t.Name, t.CreatedAt, t.CreatedBy, t.RevokedAt);

    public static async Task<Council> CouncilAsync(IServiceDeskDb db, ViewerLoader viewers, string code, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIctData($"Council {code}");
        viewer.RequireServiceManager("Only service managers can manage a council's provisioning tokens.");
        var wanted = code.Trim().ToUpperInvariant();
        return await db.Councils.FirstOrDefaultAsync(c => c.Code == wanted, ct) ?? throw new NotFoundException($"Council {code}");
    }
}

/// <summary>A council's provisioning tokens, newest first (service managers).</summary>
public sealed record ListProvisioningTokens(string Council) : IRequest<IReadOnlyList<ProvisioningTokenView>>;

public sealed class ListProvisioningTokensHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListProvisioningTokens, IReadOnlyList<ProvisioningTokenView>>
{
    public async Task<IReadOnlyList<ProvisioningTokenView>> Handle(ListProvisioningTokens request, CancellationToken ct)
    {
        var council = await ProvisioningTokens.CouncilAsync(db, viewers, request.Council, ct);
        return (await db.ProvisioningTokens.AsNoTracking().Where(t => t.CouncilId == council.Id).OrderByDescending(t => t.Id).ToListAsync(ct))
            .Select(ProvisioningTokens.View).ToList();
    }
}

/// <summary>A service manager creates a token for a council's provisioning service; it is shown once, only its hash is kept.</summary>
public sealed record CreateProvisioningToken(string Council, string? Name) : IRequest<CreatedProvisioningToken>;

public sealed class CreateProvisioningTokenValidator : AbstractValidator<CreateProvisioningToken>
{
    public CreateProvisioningTokenValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the token, like \"Entra ID provisioning\".")
            .MaximumLength(100).WithMessage("The token's name is longer than 100 characters.");
    }
}

public sealed class CreateProvisioningTokenHandler(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time) : IRequestHandler<CreateProvisioningToken, CreatedProvisioningToken>
{
    public async Task<CreatedProvisioningToken> Handle(CreateProvisioningToken request, CancellationToken ct)
    {
        var council = await ProvisioningTokens.CouncilAsync(db, viewers, request.Council, ct);
        if (council.IsWithdrawn) throw new FieldException("council", $"{council.Name} has withdrawn from the partnership.");
        var by = (await viewers.LoadAsync(ct)).Person.DisplayName;
        var (token, secret) = ProvisioningToken.Issue(council.Id, request.Name!, time.GetUtcNow().UtcDateTime, by);
        db.ProvisioningTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new(ProvisioningTokens.View(token), secret);
    }
}

/// <summary>A service manager revokes a token: calls with it are refused at once.</summary>
public sealed record RevokeProvisioningToken(string Council, int Id) : IRequest<ProvisioningTokenView>;

public sealed class RevokeProvisioningTokenHandler(IServiceDeskDb db, ViewerLoader viewers, TimeProvider time) : IRequestHandler<RevokeProvisioningToken, ProvisioningTokenView>
{
    public async Task<ProvisioningTokenView> Handle(RevokeProvisioningToken request, CancellationToken ct)
    {
        var council = await ProvisioningTokens.CouncilAsync(db, viewers, request.Council, ct);
        var token = await db.ProvisioningTokens.FirstOrDefaultAsync(t => t.Id == request.Id && t.CouncilId == council.Id, ct)
            ?? throw new NotFoundException($"Provisioning token {request.Id}");
        token.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return ProvisioningTokens.View(token);
    }
}

/// <summary>The council a provisioning token acts for; null for an unknown or revoked token, or a council that has withdrawn.</summary>
public sealed record AuthenticateProvisioningToken(string Token) : IRequest<ProvisioningCaller?>;

public sealed class AuthenticateProvisioningTokenHandler(IServiceDeskDb db) : IRequestHandler<AuthenticateProvisioningToken, ProvisioningCaller?>
{
    public async Task<ProvisioningCaller?> Handle(AuthenticateProvisioningToken request, CancellationToken ct)
    {
        if (!request.Token.StartsWith(ProvisioningToken.Prefix, StringComparison.Ordinal) || request.Token.Length > 200) return null;
        var hash = ProvisioningToken.Hash(request.Token);
        return await db.ProvisioningTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Join(db.Councils.Where(c => c.WithdrawnAt == null), t => t.CouncilId, c => c.Id, (t, c) => new ProvisioningCaller(c.Id, c.Code, c.Name, t.Id, t.Name))
            .FirstOrDefaultAsync(ct);
    }
}

/// <summary>The attribute a provisioning service looks people up by.</summary>
public enum ProvisioningLookup { None, Email, ExternalId, Id }

/// <summary>A council's people for its provisioning service, optionally those with one email address, external id or id (SCIM filter).</summary>
public sealed record FindProvisionedPeople(int CouncilId, ProvisioningLookup By, string? Value, int StartIndex = 1, int Count = 100)
    : IRequest<(int Total, IReadOnlyList<ProvisionedPerson> People)>;

public sealed class FindProvisionedPeopleHandler(IServiceDeskDb db) : IRequestHandler<FindProvisionedPeople, (int Total, IReadOnlyList<ProvisionedPerson> People)>
{
    public async Task<(int Total, IReadOnlyList<ProvisionedPerson> People)> Handle(FindProvisionedPeople request, CancellationToken ct)
    {
        var council = request.CouncilId;
        var query = db.People.AsNoTracking().Where(p => p.Memberships.Any(m => m.CouncilId == council));
        var value = request.Value?.Trim() ?? "";
        switch (request.By)
        {
            case ProvisioningLookup.Email:
                var email = value.ToLowerInvariant();
                query = query.Where(p => p.Email == email);
                break;
            case ProvisioningLookup.ExternalId:
                query = query.Where(p => p.Memberships.Any(m => m.CouncilId == council && m.ExternalId == value));
                break;
            case ProvisioningLookup.Id:
                var id = int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
                query = query.Where(p => p.Id == id);
                break;
        }
        var total = await query.CountAsync(ct);
        var people = await query.Include(p => p.Memberships).OrderBy(p => p.Id)
            .Skip(Math.Max(0, request.StartIndex - 1)).Take(Math.Clamp(request.Count, 0, 200)).ToListAsync(ct);
        return (total, people.Select(p => Provisioned.View(p, council)).ToList());
    }
}

/// <summary>One of the council's people; not found if they do not work for the council.</summary>
public sealed record GetProvisionedPerson(int CouncilId, int Id) : IRequest<ProvisionedPerson>;

public sealed class GetProvisionedPersonHandler(IServiceDeskDb db) : IRequestHandler<GetProvisionedPerson, ProvisionedPerson>
{
    public async Task<ProvisionedPerson> Handle(GetProvisionedPerson request, CancellationToken ct) =>
        Provisioned.View(await Provisioned.LoadAsync(db, request.CouncilId, request.Id, ct), request.CouncilId);
}

/// <summary>
/// The council's provisioning service adds a person: a requester of that council, through the same rules
/// as a service manager's form (an address in the council's mail domains, not already at the desk).
/// They sign in with their council account; no invitation is sent.
/// </summary>
public sealed record ProvisionPerson(int CouncilId, string? Email, string? Name, string? ExternalId, bool Active) : IRequest<ProvisionedPerson>;

public sealed class ProvisionPersonHandler(IServiceDeskDb db, ISignInAccounts accounts, TimeProvider time) : IRequestHandler<ProvisionPerson, ProvisionedPerson>
{
    public async Task<ProvisionedPerson> Handle(ProvisionPerson request, CancellationToken ct)
    {
        var email = request.Email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length > 0 && await db.People.AnyAsync(p => p.Email == email, ct))
            throw new ConflictException($"{email} already has an account at the desk.");
        var council = await db.Councils.FirstAsync(c => c.Id == request.CouncilId, ct);
        var directory = await PeopleDirectory.LoadAsync(db, ct);
        var draft = directory.Check(new PersonDraft(request.Name, email, [council.Code], ["Requester"]));
        Provisioned.ThrowIfInvalid(draft);
        return await SaveNewAsync(draft.Create(), council, request, ct);
    }

    private async Task<ProvisionedPerson> SaveNewAsync(Person person, Council council, ProvisionPerson request, CancellationToken ct)
    {
        await db.InTransactionAsync(async () =>
        {
            db.People.Add(person);
            if (!request.Active) person.Deactivate(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            person.SetExternalId(council.Id, request.ExternalId);
            accounts.Add(person);
            await db.SaveChangesAsync(ct);
        }, ct);
        return Provisioned.View(person, council.Id);
    }
}

/// <summary>
/// The council's provisioning service sets a person's address, name, external id and whether they are
/// active (SCIM PUT, or PATCH applied to what the desk holds). Inactive ends every sign-in at once.
/// </summary>
public sealed record UpdateProvisionedPerson(int CouncilId, int Id, string? Email, string? Name, string? ExternalId, bool Active) : IRequest<ProvisionedPerson>;

public sealed class UpdateProvisionedPersonHandler(IServiceDeskDb db, ISignInAccounts accounts, TimeProvider time) : IRequestHandler<UpdateProvisionedPerson, ProvisionedPerson>
{
    public async Task<ProvisionedPerson> Handle(UpdateProvisionedPerson request, CancellationToken ct)
    {
        var person = await Provisioned.LoadAsync(db, request.CouncilId, request.Id, ct);
        var directory = await PeopleDirectory.LoadAsync(db, ct);
        var codes = directory.CodesById;
        // Their other councils and approvals stay as they are: this council changes only what it owns.
        var councils = person.Memberships.OrderBy(m => m.CouncilId != person.MainCouncilId).Select(m => codes[m.CouncilId]).ToList();
        var roles = Enum.GetValues<PersonRoles>().Where(r => r != PersonRoles.None && person.Has(r)).Select(r => r.ToString()).ToList();
        var draft = directory.Check(new PersonDraft(request.Name, request.Email, councils, roles, person.ApproverCouncilIds.Select(c => codes[c]).ToList()), person.Id);
        if (draft.Errors.Any(e => e.Field == "email" && e.Message.Contains("already has an account", StringComparison.Ordinal)))
            throw new ConflictException($"{draft.Email} already has an account at the desk.");
        Provisioned.ThrowIfInvalid(draft);
        var emailChanged = draft.Email != person.Email;
        draft.ApplyTo(person);
        person.SetExternalId(request.CouncilId, request.ExternalId);
        if (emailChanged) await accounts.FollowEmailAsync(person, ct);
        if (!request.Active && person.IsActive) await PersonAccess.DeactivateAsync(db, accounts, person, time.GetUtcNow().UtcDateTime, ct);
        else if (request.Active && !person.IsActive) person.Reactivate();
        await db.SaveChangesAsync(ct);
        return Provisioned.View(person, request.CouncilId);
    }
}

/// <summary>The council's provisioning service removes a person: the desk deactivates them and keeps their tickets.</summary>
public sealed record DeprovisionPerson(int CouncilId, int Id) : IRequest<ProvisionedPerson>;

public sealed class DeprovisionPersonHandler(IServiceDeskDb db, ISignInAccounts accounts, TimeProvider time) : IRequestHandler<DeprovisionPerson, ProvisionedPerson>
{
    public async Task<ProvisionedPerson> Handle(DeprovisionPerson request, CancellationToken ct)
    {
        var person = await Provisioned.LoadAsync(db, request.CouncilId, request.Id, ct);
        if (person.IsActive)
        {
            await PersonAccess.DeactivateAsync(db, accounts, person, time.GetUtcNow().UtcDateTime, ct);
            await db.SaveChangesAsync(ct);
        }
        return Provisioned.View(person, request.CouncilId);
    }
}

internal static class Provisioned
{
    public static ProvisionedPerson View(Person p, int councilId) =>
        new(p.Id, p.Email, p.DisplayName, p.ExternalIdAt(councilId), p.IsActive, p.DeactivatedAt);

    /// <summary>A person of the council; another council's person is not found (never "forbidden").</summary>
    public static async Task<Person> LoadAsync(IServiceDeskDb db, int councilId, int id, CancellationToken ct) =>
        await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == id && p.Memberships.Any(m => m.CouncilId == councilId), ct)
        ?? throw new NotFoundException($"Person {id}");

    public static void ThrowIfInvalid(CheckedDraft draft)
    {
        if (draft.Errors.Count > 0) throw new ValidationException(draft.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));
    }
}
