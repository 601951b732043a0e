using MediatR;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.Partnership;

public sealed record CouncilView(string Code, string Name, IReadOnlyList<string> MailDomains, int ActiveUsers, string Calendar,
    int CalendarId, IReadOnlyList<string> ReportRecipients, string? FinanceContact, DateTime? WithdrawnAt = null);

/// <summary>The councils the caller may see: all for shared ICT staff, their own for council staff.</summary>
public sealed record ListCouncils : IRequest<IReadOnlyList<CouncilView>>;

public sealed class ListCouncilsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListCouncils, IReadOnlyList<CouncilView>>
{
    public async Task<IReadOnlyList<CouncilView>> Handle(ListCouncils request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var mine = viewer.CouncilIds.ToList();
        var all = viewer.SeesAllCouncils;
        var councils = await db.Councils.AsNoTracking().Include(c => c.Calendar)
            .Where(c => all || mine.Contains(c.Id)).OrderBy(c => c.Name).ToListAsync(ct);
        return councils.Select(c => new CouncilView(c.Code, c.Name, c.MailDomains, c.ActiveUsers, c.Calendar!.Name, c.CalendarId, c.ReportRecipients, c.FinanceContact, c.WithdrawnAt)).ToList();
    }
}

public sealed record CategoryView(int Id, string Name);
public sealed record CatalogueServiceView(
    int Id, string Name, string Description, ServiceTier Tier, decimal UnitCost, bool RequiresApproval,
    int DefaultResolverGroupId, IReadOnlyList<CategoryView> Categories, bool Active = true);

/// <summary>The tiered catalogue, with each service's cost and whether a council approver must agree (retired services too, for service managers who ask).</summary>
public sealed record ListCatalogue(bool IncludeRetired = false) : IRequest<IReadOnlyList<CatalogueServiceView>>;

public sealed class ListCatalogueHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListCatalogue, IReadOnlyList<CatalogueServiceView>>
{
    public async Task<IReadOnlyList<CatalogueServiceView>> Handle(ListCatalogue request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var all = request.IncludeRetired && viewer.IsServiceManager;
        var services = await db.Services.AsNoTracking().Include(s => s.Categories)
            .Where(s => all || s.Active).ToListAsync(ct);
        return services.OrderBy(s => s.Tier).ThenBy(s => s.Name).Select(PartnershipRules.View).ToList();
    }
}

public sealed record ResolverGroupView(int Id, string Name, string? CouncilCode, string? Lead, IReadOnlyList<string> Members);

/// <summary>Resolver groups: all for shared ICT staff; partnership-wide ones and their own council's for council staff.</summary>
public sealed record ListResolverGroups : IRequest<IReadOnlyList<ResolverGroupView>>;

public sealed class ListResolverGroupsHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<ListResolverGroups, IReadOnlyList<ResolverGroupView>>
{
    public async Task<IReadOnlyList<ResolverGroupView>> Handle(ListResolverGroups request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var mine = viewer.CouncilIds.ToList();
        var all = viewer.SeesAllCouncils;
        var groups = await db.ResolverGroups.AsNoTracking().Include(g => g.Members)
            .Where(g => all || g.CouncilId == null || mine.Contains(g.CouncilId.Value))
            .OrderBy(g => g.Name).ToListAsync(ct);
        var personIds = groups.SelectMany(g => g.Members.Select(m => m.PersonId)).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var councils = await db.Councils.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        return groups.Select(g => new ResolverGroupView(
            g.Id, g.Name, g.CouncilId is int c ? councils[c] : null,
            g.LeadId is int lead ? people[lead].Email : null,
            // Council staff see the group, not who is in it.
            all ? g.Members.Select(m => people[m.PersonId].Email).Order().ToList() : [])).ToList();
    }
}

public sealed record MeView(string Email, string Name, IReadOnlyList<string> Roles, bool SharedIct, string? MainCouncil, IReadOnlyList<string> Councils, IReadOnlyList<int> ResolverGroupIds);

/// <summary>Who the caller is and what they may do.</summary>
public sealed record GetMe : IRequest<MeView>;

public sealed class GetMeHandler(IServiceDeskDb db, ViewerLoader viewers) : IRequestHandler<GetMe, MeView>
{
    public async Task<MeView> Handle(GetMe request, CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var ids = viewer.CouncilIds.ToList();
        var codes = await db.Councils.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        var p = viewer.Person;
        var roles = Enum.GetValues<PersonRoles>().Where(r => r != PersonRoles.None && p.Has(r)).Select(r => r.ToString()).ToList();
        return new MeView(p.Email, p.DisplayName, roles, p.IsSharedIct,
            p.MainCouncilId is int main ? codes[main] : null,
            ids.Select(i => codes[i]).Order().ToList(), viewer.GroupIds);
    }
}
