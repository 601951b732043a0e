using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Portal;

/// <summary>Council staff search the tickets they may see: their public conversation, never internal notes.</summary>
[Authorize(Policy = DeskPolicies.CouncilStaff)]
public sealed class SearchModel(IMediator mediator) : SearchPageModel(mediator)
{
    public override string TicketHref(string reference) => $"/my-tickets/{reference}";
    public override string Action => "/search";
}
