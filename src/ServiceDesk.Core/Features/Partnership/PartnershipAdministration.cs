using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Calendars;

namespace ServiceDesk.Core.Features.Partnership;

/// <summary>What a service manager gives for a council, new or changed.</summary>
public interface ICouncilDetails
{
    string? Name { get; }
    IReadOnlyList<string>? MailDomains { get; }
    int? ActiveUsers { get; }
    int? CalendarId { get; }
    IReadOnlyList<string>? ReportRecipients { get; }
    string? FinanceContact { get; }
}

/// <summary>The rules every council's details meet, new or changed.</summary>
public sealed class CouncilDetailsValidator : AbstractValidator<ICouncilDetails>
{
    public CouncilDetailsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the council's name (name).").MaximumLength(200);
        RuleFor(x => x.MailDomains).NotEmpty().WithMessage("Give at least one mail domain (mailDomains).");
        RuleFor(x => x.MailDomains).Must(list => list is null || list.All(PartnershipRules.IsMailDomain))
            .WithMessage("Each mail domain must look like council.example (mailDomains).");
        RuleFor(x => x.ActiveUsers).NotNull().WithMessage("Give the number of active users (activeUsers).")
            .GreaterThanOrEqualTo(0).WithMessage("activeUsers cannot be negative.");
        RuleFor(x => x.CalendarId).NotNull().WithMessage("Choose the council's business calendar (calendarId).");
        RuleFor(x => x.ReportRecipients).Must(list => list is null || list.All(PartnershipRules.IsEmailAddress))
            .WithMessage("Each report recipient must be an email address (reportRecipients).");
        RuleFor(x => x.FinanceContact).Must(a => string.IsNullOrWhiteSpace(a) || PartnershipRules.IsEmailAddress(a))
            .WithMessage("The finance contact must be an email address (financeContact).");
    }
}

/// <summary>A service manager keeps a council's details: name, mail domains, active users, calendar and report recipients.</summary>
public sealed record UpdateCouncil(
    string Code, string? Name, IReadOnlyList<string>? MailDomains, int? ActiveUsers, int? CalendarId,
    IReadOnlyList<string>? ReportRecipients, string? FinanceContact = null) : IRequest<CouncilView>, ICouncilDetails;

public sealed class UpdateCouncilValidator : AbstractValidator<UpdateCouncil>
{
    public UpdateCouncilValidator() => Include(new CouncilDetailsValidator());
}

