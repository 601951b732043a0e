using Microsoft.AspNetCore.Identity;

namespace ServiceDesk.Infrastructure.Identity;

/// <summary>A sign-in account (ASP.NET Core Identity) for one person of the desk.</summary>
public sealed class DeskUser : IdentityUser
{
    public int PersonId { get; set; }
}
