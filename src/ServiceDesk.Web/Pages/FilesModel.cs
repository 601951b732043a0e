using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Web.Pages;

/// <summary>A ticket's files and where its upload form posts (the portal's or the desk's page).</summary>
public sealed record FilesModel(TicketView Ticket, string Action)
{
    /// <summary>
    /// The upload as the use case takes it, or null with the reason on the form when no file was
    /// chosen. Shared by the requester's and the desk's ticket pages.
    /// </summary>
    public static async Task<AttachFile?> CommandAsync(string reference, IFormFile? upload, ModelStateDictionary state, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            state.AddModelError("file", "Choose a file to attach");
            return null;
        }
        using var content = new MemoryStream();
        await upload.CopyToAsync(content, ct);
        return new AttachFile(reference, upload.FileName, upload.ContentType, content.ToArray());
    }
}
