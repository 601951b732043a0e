using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.Knowledge;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>Knowledge articles: their life and versions, audiences, search, "Did this help?", deflection, known errors and reviews.</summary>
[Collection(DeskCollection.Name)]
public sealed class KnowledgeTests(SharedDesk desk)
{
    private static async Task<JsonElement> DraftAsync(HttpClient author, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await author.PostAsync("/api/v1/articles", System.Net.Http.Json.JsonContent.Create(body));
        var article = await response.JsonAsync(expected);
        if (expected == HttpStatusCode.Created)
            Assert.Equal($"/api/v1/articles/{article.Str("reference")}", response.Headers.Location?.OriginalString);
        return article;
    }

    private static async Task<JsonElement> PatchAsync(HttpClient client, string url, object body, string? ifMatch, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await (await client.SendAsync(request)).JsonAsync(expected);
    }

    private static IReadOnlyList<string> References(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.Str("reference")).ToList();

    [Fact]
    public async Task An_article_is_drafted_out_of_sight_published_and_every_change_is_a_version_saying_who_changed_what()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var tom = await desk.SignInAsync(Accounts.Agent2);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var email = await priya.ServiceIdAsync("Email and calendar");
        var draft = await DraftAsync(priya, new
        {
            title = "Add a shared mailbox to Outlook", body = "Choose **File → Account settings**.\n\n<script>alert('x')</script><a href=\"javascript:alert(1)\">x</a>",
            serviceIds = new[] { email }, category = "Shared mailbox access", keywords = new[] { "shared mailbox", "delegate" },
        });
        var url = $"/api/v1/articles/{draft.Str("reference")}";
        Assert.Matches("^KB-[0-9]{6}$", draft.Str("reference"));
        Assert.Equal("Draft", draft.Str("status"));
        Assert.Equal(Accounts.Agent, draft.GetProperty("owner").Str("email"));
        await alice.GetJsonAsync(url, HttpStatusCode.NotFound);