public sealed class UpdateCouncilHandler(IServiceDeskDb db, ViewerLoader viewers, IBackgroundWork background, IMediator mediator, TimeProvider time)
    : IRequestHandler<UpdateCouncil, CouncilView>
{
    public async Task<CouncilView> Handle(UpdateCouncil request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can change a council's details.");
        var code = request.Code.Trim().ToUpperInvariant();
        var council = await db.Councils.Include(c => c.ActiveUserHistory).FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"Council {request.Code}");
        var calendarChanged = council.CalendarId != request.CalendarId;
        await CouncilDetails.ApplyAsync(db, council, request, ct, PartnershipTime.LocalDate(time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        // The council's open tickets count business time in the new calendar from now on.
        if (calendarChanged) background.RecalculateOpenClocks();
        return (await mediator.Send(new ListCouncils(), ct)).Single(c => c.Code == code);
    }
}

/// <summary>A service manager adds a council that joins the partnership.</summary>
public sealed record CreateCouncil(
    string? Code, string? Name, IReadOnlyList<string>? MailDomains, int? ActiveUsers, int? CalendarId,
    IReadOnlyList<string>? ReportRecipients, string? FinanceContact = null) : IRequest<CouncilView>, ICouncilDetails;

public sealed class CreateCouncilValidator : AbstractValidator<CreateCouncil>
{
    public CreateCouncilValidator()
    {
        RuleFor(x => x.Code).Must(c => c is not null && System.Text.RegularExpressions.Regex.IsMatch(c.Trim(), "^[A-Za-z][A-Za-z0-9]{1,9}$"))
            .WithMessage("Give the council's short code: 2 to 10 letters or digits, starting with a letter, like MBC (code).");
        Include(new CouncilDetailsValidator());
    }
}

public sealed class CreateCouncilHandler(IServiceDeskDb db, ViewerLoader viewers, IMediator mediator) : IRequestHandler<CreateCouncil, CouncilView>
{
    public async Task<CouncilView> Handle(CreateCouncil request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can add a council.");
        var code = request.Code!.Trim().ToUpperInvariant();
        if (await db.Councils.AnyAsync(c => c.Code == code, ct))
            throw new FieldException("code", $"The code {code} is already in use by another council.");
        var council = new Council(code, request.Name!.Trim(), [], 0, request.CalendarId!.Value);
        await CouncilDetails.ApplyAsync(db, council, request, ct);
        db.Councils.Add(council);
        await db.SaveChangesAsync(ct);
        return (await mediator.Send(new ListCouncils(), ct)).Single(c => c.Code == code);
    }
}

/// <summary>A council leaves the partnership: its people lose access, its records and reports stay.</summary>
public sealed record WithdrawCouncil(string Code) : IRequest<CouncilView>;

public sealed class WithdrawCouncilHandler(IServiceDeskDb db, ViewerLoader viewers, ISignInAccounts accounts, TimeProvider time, IMediator mediator)
    : IRequestHandler<WithdrawCouncil, CouncilView>
{
    public async Task<CouncilView> Handle(WithdrawCouncil request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can withdraw a council.");
        var code = request.Code.Trim().ToUpperInvariant();
        var council = await db.Councils.FirstOrDefaultAsync(c => c.Code == code, ct) ?? throw new NotFoundException($"Council {request.Code}");
        council.Withdraw(time.GetUtcNow().UtcDateTime);
        // Its people can no longer sign in, unless they also work for a council still in the partnership.
        var stillPartners = await db.Councils.Where(c => c.WithdrawnAt == null && c.Id != council.Id).Select(c => c.Id).ToListAsync(ct);
        var leaving = await db.People
            .Where(p => p.Memberships.Any(m => m.CouncilId == council.Id) && !p.Memberships.Any(m => stillPartners.Contains(m.CouncilId)))
            .Select(p => p.Id).ToListAsync(ct);
        await accounts.EndSessionsAsync(leaving, ct);
        await db.SaveChangesAsync(ct);
        return (await mediator.Send(new ListCouncils(), ct)).Single(c => c.Code == code);
    }
}

/// <summary>The rules on a council's details that need the database: one council per mail domain, a real calendar, recipients within reach.</summary>
internal static class CouncilDetails
{
    public static async Task ApplyAsync(IServiceDeskDb db, Council council, ICouncilDetails details, CancellationToken ct, DateOnly? today = null)
    {
        if (!await db.Calendars.AnyAsync(c => c.Id == details.CalendarId, ct))
            throw new FieldException("calendarId", $"There is no calendar {details.CalendarId}.");
        // A mail domain names one council: it decides whose requester an unknown sender becomes.
        var domains = details.MailDomains!.Select(d => d.Trim().ToLowerInvariant()).ToList();
        var others = await db.Councils.AsNoTracking().Where(c => c.Id != council.Id).ToListAsync(ct);
        if (others.FirstOrDefault(o => domains.Any(o.OwnsMailDomain)) is { } clash)
            throw new FieldException("mailDomains", $"{string.Join(", ", domains.Where(clash.OwnsMailDomain))} already belongs to {clash.Name}.");
        // Reports and statements carry the council's figures: they go only to its own people or to shared ICT.
        var sharedIct = await db.Partnership.AsNoTracking().Select(p => p.SharedIctDomain).FirstOrDefaultAsync(ct);
        bool WithinReach(string address)
        {
            var domain = address[(address.IndexOf('@') + 1)..].Trim().ToLowerInvariant();
            return domains.Contains(domain) || domain == sharedIct;
        }
        var recipients = details.ReportRecipients ?? [];
        if (recipients.FirstOrDefault(r => !WithinReach(r)) is { } stranger)
            throw new FieldException("reportRecipients", $"{stranger.Trim()} is not in the council's mail domains or shared ICT's: reports go only to the council's own people or to shared ICT.");
        if (!string.IsNullOrWhiteSpace(details.FinanceContact) && !WithinReach(details.FinanceContact))
            throw new FieldException("financeContact", $"{details.FinanceContact.Trim()} is not in the council's mail domains or shared ICT's: statements go only to the council's own people or to shared ICT.");
        council.Update(details.Name!, domains, details.ActiveUsers!.Value, details.CalendarId!.Value, recipients, today);
        // Left out, the finance contact stays as it is; empty clears it.
        if (details.FinanceContact is not null) council.SetFinanceContact(details.FinanceContact);
    }
}

/// <summary>A service manager adds a catalogue service (no id) or changes one: what it is, its tier, cost and resolver group.</summary>
public sealed record SaveCatalogueService(
    int? Id, string? Name, string? Description, string? Tier, decimal? UnitCost, int? DefaultResolverGroupId, bool? Active,
    IReadOnlyList<string>? NewCategories = null) : IRequest<CatalogueServiceView>;

public sealed class SaveCatalogueServiceValidator : AbstractValidator<SaveCatalogueService>
{
    public SaveCatalogueServiceValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the service's name (name).").MaximumLength(200);
        RuleFor(x => x.Description).NotEmpty().WithMessage("Say what the service is (description).").MaximumLength(2000);
        RuleFor(x => x.Tier).MustBeEnum<SaveCatalogueService, ServiceTier>("tier");
        RuleFor(x => x.UnitCost).NotNull().WithMessage("Give the unit cost in pounds (unitCost), 0 for none.")
            .GreaterThanOrEqualTo(0).WithMessage("unitCost cannot be negative.");
        RuleFor(x => x.DefaultResolverGroupId).NotNull().WithMessage("Choose the resolver group that takes its tickets (defaultResolverGroupId).");
        RuleFor(x => x.NewCategories).Must(list => list is null || list.All(c => c is not null && c.Trim().Length is > 0 and <= 100))
            .WithMessage("Each category is a name of up to 100 characters (newCategories).");
    }
}

