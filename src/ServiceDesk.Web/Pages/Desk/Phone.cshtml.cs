using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Core.Features.Partnership;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Tickets;
using ServiceDesk.Web.Pages.Portal;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk;

/// <summary>
/// Logging a phone call: find the caller by name, email or phone number (with their councils, open and
/// recent tickets), or enrol a new one by their council address; pick the service and category (its
/// known errors shown with their workarounds, as on the portal); impact and urgency; and, if the call
/// settled it, resolve it at once as resolved on first contact. The channel is Phone.
/// </summary>
[Authorize(Policy = DeskPolicies.DeskStaff)]
public sealed class PhoneModel(IMediator mediator, IOptions<EmailOptions> limits, Core.Access.ViewerLoader viewers) : TicketForm(mediator, limits)
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? RequesterEmail { get; set; }
    [BindProperty] public string? RequesterName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Phone { get; set; }
    [BindProperty(SupportsGet = true)] public string? CouncilCode { get; set; }
    [BindProperty] public string? Type { get; set; } = nameof(TicketType.Incident);
    [BindProperty] public int? ServiceId { get; set; }
    [BindProperty] public int? CategoryId { get; set; }
    [BindProperty] public bool ResolvedOnFirstContact { get; set; }
    [BindProperty] public string? Resolution { get; set; }

    public IReadOnlyList<CallerView>? Callers { get; private set; }
    public CallerView? Caller { get; private set; }
    public IReadOnlyList<CatalogueServiceView> Services { get; private set; } = [];
    public IReadOnlyList<KnownErrorView> KnownErrors { get; private set; } = [];

    /// <summary>Agents log calls for anyone; a council's own resolver groups for their council's people; other shared ICT staff only find callers.</summary>
    public bool MayLog { get; private set; }

    public override async Task LoadAsync(CancellationToken ct)
    {
        MayLog = (await viewers.LoadAsync(ct)).LogsCalls;
        Services = (await CatalogueAsync(ct)).Where(s => s.Active).ToList();
        KnownErrors = ServiceId is int id ? await Mediator.Send(new KnownErrorsFor(id), ct) : [];
        if (!string.IsNullOrWhiteSpace(Q)) Callers = await FilteredAsync(new FindCallers(Q), ct);
        if (!string.IsNullOrWhiteSpace(RequesterEmail))
        {
            // The chosen caller, as the search shows them (none if new to the desk, or not one this person may see).
            var email = RequesterEmail.Trim();
            Caller = Callers?.FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                ?? (email.Length >= FindCallers.MinLength && email.Length <= Core.TextRules.SearchMax
                    ? (await Mediator.Send(new FindCallers(email), ct)).FirstOrDefault(c => string.Equals(c.Email, email, StringComparison.OrdinalIgnoreCase))
                    : null);
        }
    }

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    /// <summary>The published workarounds for the chosen service, for the form to show as the choice changes.</summary>
    public async Task<IActionResult> OnGetKnownErrorsAsync(int? serviceId, CancellationToken ct) =>
        Partial("/Pages/Portal/_KnownErrors.cshtml", serviceId is int id ? await Mediator.Send(new KnownErrorsFor(id), ct) : []);

    /// <summary>Without script: shows the chosen service's known errors, keeping everything typed.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        CheckForm(ServiceId);
        if (string.IsNullOrWhiteSpace(RequesterEmail)) ModelState.AddModelError("requesterEmail", "Find the caller, or enter their email address");
        if (ResolvedOnFirstContact && string.IsNullOrWhiteSpace(Resolution)) ModelState.AddModelError("resolution", "Say how you resolved it on the call");
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var ticket = await Mediator.Send(new LogPhoneCall(Type, Title, Description, ServiceId, CategoryId, Impact, Urgency, RequesterEmail,
            RequesterName, Phone, string.IsNullOrWhiteSpace(CouncilCode) ? null : CouncilCode, ResolvedOnFirstContact, Resolution), ct);
        await AttachFilesAsync(ticket.Reference, ct);
        TempData["Done"] = ResolvedOnFirstContact
            ? $"Call logged as {ticket.Reference} and resolved on first contact."
            : $"Call logged as {ticket.Reference}.";
        return Redirect($"/desk/tickets/{ticket.Reference}");
    }
}
