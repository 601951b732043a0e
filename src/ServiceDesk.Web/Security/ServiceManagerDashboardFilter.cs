using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Web.Security;

/// <summary>Lets only shared ICT service managers into the job dashboard.</summary>
public sealed class ServiceManagerDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var personId = http.RequestServices.GetRequiredService<ICurrentActor>().PersonId;
        if (personId is null) return false;
        var db = http.RequestServices.GetRequiredService<IServiceDeskDb>();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId);
        return person is { IsSharedIct: true } && person.Has(PersonRoles.ServiceManager);
    }
}
