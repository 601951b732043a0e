using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Domain.Knowledge;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk.Articles;

/// <summary>
/// Write or change a knowledge article (the shared ICT team): its words, services, audience, owner and
/// review date; publish, retire or take it back to draft; mark it reviewed; and its version history.
/// </summary>
[Authorize(Policy = DeskPolicies.SharedIct)]
public sealed class EditModel(IMediator mediator) : DeskPageModel(mediator)
{
    private string? _reference;

    /// <summary>The article's reference; null for a new one (<c>/desk/articles/new</c>).</summary>
    [FromRoute]
    public string? Reference
    {
        get => _reference;
        set => _reference = string.Equals(value, "new", StringComparison.OrdinalIgnoreCase) ? null : value;
    }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? Keywords { get; set; }
    [BindProperty] public string? Audience { get; set; }
    [BindProperty] public List<string> Councils { get; set; } = [];
    [BindProperty] public List<int> ServiceIds { get; set; } = [];
    [BindProperty] public string? OwnerEmail { get; set; }
    [BindProperty] public string? ReviewOn { get; set; }
    [BindProperty] public int? Version { get; set; }
    [BindProperty] public string? Status { get; set; }

    public ArticleView? Article { get; private set; }
    public IReadOnlyList<ArticleVersionView> Versions { get; private set; } = [];
    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];
    public IReadOnlyList<CouncilView> AllCouncils { get; private set; } = [];

    public bool IsNew => Reference is null;

    public static string AudienceText(ArticleAudience audience) => audience switch
    {
        ArticleAudience.ChosenCouncils => "Chosen councils",
        ArticleAudience.DeskStaff => "Desk staff only",
        _ => "All councils",
    };

    public override async Task LoadAsync(CancellationToken ct)
    {
        Services = (await Mediator.Send(new ListCatalogue(), ct)).Where(s => s.Tier == ServiceTier.Essential).ToList();
        AllCouncils = (await Mediator.Send(new ListCouncils(), ct)).Where(c => c.WithdrawnAt is null).ToList();
        if (Reference is null) return;
        Article = await Mediator.Send(new GetArticle(Reference, CountView: false), ct);
        Versions = await Mediator.Send(new GetArticleVersions(Reference), ct);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Article is not { } a) return;
        (Title, Body, Category, Keywords, Audience) = (a.Title, a.Body, a.Category, string.Join(", ", a.Keywords), a.Audience.ToString());
        Councils = a.Councils.ToList();
        ServiceIds = a.Services.Select(s => s.Id).ToList();
        OwnerEmail = a.Owner?.Email;
        ReviewOn = a.ReviewOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Version = a.Version;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        DateOnly? reviewOn = null;
        if (!string.IsNullOrWhiteSpace(ReviewOn))
        {
            if (!DateOnly.TryParseExact(ReviewOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                ModelState.AddModelError("reviewOn", "Enter the review date as a date, for example 2027-06-30");
            else reviewOn = parsed;
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }
        var keywords = Core.Domain.Knowledge.Article.SplitKeywords(Keywords);
        var councils = Audience == nameof(ArticleAudience.ChosenCouncils) ? Councils : [];
        var owner = string.IsNullOrWhiteSpace(OwnerEmail) ? null : OwnerEmail.Trim();
        ArticleView view;
        if (Reference is null)
            view = await Mediator.Send(new DraftArticle(Title, Body, ServiceIds, Category ?? "", keywords, Audience, councils, owner, reviewOn, Status == "Published"), ct);
        else
        {
            view = await Mediator.Send(new EditArticle(Reference, Title ?? "", Body ?? "", ServiceIds, Category ?? "", keywords, Audience, councils, owner, reviewOn, Version), ct);
            if (Status is "Published" or "Retired" or "Draft" && !string.Equals(Status, view.Status.ToString(), StringComparison.Ordinal))
                view = await Mediator.Send(new ChangeArticleStatus(Reference, Status, view.Version), ct);
        }
        TempData["Saved"] = $"{view.Reference} saved ({view.Status}).";
        return Redirect($"/desk/articles/{view.Reference}");
    }

    public async Task<IActionResult> OnPostReviewedAsync(CancellationToken ct)
    {
        var view = await Mediator.Send(new MarkArticleReviewed(Reference!, null, Version), ct);
        TempData["Saved"] = $"{view.Reference} marked as reviewed; next review {Display.Date(view.ReviewOn!.Value)}.";
        return Redirect($"/desk/articles/{view.Reference}");
    }
}
