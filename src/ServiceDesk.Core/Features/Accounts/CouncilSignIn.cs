using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.People;

namespace ServiceDesk.Core.Features.Accounts;

/// <summary>Protects a secret the desk must use again (a provider's client secret) with the desk's data protection keys.</summary>
public interface ISecretProtector
{
    string Protect(string secret);

    /// <summary>The secret, or null if the keys that protected it are gone (then it must be entered again).</summary>
    string? Unprotect(string protectedSecret);
}

/// <summary>A council's (or shared ICT's) sign-in provider as service managers see it: never the secret itself.</summary>
public sealed record SignInProviderView(
    string Council, string CouncilName, bool Configured, string? Authority, string? ClientId, bool ClientSecretSet,
    string EmailClaim, bool PasswordSignIn, string RedirectPath);

/// <summary>Where "Sign in with your council account" sends a person: the council's provider, found by mail domain.</summary>
public sealed record CouncilSignInRoute(string Council, string CouncilName, bool PasswordSignIn);

/// <summary>Why a council account could not sign in; the page says what to do.</summary>
public enum CouncilSignInRefusal
{
    /// <summary>The token's issuer is not the council's provider.</summary>
    WrongIssuer,
    /// <summary>The provider sent no usable email address.</summary>
    NoEmail,
    /// <summary>The account's address is not one of the council's people, nor in its mail domains.</summary>
    NotInCouncil,
    /// <summary>The person has been deactivated, or cannot use the desk.</summary>
    Deactivated,
    /// <summary>The council has no sign-in provider (any more), or has withdrawn.</summary>
    UnknownCouncil,
}

/// <summary>The person a council account signs in as, or why not.</summary>
public sealed record CouncilSignInOutcome(int? PersonId, CouncilSignInRefusal? Refusal, string CouncilName, string? Email);

/// <summary>The rules on sign-in providers, in one place.</summary>
public static class SignInProviders
{
    /// <summary>The address a provider sends the person back to: registered as the redirect URI.</summary>
    public static string RedirectPath(string council) => "/signin-oidc/" + council.ToLowerInvariant();

    /// <summary>Loopback addresses may use http (a provider on the same machine, as in the tests); anything else needs https.</summary>
    public static bool IsAcceptableAuthority(string? authority) =>
        Uri.TryCreate(authority?.Trim(), UriKind.Absolute, out var uri) && uri.Query.Length == 0
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));

    /// <summary>The council (by code, or SHARED for shared ICT) and its provider, if any; null council id for shared ICT.</summary>
    internal static async Task<(int? CouncilId, string Code, string Name, SignInProvider? Provider)> LoadAsync(IServiceDeskDb db, string? code, CancellationToken ct)
    {
        var wanted = (code ?? "").Trim().ToUpperInvariant();
        if (wanted == PeopleRules.SharedIctCode)
            return (null, PeopleRules.SharedIctCode, "Shared ICT", await db.SignInProviders.FirstOrDefaultAsync(p => p.CouncilId == null, ct));
        var council = await db.Councils.FirstOrDefaultAsync(c => c.Code == wanted, ct) ?? throw new NotFoundException($"Council {code}");
        return (council.Id, council.Code, council.Name, await db.SignInProviders.FirstOrDefaultAsync(p => p.CouncilId == council.Id, ct));
    }

    /// <summary>Council sign-in settings are shared ICT's: council staff are told they do not exist, other staff may not change them.</summary>
    internal static async Task RequireServiceManagerAsync(ViewerLoader viewers, string council, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        viewer.RequireSharedIctData($"Council {council}");
        viewer.RequireServiceManager("Only service managers can see or change how a council signs in.");
    }

    internal static SignInProviderView View(string code, string name, SignInProvider? p) => new(
        code, name, p is not null, p?.Authority, p?.ClientId, p is { ProtectedClientSecret.Length: > 0 },
        p?.EmailClaim ?? SignInProvider.DefaultEmailClaim, p?.PasswordSignIn ?? true, RedirectPath(code));
}

/// <summary>A council's sign-in provider, for service managers (SHARED: shared ICT's).</summary>
public sealed record GetSignInProvider(string Council) : IRequest<SignInProviderView>;

public sealed class GetSignInProviderHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetSignInProvider, SignInProviderView>
{
    public async Task<SignInProviderView> Handle(GetSignInProvider request, CancellationToken ct)
    {
        await SignInProviders.RequireServiceManagerAsync(viewers, request.Council, ct);
        var (_, code, name, provider) = await SignInProviders.LoadAsync(db, request.Council, ct);
        return SignInProviders.View(code, name, provider);
    }
}