public sealed class SaveCatalogueServiceHandler(IServiceDeskDb db, ViewerLoader viewers)
    : IRequestHandler<SaveCatalogueService, CatalogueServiceView>
{
    public async Task<CatalogueServiceView> Handle(SaveCatalogueService request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can change the catalogue.");
        if (!await db.ResolverGroups.AnyAsync(g => g.Id == request.DefaultResolverGroupId && g.CouncilId == null, ct))
            throw new FieldException("defaultResolverGroupId", "Choose a partnership-wide resolver group; council groups take tickets through routing.");
        var name = request.Name!.Trim();
        if (await db.Services.AnyAsync(s => s.Name == name && s.Id != (request.Id ?? 0), ct))
            throw new FieldException("name", $"There is already a service called '{name}'.");
        var tier = Enum.Parse<ServiceTier>(request.Tier!, true);
        CatalogueService service;
        if (request.Id is int id)
        {
            service = await db.Services.Include(s => s.Categories).FirstOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new NotFoundException($"Catalogue service {id}");
            service.Update(name, request.Description!, tier, request.UnitCost!.Value, request.DefaultResolverGroupId!.Value, request.Active ?? true);
        }
        else
        {
            service = new CatalogueService(name, request.Description!.Trim(), tier, request.UnitCost!.Value, request.DefaultResolverGroupId!.Value);
            service.Update(name, request.Description!, tier, request.UnitCost!.Value, request.DefaultResolverGroupId!.Value, request.Active ?? true);
            db.Services.Add(service);
        }
        service.AddCategories(request.NewCategories ?? []);
        await db.SaveChangesAsync(ct);
        return PartnershipRules.View(service);
    }
}

/// <summary>A service manager sets up a resolver group: partnership-wide, or one council's.</summary>
public sealed record CreateResolverGroup(string? Name, string? CouncilCode) : IRequest<ResolverGroupView>;

public sealed class CreateResolverGroupValidator : AbstractValidator<CreateResolverGroup>
{
    public CreateResolverGroupValidator() =>
        RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the group's name (name).").MaximumLength(200);
}

