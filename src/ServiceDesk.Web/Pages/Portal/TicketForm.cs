using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>
/// What reporting a problem and requesting a service share: the plain-words questions that map
/// to impact and urgency, attachments checked before anything is saved, and raising the ticket.
/// </summary>
public abstract class TicketForm(IMediator mediator, IOptions<EmailOptions> limits) : DeskPageModel(mediator)
{
    /// <summary>"How many people are affected?" in the requester's words → impact.</summary>
    public static readonly IReadOnlyList<(Core.Domain.Impact Value, string Text, string Hint)> ImpactChoices =
    [
        (Core.Domain.Impact.Low, "Just me", "Only you are affected."),
        (Core.Domain.Impact.Medium, "My team or a few people", "Several people, or one team or office."),
        (Core.Domain.Impact.High, "Many people or a public service", "A whole building, a service to the public, or the whole council."),
    ];

    /// <summary>"How urgent is it?" in the requester's words → urgency.</summary>
    public static readonly IReadOnlyList<(Core.Domain.Urgency Value, string Text, string Hint)> UrgencyChoices =
    [
        (Core.Domain.Urgency.Low, "It can wait", "You can carry on working, or there is a way round it."),
        (Core.Domain.Urgency.Medium, "It is slowing work down", "Work is harder or slower but still possible."),
        (Core.Domain.Urgency.High, "Work has stopped", "You or others cannot work, or the public cannot be served."),
    ];

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Impact { get; set; }
    [BindProperty] public string? Urgency { get; set; }
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public long MaxFileBytes => limits.Value.MaxAttachmentBytes;

    /// <summary>
    /// Asks in the requester's words for what is missing (the use case's own checks still apply),
    /// and refuses files the desk would not keep before anything is saved, so nothing is half-done.
    /// </summary>
    protected void CheckForm(int? serviceId)
    {
        if (serviceId is null) ModelState.AddModelError("serviceId", "Select what is not working");
        if (string.IsNullOrWhiteSpace(Title)) ModelState.AddModelError("title", "Enter a summary");
        if (string.IsNullOrWhiteSpace(Description)) ModelState.AddModelError("description", "Describe what happened or what you need");
        if (!Enum.TryParse<Core.Domain.Impact>(Impact, true, out var impact) || !Enum.IsDefined(impact)) ModelState.AddModelError("impact", "Select how many people are affected");
        if (!Enum.TryParse<Core.Domain.Urgency>(Urgency, true, out var urgency) || !Enum.IsDefined(urgency)) ModelState.AddModelError("urgency", "Select how urgent it is");
        foreach (var file in Files.Where(f => f.Length > 0))
            if (limits.Value.RefusalOf(file.FileName, file.Length) is { } refusal)
                ModelState.AddModelError("files", refusal);
    }

    protected async Task<IActionResult> RaiseAsync(TicketType type, int? serviceId, int? categoryId, CancellationToken ct, int? quantity = null)
    {
        var ticket = await Mediator.Send(new RaiseTicket(type.ToString(), Title, Description, serviceId, categoryId, Impact, Urgency, Quantity: quantity)
        {
            DefaultChannel = Channel.Portal,
        }, ct);
        await AttachFilesAsync(ticket.Reference, ct);
        TempData["Raised"] = ticket.Reference;
        return Redirect($"/my-tickets/{ticket.Reference}");
    }

    /// <summary>Adds the files sent with the form to the ticket just raised.</summary>
    protected async Task AttachFilesAsync(string reference, CancellationToken ct)
    {
        foreach (var file in Files.Where(f => f.Length > 0))
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, ct);
            await Mediator.Send(new AttachFile(reference, file.FileName, file.ContentType, content.ToArray()), ct);
        }
    }

    protected Task<IReadOnlyList<CatalogueServiceView>> CatalogueAsync(CancellationToken ct) => Mediator.Send(new ListCatalogue(), ct);
}