/// <summary>
/// A service manager sets a council's (or shared ICT's) OpenID Connect provider: authority, client id,
/// client secret (protected, never shown again; left empty it keeps the one there is), the claim with
/// the email address, and whether its people may still sign in with a desk password.
/// </summary>
public sealed record SaveSignInProvider(string Council, string? Authority, string? ClientId, string? ClientSecret, string? EmailClaim, bool PasswordSignIn = true)
    : IRequest<SignInProviderView>;

public sealed class SaveSignInProviderValidator : AbstractValidator<SaveSignInProvider>
{
    public SaveSignInProviderValidator()
    {
        RuleFor(x => x.Authority).Must(SignInProviders.IsAcceptableAuthority)
            .WithMessage("Enter the provider's authority as an https address, e.g. https://login.microsoftonline.com/{tenant}/v2.0.");
        RuleFor(x => x.Authority).MaximumLength(500).WithMessage("The authority is longer than 500 characters.");
        RuleFor(x => x.ClientId).NotEmpty().WithMessage("Enter the client id (the application id the provider gave the desk).")
            .MaximumLength(200).WithMessage("The client id is longer than 200 characters.");
        RuleFor(x => x.ClientSecret).MaximumLength(1000).WithMessage("The client secret is longer than 1,000 characters.");
        RuleFor(x => x.EmailClaim).MaximumLength(100).WithMessage("The email claim is longer than 100 characters.")
            .Matches("^[A-Za-z0-9_.:/-]*$").WithMessage("The email claim is a claim name such as email or preferred_username.");
    }
}

public sealed class SaveSignInProviderHandler(IServiceDeskDb db, ViewerLoader viewers, ISecretProtector secrets) : IRequestHandler<SaveSignInProvider, SignInProviderView>
{
    public async Task<SignInProviderView> Handle(SaveSignInProvider request, CancellationToken ct)
    {
        await SignInProviders.RequireServiceManagerAsync(viewers, request.Council, ct);
        var (councilId, code, name, provider) = await SignInProviders.LoadAsync(db, request.Council, ct);
        if (councilId is int id && await db.Councils.AnyAsync(c => c.Id == id && c.WithdrawnAt != null, ct))
            throw new FieldException("council", $"{name} has withdrawn from the partnership.");
        var secret = string.IsNullOrWhiteSpace(request.ClientSecret) ? null : secrets.Protect(request.ClientSecret.Trim());
        if (provider is null && secret is null) throw new FieldException("clientSecret", "Enter the client secret.");
        if (provider is null) db.SignInProviders.Add(provider = new SignInProvider(councilId));
        provider.Configure(request.Authority!, request.ClientId!, secret, request.EmailClaim ?? "", request.PasswordSignIn);
        await db.SaveChangesAsync(ct);
        return SignInProviders.View(code, name, provider);
    }
}

/// <summary>A service manager removes a council's provider: its people sign in with desk passwords again.</summary>
public sealed record RemoveSignInProvider(string Council) : IRequest<SignInProviderView>;

public sealed class RemoveSignInProviderHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<RemoveSignInProvider, SignInProviderView>
{
    public async Task<SignInProviderView> Handle(RemoveSignInProvider request, CancellationToken ct)
    {
        await SignInProviders.RequireServiceManagerAsync(viewers, request.Council, ct);
        var (_, code, name, provider) = await SignInProviders.LoadAsync(db, request.Council, ct);
        if (provider is null) throw new NotFoundException($"The sign-in provider of {name}");
        db.SignInProviders.Remove(provider);
        await db.SaveChangesAsync(ct);
        return SignInProviders.View(code, name, null);
    }
}

/// <summary>Anyone: the council sign-in for an email address, by its mail domain; null if none.</summary>
public sealed record FindCouncilSignIn(string Email) : IRequest<CouncilSignInRoute?>;

public sealed class FindCouncilSignInHandler(IServiceDeskDb db, Requesters requesters) : IRequestHandler<FindCouncilSignIn, CouncilSignInRoute?>
{
    public async Task<CouncilSignInRoute?> Handle(FindCouncilSignIn request, CancellationToken ct)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1) return null;
        if (await requesters.CouncilOfAddressAsync(email, ct) is { } council)
            return await db.SignInProviders.AsNoTracking().Where(p => p.CouncilId == council.Id)
                .Select(p => new CouncilSignInRoute(council.Code, council.Name, p.PasswordSignIn)).FirstOrDefaultAsync(ct);
        var shared = await db.Partnership.AsNoTracking().Select(p => p.SharedIctDomain).FirstOrDefaultAsync(ct);
        if (shared is null || !string.Equals(shared, email[(at + 1)..], StringComparison.OrdinalIgnoreCase)) return null;
        return await db.SignInProviders.AsNoTracking().Where(p => p.CouncilId == null)
            .Select(p => new CouncilSignInRoute(PeopleRules.SharedIctCode, "Shared ICT", p.PasswordSignIn)).FirstOrDefaultAsync(ct);
    }
}

