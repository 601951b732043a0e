using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Domain;
using ServiceDesk.Core.Features.Accounts;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Forgotten passwords and invitations: an emailed, single-use, time-limited link to choose a
/// password, with answers that never say whether an address has an account.
/// </summary>
public sealed class PasswordResetTests(OwnDesk desk) : IClassFixture<OwnDesk>
{
    [Fact]
    public async Task Asking_for_a_reset_answers_the_same_for_known_and_unknown_addresses()
    {
        using var client = desk.CreateClient();
        var known = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.TunbridgeWellsRequester });
        var unknown = await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = "nobody@tunbridgewells.example" });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Single(await desk.MailToAsync(Accounts.TunbridgeWellsRequester, PasswordLinks.ResetKind));
        Assert.Empty(await desk.MailToAsync("nobody@tunbridgewells.example", PasswordLinks.ResetKind));

        // The page, too, says the same either way.
        var pages = new List<string>();
        foreach (var email in new[] { Accounts.TunbridgeWellsRequester, "nobody@tunbridgewells.example" })
        {
            var page = await (await client.SubmitFormAsync("/account/forgotten-password", new Dictionary<string, string> { ["email"] = email })).Content.ReadAsStringAsync();
            Assert.Contains($"If <strong>{email}</strong> has an account, we have sent a link", page);
            pages.Add(page.Replace(email, "ADDRESS", StringComparison.Ordinal));
        }
        Assert.Equal(pages[0], pages[1]);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_and_ends_the_old_one()
    {
        using var client = desk.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.Agent2 });
        var mail = (await desk.MailToAsync(Accounts.Agent2, PasswordLinks.ResetKind))[0];
        Assert.Contains("60 minutes", mail.Body);
        var token = SecurityDesk.QueryValue(SecurityDesk.LinkIn(mail), "token");

        var common = await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = Accounts.Agent2, token, newPassword = "passwordpassword" }, HttpStatusCode.BadRequest);
        Assert.Contains("too common", common.GetProperty("errors").GetProperty("newPassword")[0].GetString());

        await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = Accounts.Agent2, token, newPassword = "copper window autumn bridge" }, HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(Accounts.Agent2, "copper window autumn bridge")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(Accounts.Agent2, SecurityDesk.DemoPassword)).StatusCode);

        var again = await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = Accounts.Agent2, token, newPassword = "another long pass phrase" }, HttpStatusCode.BadRequest);
        Assert.True(again.GetProperty("errors").TryGetProperty("token", out _), again.ToString());
    }

    [Fact]
    public async Task A_reset_link_stops_working_after_an_hour()
    {
        using var client = desk.CreateClient();
        await client.PostAsJsonAsync("/api/v1/auth/forgot-password", new { email = Accounts.Infrastructure });
        var token = SecurityDesk.QueryValue(SecurityDesk.LinkIn((await desk.MailToAsync(Accounts.Infrastructure, PasswordLinks.ResetKind))[0]), "token");
        desk.Clock.Advance(TimeSpan.FromMinutes(61));
        var late = await client.PostJsonAsync("/api/v1/auth/reset-password", new { email = Accounts.Infrastructure, token, newPassword = "copper window autumn bridge" }, HttpStatusCode.BadRequest);
        Assert.True(late.GetProperty("errors").TryGetProperty("token", out _), late.ToString());
    }

    [Fact]
    public async Task An_invited_person_chooses_a_password_on_the_link_page_and_is_signed_in()
    {
        int personId;
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var council = await db.Councils.FirstAsync(c => c.Code == "MBC");
            var person = new Person("new.starter@maidstone.example", "Nia Starter", PersonRoles.Requester, council.Id);
            db.People.Add(person);
            await db.SaveChangesAsync();
            personId = person.Id;
            Assert.True(await scope.ServiceProvider.GetRequiredService<IPasswordLinks>().QueueInvitationAsync(personId, CancellationToken.None));
            await db.SaveChangesAsync();
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.PersonId == personId);
            Assert.Null(account.PasswordHash);
            Assert.False(account.EmailConfirmed);
        }
        var mail = Assert.Single(await desk.MailToAsync("new.starter@maidstone.example", PasswordLinks.InvitationKind));
        Assert.Equal("You have been invited to the Shared ICT Service Desk", mail.Subject);
        Assert.Contains("for 7 days", mail.Body);
        var link = SecurityDesk.LinkIn(mail);

        using var browser = desk.CreateClient(new() { AllowAutoRedirect = false });
        var tooShort = await browser.SubmitFormAsync(link, new Dictionary<string, string> { ["newPassword"] = "short" });
        var refused = await tooShort.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-summary", refused);
        Assert.Contains("Choose a password of at least 12 characters", refused);

        var chosen = await browser.SubmitFormAsync(link, new Dictionary<string, string> { ["newPassword"] = "violet canal biscuit tower" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me")).StatusCode);
        using (var scope = desk.Services.CreateScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<DeskUser>>().FindByEmailAsync("new.starter@maidstone.example"))!.EmailConfirmed);

        // The link is spent.
        using var later = desk.CreateClient();
        Assert.Contains("expired or has already been used", await later.GetStringAsync(link));
    }

    [Fact]
    public async Task An_invitation_link_works_for_seven_days_and_no_longer()
    {
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var person = new Person("later.starter@swale.example", "Lee Later", PersonRoles.Requester, (await db.Councils.FirstAsync(c => c.Code == "SBC")).Id);
            db.People.Add(person);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<IPasswordLinks>().QueueInvitationAsync(person.Id, CancellationToken.None);
            await db.SaveChangesAsync();
        }
        var link = SecurityDesk.LinkIn((await desk.MailToAsync("later.starter@swale.example", PasswordLinks.InvitationKind))[0]);
        using var browser = desk.CreateClient();
        desk.Clock.Advance(TimeSpan.FromDays(6.5));
        var sixDays = await (await browser.SubmitFormAsync(link, new Dictionary<string, string> { ["newPassword"] = "x" })).Content.ReadAsStringAsync();
        Assert.Contains("at least 12 characters", sixDays);
        desk.Clock.Advance(TimeSpan.FromDays(1));
        var eightDays = await (await browser.SubmitFormAsync(link, new Dictionary<string, string> { ["newPassword"] = "violet canal biscuit tower" })).Content.ReadAsStringAsync();
        Assert.Contains("expired or has already been used", eightDays);
    }

    [Fact]
    public async Task Invitations_are_written_only_when_the_caller_saves_so_many_go_in_one_batch()
    {
        using var scope = desk.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var council = await db.Councils.FirstAsync(c => c.Code == "SBC");
        var people = Enumerable.Range(1, 25).Select(i => new Person($"import.{i}@swale.example", $"Import Person {i}", PersonRoles.Requester, council.Id)).ToList();
        db.People.AddRange(people);
        await db.SaveChangesAsync();
        var links = scope.ServiceProvider.GetRequiredService<IPasswordLinks>();
        foreach (var person in people) await links.QueueInvitationAsync(person.Id, CancellationToken.None);

        using (var other = desk.Services.CreateScope())
            Assert.Equal(0, await other.ServiceProvider.GetRequiredService<ServiceDeskDbContext>().Notifications.CountAsync(n => n.RecipientEmail.StartsWith("import.")));
        await db.SaveChangesAsync();
        using (var other = desk.Services.CreateScope())
        {
            var saved = other.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            Assert.Equal(25, await saved.Notifications.CountAsync(n => n.RecipientEmail.StartsWith("import.") && n.Kind == PasswordLinks.InvitationKind));
            Assert.Equal(25, await saved.Users.CountAsync(u => u.Email!.StartsWith("import.") && u.PasswordHash == null));
        }
    }
}
