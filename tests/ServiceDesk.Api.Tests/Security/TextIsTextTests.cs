using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Text is text: what people type is kept as typed, tags and all, and encoded wherever it is shown,
/// so markup in a reply is seen as characters and never runs.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class TextIsTextTests(SharedDesk desk)
{
    private const string Markup = "Try <details open ontoggle=alert(1)> and <body onload=alert(2)> or <x onclick=alert(3)>";

    [Fact]
    public async Task A_reply_mentioning_tags_is_kept_verbatim_and_shown_escaped_on_the_pages_and_in_mail()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ticket = await alice.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Outlook shows <unknown> as the sender", description = "It says <script>alert(1)</script> in the footer.",
            serviceId = await alice.ServiceIdAsync("Desktop hardware"), impact = "Low", urgency = "Low",
        }, HttpStatusCode.Created);
        var reference = ticket.Str("reference");
        Assert.Equal("Outlook shows <unknown> as the sender", ticket.Str("title"));

        var replied = await priya.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = Markup });
        Assert.Contains(replied.GetProperty("conversation").EnumerateArray(), c => c.Str("body") == Markup);
        await alice.PostJsonAsync($"/api/v1/tickets/{reference}/comments", new { body = "<b>Thanks</b>, <img src=x onerror=alert(4)>" });

        foreach (var (email, page) in new[] { (Accounts.MaidstoneRequester, $"/my-tickets/{reference}"), (Accounts.Agent, $"/desk/tickets/{reference}") })
        {
            var html = await (await desk.SignInWithCookieAsync(email)).GetStringAsync(page);
            Assert.Contains("&lt;details open ontoggle", html);
            Assert.DoesNotContain("<details open ontoggle", html);
            Assert.DoesNotContain("<img src=x", html);
            Assert.DoesNotContain("<script>alert(1)", html);
            Assert.Contains("&lt;unknown&gt;", html);
        }

        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var id = long.Parse(reference[3..]);
        var mail = Assert.Single(await db.Notifications.AsNoTracking().Where(n => n.TicketId == id && n.Kind == "reply").ToListAsync());
        Assert.Contains(Markup, mail.Body);
        // The reply goes as plain text; any HTML part must carry the text encoded.
        Assert.True(mail.HtmlBody is null || !mail.HtmlBody.Contains("<details", StringComparison.Ordinal), mail.HtmlBody);
    }
}
