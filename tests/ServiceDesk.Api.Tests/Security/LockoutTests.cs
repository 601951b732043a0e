using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>Ten wrong passwords in a row pause an account's sign-in, on the page and the API alike, without saying the account exists.</summary>
public sealed class LockoutTests(OwnDesk desk) : IClassFixture<OwnDesk>
{
    [Fact]
    public async Task Twelve_wrong_passwords_then_the_right_one_is_refused_by_the_API()
    {
        using var client = desk.CreateClient();
        string? firstRefusal = null;
        for (var i = 0; i < 12; i++)
        {
            var wrong = await (await client.LoginAsync(Accounts.MaidstoneApprover, $"not-the-password-{i}")).JsonAsync(HttpStatusCode.Unauthorized);
            firstRefusal ??= wrong.Str("detail");
        }
        var right = await (await client.LoginAsync(Accounts.MaidstoneApprover, SecurityDesk.DemoPassword)).JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("try again in 15 minutes", right.Str("detail"));
        // The paused account answers exactly as a wrong password, and as an address with no account.
        Assert.Equal(firstRefusal, right.Str("detail"));
        var stranger = await (await client.LoginAsync("nobody@maidstone.example", "whatever-it-is")).JsonAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(firstRefusal, stranger.Str("detail"));
    }

    [Fact]
    public async Task Twelve_wrong_passwords_then_the_right_one_is_refused_on_the_sign_in_page()
    {
        using var client = desk.CreateClient(new() { AllowAutoRedirect = false });
        for (var i = 0; i < 12; i++)
            await client.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = Accounts.SwaleApprover, ["password"] = $"wrong-{i}" });
        var right = await client.SubmitFormAsync("/sign-in", new Dictionary<string, string> { ["email"] = Accounts.SwaleApprover, ["password"] = SecurityDesk.DemoPassword });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var page = await right.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", page);
        Assert.Contains("try again in 15 minutes", page);
        Assert.DoesNotContain(right.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.StartsWith("ServiceDesk.SignIn=", StringComparison.Ordinal) && !v.StartsWith("ServiceDesk.SignIn=;", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_seeded_account_can_be_locked_out()
    {
        using var scope = desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        Assert.True(await db.Users.CountAsync() > 20);
        Assert.True(await db.Users.AllAsync(u => u.LockoutEnabled));
    }
}
