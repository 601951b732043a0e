using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>The password rule (NCSC): at least 12 characters, not a common password, no composition rules.</summary>
public sealed class PasswordRuleTests(OwnDesk desk) : IClassFixture<OwnDesk>
{
    private async Task<System.Text.Json.JsonElement> ChangeAsync(string email, string newPassword, HttpStatusCode expected)
    {
        var client = await desk.SignInAsync(email);
        return await client.PostJsonAsync("/api/v1/me/password", new { currentPassword = SecurityDesk.DemoPassword, newPassword }, expected);
    }

    private static string NewPasswordError(System.Text.Json.JsonElement problem) =>
        problem.GetProperty("errors").GetProperty("newPassword")[0].GetString()!;

    [Fact]
    public async Task A_password_shorter_than_12_characters_is_refused_with_the_reason()
    {
        var problem = await ChangeAsync(Accounts.MaidstoneRequester, "Tr0ub4dor&3", HttpStatusCode.BadRequest);
        Assert.Contains("Choose a password of at least 12 characters", NewPasswordError(problem));
    }

    [Theory]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("Administrator")]
    [InlineData("QWERTY123456")]
    public async Task A_common_password_is_refused_even_when_long_enough(string common)
    {
        var problem = await ChangeAsync(Accounts.MaidstoneRequester2, common, HttpStatusCode.BadRequest);
        Assert.Contains("This password is too common; choose another", NewPasswordError(problem));
    }

    [Fact]
    public async Task A_long_password_of_plain_words_is_accepted_without_digits_capitals_or_symbols()
    {
        await ChangeAsync(Accounts.SwaleRequester, "kettle orchard lantern ferry", HttpStatusCode.NoContent);
        using var client = desk.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(Accounts.SwaleRequester, "kettle orchard lantern ferry")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(Accounts.SwaleRequester, SecurityDesk.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task The_demo_password_meets_the_rule_and_the_common_list_is_large()
    {
        using var scope = desk.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<DeskUser>>();
        var someone = await users.FindByEmailAsync(Accounts.Agent);
        foreach (var validator in users.PasswordValidators)
            Assert.True((await validator.ValidateAsync(users, someone!, SecurityDesk.DemoPassword)).Succeeded);
        Assert.True(scope.ServiceProvider.GetRequiredService<CommonPasswords>().Count >= 10_000);
    }
}
