using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using ServiceDesk.Core.Access;

namespace ServiceDesk.Web.Security;

/// <summary>
/// Who may use which pages. The browser signs in with Identity's cookie; each policy asks the
/// person's <see cref="Viewer"/> (councils, roles, resolver groups) as the API's use cases do.
/// </summary>
public static class DeskPolicies
{
    public const string SignedIn = "signed-in";
    /// <summary>Council staff: the requester portal.</summary>
    public const string CouncilStaff = "council-staff";
    /// <summary>Shared ICT staff and resolver group members: the agents' workspace.</summary>
    public const string DeskStaff = "desk-staff";
    /// <summary>Shared ICT staff only: problems, candidate problems and trends (figures across every council).</summary>
    public const string SharedIct = "shared-ict";
    public const string Approver = "approver";
    public const string ServiceManager = "service-manager";
    /// <summary>Those who decide approvals: council approvers and service managers (the standards check).</summary>
    public const string ApprovalDecider = "approval-decider";

    public static void AddDeskPolicies(this AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => Cookie(p));
        options.AddPolicy(CouncilStaff, p => Cookie(p).AddRequirements(new ViewerRequirement(v => !v.Person.IsSharedIct)));
        options.AddPolicy(DeskStaff, p => Cookie(p).AddRequirements(new ViewerRequirement(v => v.IsStaff)));
        options.AddPolicy(SharedIct, p => Cookie(p).AddRequirements(new ViewerRequirement(v => v.SeesAllCouncils)));
        options.AddPolicy(Approver, p => Cookie(p).AddRequirements(new ViewerRequirement(v => v.IsApprover)));
        options.AddPolicy(ApprovalDecider, p => Cookie(p).AddRequirements(new ViewerRequirement(v => v.IsApprover || v.IsServiceManager)));
        options.AddPolicy(ServiceManager, p => Cookie(p).AddRequirements(new ViewerRequirement(v => v.IsServiceManager)));
    }

    private static AuthorizationPolicyBuilder Cookie(AuthorizationPolicyBuilder p) =>
        p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser();
}

/// <summary>A rule on the signed-in person's <see cref="Viewer"/>.</summary>
public sealed class ViewerRequirement(Func<Viewer, bool> allows) : IAuthorizationRequirement
{
    public bool Allows(Viewer viewer) => allows(viewer);
}

/// <summary>Loads the request's viewer once and applies the page's rule.</summary>
public sealed class ViewerRequirementHandler(ViewerLoader viewers) : AuthorizationHandler<ViewerRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ViewerRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return;
        try
        {
            if (requirement.Allows(await viewers.LoadAsync(CancellationToken.None))) context.Succeed(requirement);
        }
        catch (UnauthenticatedException)
        {
            // A sign-in that names no person of the desk allows nothing.
        }
    }
}