/// <summary>
/// A council's provider has signed someone in: the desk finds the person by the provider's subject
/// (remembered after the first match) or else by email, enrols a new address in the council's mail
/// domains as a requester (just in time), and refuses anyone else. A provider signs in only its own
/// council's people: the issuer must be the council's, and the person must work for that council.
/// </summary>
public sealed record CompleteCouncilSignIn(string Council, string Issuer, string ExpectedIssuer, string? Subject, string? Email, string? Name)
    : IRequest<CouncilSignInOutcome>;

public sealed class CompleteCouncilSignInHandler(IServiceDeskDb db, ISignInAccounts accounts, Requesters requesters)
    : IRequestHandler<CompleteCouncilSignIn, CouncilSignInOutcome>
{
    public async Task<CouncilSignInOutcome> Handle(CompleteCouncilSignIn request, CancellationToken ct)
    {
        (int? CouncilId, string Code, string Name, SignInProvider? Provider) council;
        try { council = await SignInProviders.LoadAsync(db, request.Council, ct); }
        catch (NotFoundException) { return new(null, CouncilSignInRefusal.UnknownCouncil, request.Council, request.Email); }
        var email = request.Email?.Trim().ToLowerInvariant();
        CouncilSignInOutcome Refuse(CouncilSignInRefusal why) => new(null, why, council.Name, email);

        Council? partner = council.CouncilId is int cid ? await db.Councils.FirstAsync(c => c.Id == cid, ct) : null;
        if (council.Provider is null || partner is { IsWithdrawn: true }) return Refuse(CouncilSignInRefusal.UnknownCouncil);
        if (!string.Equals(request.Issuer, request.ExpectedIssuer, StringComparison.Ordinal)) return Refuse(CouncilSignInRefusal.WrongIssuer);

        var subject = string.IsNullOrWhiteSpace(request.Subject) ? null : request.Subject.Trim();
        Person? person = null;
        if (subject is not null && await accounts.PersonOfLoginAsync(request.Issuer, subject, ct) is int known)
            person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Id == known, ct);
        if (person is null)
        {
            if (email is null || !PartnershipRules.IsEmailAddress(email)) return Refuse(CouncilSignInRefusal.NoEmail);
            var domain = email[(email.IndexOf('@') + 1)..];
            var inDomain = partner is not null
                ? partner.OwnsMailDomain(domain)
                : string.Equals(await db.Partnership.Select(p => p.SharedIctDomain).FirstOrDefaultAsync(ct), domain, StringComparison.OrdinalIgnoreCase);
            if (!inDomain) return Refuse(CouncilSignInRefusal.NotInCouncil);
            person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Email == email, ct);
            // Shared ICT's people are added by a service manager; a council's new staff are requesters of it.
            if (person is null && partner is null) return Refuse(CouncilSignInRefusal.NotInCouncil);
        }
        if (person is not null && !(partner is null ? person.IsSharedIct : person.BelongsTo(partner.Id))) return Refuse(CouncilSignInRefusal.NotInCouncil);
        if (person is { IsActive: false }) return Refuse(CouncilSignInRefusal.Deactivated);

        await db.InTransactionAsync(async () =>
        {
            if (person is null)
            {
                person = requesters.Enrol(email!, request.Name, partner!);
                await db.SaveChangesAsync(ct);
            }
            await accounts.RememberLoginAsync(person, request.Issuer, subject, council.Code, ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        return new(person!.Id, null, council.Name, person.Email);
    }
}

/// <summary>Anyone: the origins of the configured providers (the sign-in page's form leads there).</summary>
public sealed record ListSignInProviderOrigins : IRequest<IReadOnlyList<string>>;

public sealed class ListSignInProviderOriginsHandler(IServiceDeskDb db) : IRequestHandler<ListSignInProviderOrigins, IReadOnlyList<string>>
{
    public async Task<IReadOnlyList<string>> Handle(ListSignInProviderOrigins request, CancellationToken ct) =>
        (await db.SignInProviders.AsNoTracking().Select(p => p.Authority).ToListAsync(ct))
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
}
