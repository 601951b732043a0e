using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Features.CannedReplies;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk;

/// <summary>
/// Canned replies: every desk member reads them; group leads keep their group's and service
/// managers keep all, adding, changing and removing them here.
/// </summary>
[Authorize(Policy = DeskPolicies.DeskStaff)]
public sealed class CannedRepliesModel(IMediator mediator, ViewerLoader viewers) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public int? ResolverGroupId { get; set; }
    [TempData] public string? Done { get; set; }

    public IReadOnlyList<CannedReplyView> Replies { get; private set; } = [];

    /// <summary>The groups the person may add replies for (null: the whole partnership, for service managers).</summary>
    public IReadOnlyList<(int? Id, string Name)> Keeps { get; private set; } = [];
    public CannedReplyView? Editing { get; private set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await viewers.LoadAsync(ct);
        var groups = await Mediator.Send(new ListResolverGroups(), ct);
        var keeps = new List<(int?, string)>();
        if (viewer.IsServiceManager) keeps.Add((null, "The whole partnership"));
        keeps.AddRange(groups.Where(g => viewer.IsServiceManager || string.Equals(g.Lead, viewer.Person.Email, StringComparison.OrdinalIgnoreCase))
            .Select(g => ((int?)g.Id, g.Name)));
        Keeps = keeps;
        Replies = await FilteredAsync(new ListCannedReplies(Q), ct) ?? [];
        if (Id is int id)
            Editing = Replies.FirstOrDefault(r => r.Id == id && r.CanChange) ?? throw new Core.Domain.NotFoundException($"Canned reply {id}");
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Editing is { } e) (Title, Body, ResolverGroupId) = (e.Title, e.Body, e.ResolverGroupId);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var saved = await Mediator.Send(new SaveCannedReply(Id, Title, Body, ResolverGroupId), ct);
        Done = Id is null ? $"“{saved.Title}” added." : $"“{saved.Title}” saved.";
        return Redirect("/desk/canned-replies");
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        await Mediator.Send(new DeleteCannedReply(Id ?? 0), ct);
        Done = "Canned reply removed.";
        return Redirect("/desk/canned-replies");
    }
}
