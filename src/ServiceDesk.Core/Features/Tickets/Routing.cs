using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Core.Features.Tickets;

/// <summary>Where a new ticket goes: the resolver group its service names for the requester's council.</summary>
public static class Routing
{
    /// <summary>The group <see cref="CatalogueService.ResolverGroupFor"/> names (the service's routes must be loaded).</summary>
    public static async Task<ResolverGroup> RoutedGroupAsync(this IServiceDeskDb db, CatalogueService service, Council council, CancellationToken ct)
    {
        var id = service.ResolverGroupFor(council.Id);
        return await db.ResolverGroups.FirstAsync(g => g.Id == id, ct);
    }
}
