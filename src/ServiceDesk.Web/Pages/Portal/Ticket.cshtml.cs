using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>
/// A ticket as its requester sees it: the conversation, a reply box, files, and once resolved
/// "is it fixed?" (close or reopen) and a 1–5 satisfaction rating.
/// </summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class TicketModel(IMediator mediator) : DeskPageModel(mediator)
{
    [BindProperty(SupportsGet = true)] public string Reference { get; set; } = "";
    [BindProperty] public string? Body { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    public TicketView Ticket { get; private set; } = null!;
    public string? Raised => TempData.Peek("Raised") as string;
    [TempData] public string? Done { get; set; }

    public override async Task LoadAsync(CancellationToken ct) => Ticket = await Mediator.Send(new GetTicket(Reference), ct);

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The conversation alone, for the live page.</summary>
    public async Task<IActionResult> OnGetConversationAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_Conversation", new ConversationModel(Ticket, null));
    }

    public Task<IActionResult> OnPostReplyAsync(CancellationToken ct) =>
        Act(new AddComment(Reference, Body, Internal: false), "Your reply has been added.", ct);

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        Act(new CloseTicket(Reference), "Thank you: the ticket is closed.", ct);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken ct) =>
        Act(new ReopenTicket(Reference, Reason), "The ticket is open again; the desk will look at it.", ct);

    public Task<IActionResult> OnPostRateAsync(CancellationToken ct) =>
        Act(new RateTicket(Reference, Rating, Comment), "Thank you for your feedback.", ct);

    public async Task<IActionResult> OnPostFileAsync(CancellationToken ct)
    {
        if (await FilesModel.CommandAsync(Reference, Upload, ModelState, ct) is not { } attach)
        {
            await LoadAsync(ct);
            return Page();
        }
        return await Act(attach, $"{Path.GetFileName(attach.FileName)} has been added.", ct);
    }

    private async Task<IActionResult> Act(IRequest<TicketView> command, string done, CancellationToken ct)
    {
        await Mediator.Send(command, ct);
        Done = done;
        return Redirect($"/my-tickets/{Reference}");
    }
}
