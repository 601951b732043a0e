using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.Partnership;

/// <summary>Whether a first-run setup token is still good (the setup page answers 404 otherwise).</summary>
public sealed record CheckSetupToken(string? Token) : IRequest<bool>;

public sealed class CheckSetupTokenHandler(IServiceDeskDb db) : IRequestHandler<CheckSetupToken, bool>
{
    public async Task<bool> Handle(CheckSetupToken request, CancellationToken ct) =>
        await db.Partnership.AsNoTracking().FirstOrDefaultAsync(ct) is { } settings && settings.AcceptsSetupToken(request.Token);
}

/// <summary>
/// The first run of a desk for real use: the one-time link names the partnership and creates its first
/// service manager, who signs in with the password chosen here. The token then dies.
/// </summary>
public sealed record SetUpPartnership(string? Token, string? PartnershipName, string? Name, string? Email, string? Password) : IRequest<string>;

public sealed class SetUpPartnershipValidator : AbstractValidator<SetUpPartnership>
{
    public SetUpPartnershipValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage("Open the setup link from the desk's log (token).");
        RuleFor(x => x.PartnershipName).NotEmpty().WithMessage("Enter the partnership's name (partnershipName).").MaximumLength(200);
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter your name (name).").MaximumLength(200);
        RuleFor(x => x.Email).Must(PartnershipRules.IsEmailAddress).WithMessage("Enter your email address, like name@council.example (email).");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Choose a password (password).");
    }
}

public sealed class SetUpPartnershipHandler(IServiceDeskDb db, ISignInAccounts accounts, TimeProvider time) : IRequestHandler<SetUpPartnership, string>
{
    public async Task<string> Handle(SetUpPartnership request, CancellationToken ct)
    {
        var settings = await db.Partnership.FirstOrDefaultAsync(ct);
        // A used, wrong or missing token: the setup does not exist.
        if (settings is null || !settings.AcceptsSetupToken(request.Token) || await db.People.AnyAsync(ct))
            throw new NotFoundException("Setup");
        var email = request.Email!.Trim().ToLowerInvariant();
        await db.InTransactionAsync(async () =>
        {
            var manager = new Person(email, request.Name!.Trim(), PersonRoles.Requester | PersonRoles.ServiceManager, null);
            db.People.Add(manager);
            await db.SaveChangesAsync(ct);
            accounts.Add(manager);
            await accounts.SetPasswordAsync(manager, request.Password!, "password", ct);
            settings.CompleteSetup(request.Token!, request.PartnershipName!, email, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
        }, ct);
        return email;
    }
}

/// <summary>The partnership's name and whether it is the demo (every page says so).</summary>
public sealed record PartnershipView(string Name, bool IsDemo, bool IsSetUp);

public sealed record GetPartnership : IRequest<PartnershipView>;

public sealed class GetPartnershipHandler(IServiceDeskDb db) : IRequestHandler<GetPartnership, PartnershipView>
{
    public async Task<PartnershipView> Handle(GetPartnership request, CancellationToken ct) =>
        await db.Partnership.AsNoTracking().Select(p => new PartnershipView(p.Name, p.IsDemo, p.SetUpAt != null)).FirstOrDefaultAsync(ct)
        ?? new PartnershipView("", false, false);
}
