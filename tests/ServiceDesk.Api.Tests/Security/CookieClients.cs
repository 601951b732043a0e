using Microsoft.AspNetCore.Mvc.Testing;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>A client signed in as a browser is: with the sign-in cookie, not a bearer token.</summary>
public static class CookieClients
{
    public static async Task<HttpClient> SignInWithCookieAsync(this DeskFactory desk, string email)
    {
        var client = desk.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        await client.PostJsonAsync("/api/v1/auth/login?useCookies=true", new { email, password = "Demo-Desk-2026!" });
        return client;
    }
}