public sealed class CreateResolverGroupHandler(IServiceDeskDb db, ViewerLoader viewers, IMediator mediator)
    : IRequestHandler<CreateResolverGroup, ResolverGroupView>
{
    public async Task<ResolverGroupView> Handle(CreateResolverGroup request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can set up resolver groups.");
        int? councilId = null;
        if (!string.IsNullOrWhiteSpace(request.CouncilCode))
        {
            var code = request.CouncilCode.Trim().ToUpperInvariant();
            councilId = await db.Councils.Where(c => c.Code == code).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct)
                ?? throw new FieldException("councilCode", $"There is no council '{request.CouncilCode}'.");
        }
        var name = request.Name!.Trim();
        if (await db.ResolverGroups.AnyAsync(g => g.Name == name, ct))
            throw new FieldException("name", $"There is already a resolver group called '{name}'.");
        var group = new ResolverGroup(name, councilId);
        db.ResolverGroups.Add(group);
        await db.SaveChangesAsync(ct);
        return (await mediator.Send(new ListResolverGroups(), ct)).Single(g => g.Id == group.Id);
    }
}

/// <summary>A service manager adds a person to a resolver group (optionally as its lead), or takes them out.</summary>
public sealed record ChangeGroupMembership(int GroupId, string? Email, bool Remove = false, bool Lead = false) : IRequest<ResolverGroupView>;

public sealed class ChangeGroupMembershipValidator : AbstractValidator<ChangeGroupMembership>
{
    public ChangeGroupMembershipValidator() =>
        RuleFor(x => x.Email).NotEmpty().EmailAddress().WithMessage("Give the person's email address (email).");
}

public sealed class ChangeGroupMembershipHandler(IServiceDeskDb db, ViewerLoader viewers, IMediator mediator)
    : IRequestHandler<ChangeGroupMembership, ResolverGroupView>
{
    public async Task<ResolverGroupView> Handle(ChangeGroupMembership request, CancellationToken ct)
    {
        (await viewers.LoadAsync(ct)).RequireServiceManager("Only service managers can change resolver groups.");
        var group = await db.ResolverGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == request.GroupId, ct)
            ?? throw new NotFoundException($"Resolver group {request.GroupId}");
        var address = request.Email!.Trim().ToLowerInvariant();
        var person = await db.People.Include(p => p.Memberships).FirstOrDefaultAsync(p => p.Email == address, ct)
            ?? throw new FieldException("email", $"No one at the desk has the address '{request.Email}'.");
        if (request.Remove)
            group.RemoveMember(person.Id);
        else
        {
            // A council's group is staffed by that council's people or shared ICT; never another council's.
            if (group.CouncilId is int council && !person.IsSharedIct && !person.BelongsTo(council))
                throw new FieldException("email", $"{person.DisplayName} does not work for the council this group serves.");
            if (!person.IsSharedIct && group.CouncilId is null)
                throw new FieldException("email", "Partnership-wide groups are staffed by shared ICT.");
            if (request.Lead) group.SetLead(person.Id); else group.AddMember(person.Id);
            if (!person.IsSharedIct) person.GrantRole(PersonRoles.ResolverGroupMember);
        }
        await db.SaveChangesAsync(ct);
        return (await mediator.Send(new ListResolverGroups(), ct)).Single(g => g.Id == group.Id);
    }
}

internal static class PartnershipRules
{
    public static bool IsMailDomain(string? domain) =>
        domain is not null && System.Text.RegularExpressions.Regex.IsMatch(domain.Trim(), @"^(?=.{3,253}$)([a-zA-Z0-9-]{1,63}\.)+[a-zA-Z]{2,63}$");

    public static bool IsEmailAddress(string? address) =>
        address is not null && System.Text.RegularExpressions.Regex.IsMatch(address.Trim(), @"^[^@\s]+@[^@\s]+\.[^@\s]+$");

    public static CatalogueServiceView View(CatalogueService s) => new(
        s.Id, s.Name, s.Description, s.Tier, s.UnitCost, s.RequiresApproval, s.DefaultResolverGroupId,
        s.Categories.OrderBy(c => c.Name).Select(c => new CategoryView(c.Id, c.Name)).ToList(), s.Active);
}