        var published = await priya.PostJsonAsync($"{url}/status", new { status = "Published" }, ifMatch: "\"1\"");
        Assert.Equal("Published", published.Str("status"));
        Assert.Equal(DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime).AddYears(1).ToString("yyyy-MM-dd"), published.Str("reviewOn"));
        var read = await alice.GetJsonAsync(url);
        Assert.Contains("<strong>File → Account settings</strong>", read.Str("bodyHtml"));
        Assert.DoesNotContain("<script", read.Str("bodyHtml"));
        Assert.DoesNotContain("javascript:", read.Str("bodyHtml"));
        Assert.Equal(JsonValueKind.Null, read.GetProperty("owner").ValueKind);

        await PatchAsync(tom, url, new { title = "Open a shared mailbox in Outlook" }, "\"1\"", HttpStatusCode.PreconditionFailed);
        await PatchAsync(tom, url, new { title = "Open a shared mailbox in Outlook" }, "\"2\"");
        await PatchAsync(alice, url, new { title = "Mine now" }, null, HttpStatusCode.Forbidden);
        await priya.PostJsonAsync($"{url}/status", new { status = "Published" }, HttpStatusCode.Conflict);

        var versions = (await priya.GetJsonAsync($"{url}/versions")).EnumerateArray().ToList();
        Assert.Equal(["Changed: title", "Published", "Drafted"], versions.Select(v => v.Str("change")));
        Assert.Equal(["Tom Okafor", "Priya Shah", "Priya Shah"], versions.Select(v => v.Str("by")));
        Assert.Equal("Add a shared mailbox to Outlook", versions[1].Str("title"));
        await alice.GetJsonAsync($"{url}/versions", HttpStatusCode.Forbidden);

        await priya.PostJsonAsync($"{url}/status", new { status = "Retired" });
        await alice.GetJsonAsync(url, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_only_the_shared_ict_team_writes_articles()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        Assert.True((await DraftAsync(priya, new { body = "x" }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("title", out _));
        Assert.True((await DraftAsync(priya, new { title = "t", body = "x", audience = "Everyone" }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("audience", out _));
        Assert.True((await DraftAsync(priya, new { title = "t", body = "x", audience = "ChosenCouncils" }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("councils", out _));
        Assert.True((await DraftAsync(priya, new { title = "t", body = "x", audience = "ChosenCouncils", councils = new[] { "NOPE" } }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("councils", out _));
        Assert.True((await DraftAsync(priya, new { title = "t", body = "x", serviceIds = new[] { 99999 } }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("serviceIds", out _));
        Assert.True((await DraftAsync(priya, new { title = "t", body = "x", ownerEmail = Accounts.MaidstoneRequester }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("ownerEmail", out _));
        await DraftAsync(alice, new { title = "My own tips", body = "x" }, HttpStatusCode.Forbidden);
        Assert.True((await alice.GetJsonAsync("/api/v1/articles?pageSize=0", HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("pageSize", out _));
    }

    [Fact]
    public async Task An_article_for_chosen_councils_or_the_desk_alone_does_not_exist_for_anyone_else_in_search_too()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var ellie = await desk.SignInAsync(Accounts.MaidstoneOnSite);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var sam = await desk.SignInAsync(Accounts.SharedPost);
        var swaleOnly = await DraftAsync(priya, new
        {
            title = "Zephyrgate badge readers at Swale House", body = "Tap the zephyrgate reader twice.", audience = "ChosenCouncils", councils = new[] { "SBC" }, publish = true,
        });
        var deskOnly = await DraftAsync(priya, new { title = "Zephyrgate reader reset for the desk", body = "Power-cycle the zephyrgate controller.", audience = "DeskStaff", publish = true });
        var (swale, note) = ($"/api/v1/articles/{swaleOnly.Str("reference")}", $"/api/v1/articles/{deskOnly.Str("reference")}");

        Assert.Equal([swaleOnly.Str("reference")], References(await frank.GetJsonAsync("/api/v1/articles?q=zephyrgate")));
        Assert.Equal([swaleOnly.Str("reference")], References(await sam.GetJsonAsync("/api/v1/articles?q=zephyrgate")));
        await frank.GetJsonAsync(swale);
        Assert.Empty(References(await alice.GetJsonAsync("/api/v1/articles?q=zephyrgate")));
        Assert.Empty(References(await alice.GetJsonAsync("/api/v1/articles/suggestions?text=zephyrgate+badge")));
        await alice.GetJsonAsync(swale, HttpStatusCode.NotFound);
        await alice.PostJsonAsync($"{swale}/feedback", new { helpful = true }, HttpStatusCode.NotFound);
        await alice.PostJsonAsync($"{swale}/deflections", new { summary = "badge" }, HttpStatusCode.NotFound);
        await frank.GetJsonAsync(note, HttpStatusCode.NotFound);
        Assert.DoesNotContain(deskOnly.Str("reference"), References(await frank.GetJsonAsync("/api/v1/articles?q=zephyrgate")));

        // A council's own resolver-group member is desk staff: desk notes, yes; another council's article, no.
        Assert.Equal([deskOnly.Str("reference")], References(await ellie.GetJsonAsync("/api/v1/articles?q=zephyrgate")));
        Assert.Equal(2, (await priya.GetJsonAsync("/api/v1/articles?q=zephyrgate")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Search_ranks_the_best_match_first_and_forgives_a_mistyped_word()
    {
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var found = await alice.GetJsonAsync("/api/v1/articles?q=outlok+password");
        Assert.Equal("Outlook keeps asking for my password", found.GetProperty("items")[0].Str("title"));
        Assert.Equal("outlook password", found.Str("didYouMean"));
        var wifi = await alice.GetJsonAsync("/api/v1/articles?q=wirless");
        Assert.Equal("Connect to the office Wi-Fi on a council laptop", wifi.GetProperty("items")[0].Str("title"));
        // Search words are words, never query syntax.
        await alice.GetJsonAsync("/api/v1/articles?q=%22outlook%22+OR+NEAR(*)+%3A*+%7C");
        var email = await alice.ServiceIdAsync("Email and calendar");
        var browsed = await alice.GetJsonAsync($"/api/v1/articles?serviceId={email}");
        Assert.Contains("Outlook keeps asking for my password", browsed.GetProperty("items").EnumerateArray().Select(i => i.Str("title")));
        Assert.DoesNotContain("Desk note: rebuilding a corrupt Outlook profile", browsed.GetProperty("items").EnumerateArray().Select(i => i.Str("title")));
    }

    [Fact]
    public async Task Did_this_help_counts_once_per_person_and_views_votes_and_deflected_contacts_reach_the_council_s_monthly_report()
    {
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var ben = await desk.SignInAsync(Accounts.MaidstoneRequester2);
        var month = desk.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM");
        async Task<Dictionary<string, int>> SelfServiceAsync() =>
            (await rob.GetJsonAsync($"/api/v1/reports/sla?month={month}&council=MBC")).GetProperty("figures").GetProperty("counts").EnumerateArray()
                .Where(c => c.Str("section") == "Self-service").ToDictionary(c => c.Str("label"), c => c.GetProperty("count").GetInt32());
        var before = await SelfServiceAsync();

        var suggested = await ben.GetJsonAsync("/api/v1/articles/suggestions?text=Outlook+keeps+asking+me+for+my+password");
        var url = $"/api/v1/articles/{suggested.GetProperty("items")[0].Str("reference")}";
        await ben.GetJsonAsync(url);
        var counted = await priya.GetJsonAsync(url);
        await ben.PostJsonAsync($"{url}/feedback", new { helpful = false });
        var answered = await ben.PostJsonAsync($"{url}/feedback", new { helpful = true });
        Assert.True(answered.GetProperty("yourAnswerHelpful").GetBoolean());
        var after = await priya.GetJsonAsync(url);
        Assert.Equal(counted.GetProperty("counts").GetProperty("helpful").GetInt32() + 1, after.GetProperty("counts").GetProperty("helpful").GetInt32());
        Assert.Equal(counted.GetProperty("counts").GetProperty("notHelpful").GetInt32(), after.GetProperty("counts").GetProperty("notHelpful").GetInt32());
        Assert.True((await ben.PostJsonAsync($"{url}/feedback", new { }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("helpful", out _));

        var deflected = await ben.PostJsonAsync($"{url}/deflections", new { summary = "Outlook keeps asking me for my password" }, HttpStatusCode.Created);
        Assert.Equal("MBC", deflected.Str("council"));
        await priya.PostJsonAsync($"{url}/deflections", new { }, HttpStatusCode.Forbidden);

        var now = await SelfServiceAsync();
        Assert.Equal(before["Articles viewed"] + 1, now["Articles viewed"]);
        Assert.Equal(before["Helpful votes"] + 1, now["Helpful votes"]);
        Assert.Equal(before["Deflected contacts"] + 1, now["Deflected contacts"]);
        var csv = await (await rob.GetAsync($"/api/v1/reports/sla.csv?month={month}&council=MBC")).Content.ReadAsStringAsync();
        Assert.Contains("\r\nSelf-service,Deflected contacts,", csv);
    }

    [Fact]
    public async Task A_known_error_is_published_as_an_article_with_its_workaround_and_retired_when_the_problem_is_resolved()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var phones = await helen.ServiceIdAsync("Telephony");
        var problem = await helen.PostJsonAsync("/api/v1/problems", new
        {
            title = "Quorvex softphones drop calls after 30 minutes", description = "Calls cut off.", serviceIds = new[] { phones },
        }, HttpStatusCode.Created);
        var url = $"/api/v1/problems/{problem.Str("reference")}";
        await helen.PostJsonAsync($"{url}/status", new { status = "UnderInvestigation" });
        await helen.PostJsonAsync($"{url}/status", new
        {
            status = "KnownError", rootCause = "A session timer in the call server.", workaround = "Use the quorvex desk phone for long calls.",
        });

        var found = Assert.Single((await alice.GetJsonAsync("/api/v1/articles?q=quorvex")).GetProperty("items").EnumerateArray());
        var article = await alice.GetJsonAsync($"/api/v1/articles/{found.Str("reference")}");
        Assert.Equal("Quorvex softphones drop calls after 30 minutes", article.Str("title"));
        Assert.Equal("Use the quorvex desk phone for long calls.", article.Str("body"));
        Assert.Equal(JsonValueKind.Null, article.GetProperty("problemReference").ValueKind);
        Assert.Equal(problem.Str("reference"), (await helen.GetJsonAsync($"/api/v1/articles/{found.Str("reference")}")).Str("problemReference"));

        await PatchAsync(helen, url, new { workaround = "Use the quorvex desk phone, or call back after 25 minutes." }, null);
        Assert.Equal("Use the quorvex desk phone, or call back after 25 minutes.", (await alice.GetJsonAsync($"/api/v1/articles/{found.Str("reference")}")).Str("body"));

        await helen.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "The call server was patched." });
        await alice.GetJsonAsync($"/api/v1/articles/{found.Str("reference")}", HttpStatusCode.NotFound);
        Assert.Equal("Retired", (await helen.GetJsonAsync($"/api/v1/articles/{found.Str("reference")}")).Str("status"));
    }

    [Fact]
    public async Task The_owner_is_reminded_once_when_an_article_falls_due_for_review_and_marking_it_reviewed_sets_the_next_date()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var tomorrow = DateOnly.FromDateTime(desk.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        var article = await DraftAsync(priya, new
        {
            title = "Order toner for a team printer", body = "Report it with the printer's asset tag.", reviewOn = tomorrow.ToString("yyyy-MM-dd"),
            ownerEmail = Accounts.Agent2, publish = true,
        });
        int Reminders(ServiceDeskDbContext db) => db.Notifications.Count(n => n.Kind == SendArticleReviewRemindersHandler.Kind && n.Subject.Contains(article.Str("reference")));

        await desk.RunJobAsync<ArticleReviewJob>(job => job.RunAsync(CancellationToken.None));
        using (var scope = desk.Services.CreateScope()) Assert.Equal(0, Reminders(scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>()));

        desk.Clock.Advance(TimeSpan.FromDays(1));
        await desk.RunJobAsync<ArticleReviewJob>(job => job.RunAsync(CancellationToken.None));
        await desk.RunJobAsync<ArticleReviewJob>(job => job.RunAsync(CancellationToken.None));
        using (var scope = desk.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            Assert.Equal(1, Reminders(db));
            var mail = await db.Notifications.FirstAsync(n => n.Kind == SendArticleReviewRemindersHandler.Kind && n.Subject.Contains(article.Str("reference")));
            Assert.Equal(Accounts.Agent2, mail.RecipientEmail);
        }
        var reviewed = await priya.PostJsonAsync($"/api/v1/articles/{article.Str("reference")}/reviewed", new { });
        Assert.False(reviewed.GetProperty("reviewDue").GetBoolean());
        Assert.True((await priya.PostJsonAsync($"/api/v1/articles/{article.Str("reference")}/reviewed", new { nextReviewOn = "2020-01-01" }, HttpStatusCode.BadRequest))
            .GetProperty("errors").TryGetProperty("nextReviewOn", out _));
    }

    [Fact]
    public async Task The_desk_is_offered_articles_for_a_ticket_and_turns_a_resolution_into_a_draft_article()
    {
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var email = await alice.ServiceIdAsync("Email and calendar");
        var ticket = await alice.RaiseAsync(email, "Outlook asks for my password every few minutes");

        var suggested = await priya.GetJsonAsync($"/api/v1/tickets/{ticket}/suggested-articles");
        Assert.Contains("Outlook keeps asking for my password", suggested.GetProperty("items").EnumerateArray().Select(i => i.Str("title")));
        await frank.GetJsonAsync($"/api/v1/tickets/{ticket}/suggested-articles", HttpStatusCode.NotFound);
        await alice.GetJsonAsync($"/api/v1/tickets/{ticket}/suggested-articles", HttpStatusCode.Forbidden);

        await priya.PostJsonAsync($"/api/v1/tickets/{ticket}/article", null, HttpStatusCode.Conflict);
        await priya.PostJsonAsync($"/api/v1/tickets/{ticket}/status", new { status = "Resolved", resolution = "Cleared the saved credentials and signed in again." });
        var draft = await priya.PostJsonAsync($"/api/v1/tickets/{ticket}/article", null, HttpStatusCode.Created);
        Assert.Equal("Draft", draft.Str("status"));
        Assert.Equal(ticket, draft.Str("sourceTicket"));
        Assert.Contains("Cleared the saved credentials and signed in again.", draft.Str("body"));
        Assert.Equal([email], draft.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
        await alice.GetJsonAsync($"/api/v1/articles/{draft.Str("reference")}", HttpStatusCode.NotFound);
    }
}
