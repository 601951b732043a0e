using MediatR;
using Microsoft.AspNetCore.Authorization;
using ServiceDesk.Web.Security;

namespace ServiceDesk.Web.Pages.Desk;

/// <summary>The desk's full-text search across tickets, replies, internal notes and (for shared ICT) received mail.</summary>
[Authorize(Policy = DeskPolicies.DeskStaff)]
public sealed class SearchModel(IMediator mediator) : SearchPageModel(mediator)
{
    public override string TicketHref(string reference) => $"/desk/tickets/{reference}";
    public override string Action => "/desk/search";
}
