using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Api.Tests;

/// <summary>Problems: raised by the problem manager, incidents linked from either side, known errors at the point of contact.</summary>
[Collection(DeskCollection.Name)]
public sealed class ProblemTests(SharedDesk desk)
{
    private static async Task<JsonElement> RaiseProblemAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/problems", body);
        var problem = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal($"/api/v1/problems/{problem.Str("reference")}", response.Headers.Location?.OriginalString);
        return problem;
    }

    private static IEnumerable<string> Incidents(JsonElement problem) =>
        problem.GetProperty("incidents").EnumerateArray().Select(i => i.Str("reference"));

    [Fact]
    public async Task A_problem_is_raised_with_its_incidents_linked_and_the_councils_they_come_from()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var email = await alice.ServiceIdAsync("Email and calendar");
        var a = await alice.RaiseAsync(email, "Outlook stuck on 'working offline'");
        var f = await frank.RaiseAsync(email, "Outlook says it is offline");

        var problem = await RaiseProblemAsync(helen, new
        {
            title = "Outlook goes offline after the overnight update", description = "Several councils report Outlook offline since the update.",
            serviceIds = new[] { email }, incidents = new[] { a, f },
        });

        Assert.Matches("^PRB-[0-9]{6}$", problem.Str("reference"));
        Assert.Equal("Logged", problem.Str("status"));
        Assert.Equal(Accounts.ProblemManager, problem.GetProperty("owner").Str("email"));
        Assert.Equal([a, f], Incidents(problem));
        Assert.Equal(["MBC", "SBC"], problem.GetProperty("councilsAffected").EnumerateArray().Select(c => c.Str("code")));
        Assert.Equal(["Email and calendar"], problem.GetProperty("services").EnumerateArray().Select(s => s.Str("name")));
        var listed = await helen.GetJsonAsync($"/api/v1/problems?q={problem.Str("reference")}");
        Assert.Equal(2, listed.GetProperty("items")[0].GetProperty("incidents").GetInt32());
    }

    [Fact]
    public async Task Incidents_link_and_unlink_from_either_side_and_a_ticket_links_to_one_problem_only()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var shares = await alice.ServiceIdAsync("File shares and storage");
        var first = await RaiseProblemAsync(helen, new { title = "Mapped drives missing at log-on", description = "Drive mappings fail.", serviceIds = new[] { shares } });
        var second = await RaiseProblemAsync(helen, new { title = "Share permissions reset", description = "Permissions revert.", serviceIds = new[] { shares } });
        var url = $"/api/v1/problems/{first.Str("reference")}";
        var ticket = await alice.RaiseAsync(shares, "H: drive missing again");

        // From the ticket's side ...
        var linked = await priya.PostJsonAsync($"/api/v1/tickets/{ticket}/problem", new { problemReference = first.Str("reference") });
        Assert.Equal(first.Str("reference"), linked.GetProperty("problem").Str("reference"));
        Assert.Equal([ticket], Incidents(await helen.GetJsonAsync(url)));

        // ... never to a second problem ...
        var conflict = await helen.PostJsonAsync($"/api/v1/problems/{second.Str("reference")}/incidents", new { incidents = new[] { ticket } }, HttpStatusCode.Conflict);
        Assert.Contains(first.Str("reference"), conflict.Str("detail"));

        // ... and unlinked from the problem's side, after which it may go elsewhere.
        var unlinked = await helen.DeleteJsonAsync($"{url}/incidents/{ticket}");
        Assert.Empty(Incidents(unlinked));
        var relinked = await helen.PostJsonAsync($"/api/v1/problems/{second.Str("reference")}/incidents", new { incidents = new[] { ticket } });
        Assert.Equal([ticket], Incidents(relinked));
        await helen.DeleteJsonAsync($"{url}/incidents/{ticket}", HttpStatusCode.NotFound);

        // Only incidents link; an unknown or malformed reference is a bad field.
        var request = await alice.RaiseAsync(await alice.ServiceIdAsync("Second monitor"), "Second screen please", type: "ServiceRequest");
        var bad = await helen.PostJsonAsync($"{url}/incidents", new { incidents = new[] { request } }, HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("incidents", out _));
        await helen.PostJsonAsync($"{url}/incidents", new { incidents = new[] { "SD-999999" } }, HttpStatusCode.BadRequest);
        await helen.PostJsonAsync($"{url}/incidents", new { incidents = Array.Empty<string>() }, HttpStatusCode.BadRequest);

        // Both histories tell the story.
        var history = (await helen.GetJsonAsync($"{url}/history")).EnumerateArray().Select(h => h.Str("change")).ToList();
        Assert.Contains("Incident linked", history);
        Assert.Contains("Incident unlinked", history);
        var ticketHistory = (await priya.GetJsonAsync($"/api/v1/tickets/{ticket}/history")).EnumerateArray().ToList();
        Assert.Equal(3, ticketHistory.Count(h => h.Str("change") == "Problem"));
    }

    [Fact]
    public async Task The_lifecycle_refuses_illegal_moves_with_409_and_bad_input_with_400_naming_the_field()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var service = await helen.ServiceIdAsync("Telephony");
        var problem = await RaiseProblemAsync(helen, new { title = "Desk phones reboot at noon", description = "Handsets restart daily.", serviceIds = new[] { service } });
        var url = $"/api/v1/problems/{problem.Str("reference")}";

        var missing = await helen.PostJsonAsync("/api/v1/problems", new { description = "no title", serviceIds = new[] { service } }, HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("title", out _));
        var noService = await helen.PostJsonAsync("/api/v1/problems", new { title = "x", description = "y", serviceIds = new[] { 99999 } }, HttpStatusCode.BadRequest);
        Assert.True(noService.GetProperty("errors").TryGetProperty("serviceIds", out _));
        var badStatus = await helen.PostJsonAsync($"{url}/status", new { status = "Fixed" }, HttpStatusCode.BadRequest);
        Assert.True(badStatus.GetProperty("errors").TryGetProperty("status", out _));

        var tooEarly = await helen.PostJsonAsync($"{url}/status", new { status = "Closed" }, HttpStatusCode.Conflict);
        Assert.Contains("Under investigation", tooEarly.Str("detail"));
        await helen.PostJsonAsync($"{url}/status", new { status = "UnderInvestigation" });
        var noRootCause = await helen.PostJsonAsync($"{url}/status", new { status = "KnownError" }, HttpStatusCode.BadRequest);
        Assert.True(noRootCause.GetProperty("errors").TryGetProperty("rootCause", out _));

        var known = await helen.PostJsonAsync($"{url}/status", new
        {
            status = "KnownError", rootCause = "A scheduled firmware check reboots the handsets.",
            workaround = "Use the softphone between 12:00 and 12:10.",
        });
        Assert.Equal("KnownError", known.Str("status"));
        Assert.True(known.GetProperty("knownErrorPublished").GetBoolean());

        // A stale If-Match is refused.
        await helen.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Firmware check moved to 02:00." }, HttpStatusCode.PreconditionFailed, ifMatch: "\"1\"");
        var resolved = await helen.PostJsonAsync($"{url}/status", new { status = "Resolved", resolution = "Firmware check moved to 02:00." });
        Assert.False(resolved.GetProperty("knownErrorPublished").GetBoolean());
        await helen.PostJsonAsync($"{url}/status", new { status = "Closed" });
        await helen.PostJsonAsync($"{url}/status", new { status = "UnderInvestigation" }, HttpStatusCode.Conflict);

        var statuses = (await helen.GetJsonAsync($"{url}/history")).EnumerateArray().Where(h => h.Str("change") == "Status").Select(h => h.Str("to"));
        Assert.Equal(["Under investigation", "Known error", "Resolved", "Closed"], statuses);
    }

    [Fact]
    public async Task Council_people_get_404_for_every_problem_candidate_and_trend()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var service = await helen.ServiceIdAsync("Telephony");
        var problem = await RaiseProblemAsync(helen, new { title = "Voicemail PINs reset", description = "PINs reset overnight.", serviceIds = new[] { service } });
        var url = $"/api/v1/problems/{problem.Str("reference")}";
        var ticket = await (await desk.SignInAsync(Accounts.MaidstoneRequester)).RaiseAsync(service, "Voicemail PIN no longer works");

        foreach (var email in new[] { Accounts.MaidstoneRequester, Accounts.MaidstoneApprover, Accounts.MaidstoneOnSite })
        {
            var council = await desk.SignInAsync(email);
            await council.GetJsonAsync("/api/v1/problems", HttpStatusCode.NotFound);
            await council.GetJsonAsync(url, HttpStatusCode.NotFound);
            await council.GetJsonAsync($"{url}/history", HttpStatusCode.NotFound);
            await council.GetJsonAsync("/api/v1/problems/candidates", HttpStatusCode.NotFound);
            await council.GetJsonAsync("/api/v1/trends", HttpStatusCode.NotFound);
            await council.GetJsonAsync("/api/v1/trends/repeat-callers", HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.NotFound, (await council.GetAsync("/api/v1/trends.csv")).StatusCode);
            await council.PostJsonAsync("/api/v1/problems", new { title = "x", description = "y", serviceIds = new[] { service } }, HttpStatusCode.NotFound);
            await council.PostJsonAsync($"{url}/status", new { status = "UnderInvestigation" }, HttpStatusCode.NotFound);
            await council.PostJsonAsync($"{url}/incidents", new { incidents = new[] { ticket } }, HttpStatusCode.NotFound);
            await council.DeleteJsonAsync($"{url}/incidents/{ticket}", HttpStatusCode.NotFound);
            // The same answer as for a problem that does not exist.
            var hidden = await council.GetJsonAsync(url, HttpStatusCode.NotFound);
            var none = await council.GetJsonAsync("/api/v1/problems/PRB-999999", HttpStatusCode.NotFound);
            Assert.Equal(none.Str("title"), hidden.Str("title"));
        }
        Assert.Equal("Logged", (await helen.GetJsonAsync(url)).Str("status"));
    }

    [Fact]
    public async Task A_known_error_is_suggested_when_logging_a_matching_incident_and_applied_with_one_click()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var lob = await helen.ServiceIdAsync("Line-of-business applications");
        var planning = await helen.CategoryIdAsync("Line-of-business applications", "Planning system");
        var housing = await helen.CategoryIdAsync("Line-of-business applications", "Housing system");
        const string workaround = "Upload documents from the 'Legacy upload' link at the foot of the application page.";
        var problem = await RaiseProblemAsync(helen, new
        {
            title = "Planning portal rejects uploads over 10 MB", description = "The new upload service refuses large files.",
            serviceIds = new[] { lob }, categoryId = planning,
        });
        var reference = problem.Str("reference");
        await helen.PostJsonAsync($"/api/v1/problems/{reference}/status", new
        {
            status = "KnownError", rootCause = "The upload gateway's request limit is 10 MB after the upgrade.", workaround,
        });

        // An agent logging a matching incident (same service and category) is shown the workaround.
        var logged = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Applicant can't upload site plan", description = "The upload fails at 100%.",
            serviceId = lob, categoryId = planning, impact = "Medium", urgency = "Medium", requesterEmail = Accounts.MaidstoneRequester, channel = "Phone",
        }, HttpStatusCode.Created);
        var suggestion = Assert.Single(logged.GetProperty("knownErrors").EnumerateArray(), k => k.Str("reference") == reference);
        Assert.Equal(workaround, suggestion.Str("workaround"));
        // Another category of the service is not matched.
        var other = await priya.PostJsonAsync("/api/v1/tickets", new
        {
            type = "Incident", title = "Housing system login error", description = "Authentication error.", serviceId = lob, categoryId = housing,
            impact = "Medium", urgency = "Medium", requesterEmail = Accounts.MaidstoneRequester,
        }, HttpStatusCode.Created);
        Assert.DoesNotContain(other.GetProperty("knownErrors").EnumerateArray(), k => k.Str("reference") == reference);

        // One click: the workaround goes to the requester as a public reply, and the incident is linked.
        var ticket = logged.Str("reference");
        var applied = await priya.PostJsonAsync($"/api/v1/tickets/{ticket}/workaround", new { problemReference = reference });
        Assert.Equal(reference, applied.GetProperty("problem").Str("reference"));
        Assert.Empty(applied.GetProperty("knownErrors").EnumerateArray());
        var reply = applied.GetProperty("conversation").EnumerateArray().Last();
        Assert.False(reply.GetProperty("internal").GetBoolean());
        Assert.Contains(workaround, reply.Str("body"));
        Assert.Contains(ticket, Incidents(await helen.GetJsonAsync($"/api/v1/problems/{reference}")));
        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var ticketId = long.Parse(ticket[3..]);
            var mail = await db.Notifications.Where(n => n.TicketId == ticketId && n.Kind == "reply").ToListAsync();
            Assert.Contains(mail, n => n.RecipientEmail == Accounts.MaidstoneRequester && n.Body.Contains(workaround));
        }

        // The requester sees the workaround, and nothing of the problem behind it.
        var mine = await alice.GetJsonAsync($"/api/v1/tickets/{ticket}");
        Assert.False(mine.TryGetProperty("problem", out _));
        Assert.False(mine.TryGetProperty("knownErrors", out _));
        Assert.DoesNotContain(reference, mine.GetRawText());
        Assert.DoesNotContain(reference, (await alice.GetJsonAsync($"/api/v1/tickets/{ticket}/history")).GetRawText());
        await alice.GetJsonAsync($"/api/v1/problems/{reference}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_requester_reporting_a_problem_sees_only_the_title_and_workaround_of_published_known_errors()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var printing = await frank.ServiceIdAsync("Printing and scanning");
        var scan = await frank.CategoryIdAsync("Printing and scanning", "Scan to email");
        var unpublished = await RaiseProblemAsync(helen, new { title = "Copier toner alerts are wrong", description = "Internal notes about the supplier.", serviceIds = new[] { printing } });

        var knownErrors = (await frank.GetJsonAsync($"/api/v1/known-errors?serviceId={printing}&categoryId={scan}")).EnumerateArray().ToList();

        // The demo partnership's published scan-to-email known error, and nothing under investigation.
        var shown = Assert.Single(knownErrors, k => k.Str("title") == "Scan to email from the copiers is not delivered");
        Assert.Equal(["title", "workaround"], shown.EnumerateObject().Select(p => p.Name).Order());
        Assert.DoesNotContain(knownErrors, k => k.Str("title") == unpublished.Str("title"));
        Assert.All(knownErrors, k => Assert.Equal(["title", "workaround"], k.EnumerateObject().Select(p => p.Name).Order()));
        var missing = await frank.GetJsonAsync("/api/v1/known-errors", HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("serviceId", out _));

        // The desk gets the reference, to apply it.
        var priya = await desk.SignInAsync(Accounts.Agent);
        Assert.All((await priya.GetJsonAsync($"/api/v1/known-errors?serviceId={printing}")).EnumerateArray(),
            k => Assert.StartsWith("PRB-", k.Str("reference")));
    }

    [Fact]
    public async Task Resolving_a_problem_resolves_its_open_incidents_telling_each_requester_once()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var priya = await desk.SignInAsync(Accounts.Agent);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var kate = await desk.SignInAsync(Accounts.TunbridgeWellsRequester);
        var wifi = await alice.ServiceIdAsync("Network and Wi-Fi");
        var a = await alice.RaiseAsync(wifi, "Wi-Fi drops in the council chamber");
        var f = await frank.RaiseAsync(wifi, "Wi-Fi drops on the second floor");
        var k = await kate.RaiseAsync(wifi, "Wi-Fi drops in the town hall");
        var done = await alice.RaiseAsync(wifi, "Wi-Fi dropped in reception");
        await priya.PostJsonAsync($"/api/v1/tickets/{f}/status", new { status = "AwaitingCustomer" });
        await priya.PostJsonAsync($"/api/v1/tickets/{done}/status", new { status = "Resolved", resolution = "Restarted the access point." });
        var problem = await RaiseProblemAsync(helen, new
        {
            title = "Access points drop clients after controller upgrade", description = "Clients disconnect every few minutes.",
            serviceIds = new[] { wifi }, incidents = new[] { a, f, k, done },
        });
        var reference = problem.Str("reference");

        desk.Clock.Advance(TimeSpan.FromMinutes(1));
        var since = desk.Clock.GetUtcNow().UtcDateTime;
        var resolved = await helen.PostJsonAsync($"/api/v1/problems/{reference}/status", new
        {
            status = "Resolved", resolution = "Rolled the wireless controller back to the previous release.", resolveIncidents = true,
        });

        Assert.Equal("Resolved", resolved.Str("status"));
        Assert.All(resolved.GetProperty("incidents").EnumerateArray(), i => Assert.Equal("Resolved", i.Str("status")));
        foreach (var (client, ticket) in new[] { (alice, a), (frank, f), (kate, k) })
        {
            var view = await client.GetJsonAsync($"/api/v1/tickets/{ticket}");
            Assert.Equal("Resolved", view.Str("status"));
            var reply = view.GetProperty("conversation").EnumerateArray().Last();
            Assert.Contains("Rolled the wireless controller back", reply.Str("body"));
            Assert.DoesNotContain(reference, view.GetRawText());
            Assert.Contains((await priya.GetJsonAsync($"/api/v1/tickets/{ticket}/history")).EnumerateArray(),
                h => h.Str("change") == "Resolved with problem" && h.Str("to") == reference);
        }
        var problemHistory = (await helen.GetJsonAsync($"/api/v1/problems/{reference}/history")).EnumerateArray();
        Assert.Equal([a, f, k], problemHistory.Where(h => h.Str("change") == "Incident resolved").Select(h => h.Str("to")));

        await using var scope = desk.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
        var ids = new[] { a, f, k, done }.Select(r => long.Parse(r[3..])).ToList();
        var mail = await db.Notifications.Where(n => n.TicketId != null && ids.Contains(n.TicketId.Value) && n.CreatedAt >= since).ToListAsync();
        // Each requester once, for their own incident; the incident already resolved is left alone.
        Assert.Equal(
            [(Accounts.MaidstoneRequester, a), (Accounts.SwaleRequester, f), (Accounts.TunbridgeWellsRequester, k)],
            mail.Select(n => (n.RecipientEmail, $"SD-{n.TicketId:D6}")).Order());
        Assert.All(mail, n => Assert.Equal("resolved", n.Kind));
        Assert.All(mail, n => Assert.Contains("Rolled the wireless controller back", n.Body));
    }

    [Fact]
    public async Task Candidate_problems_appear_at_five_incidents_in_seven_days_and_are_raised_with_all_their_incidents()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var frank = await desk.SignInAsync(Accounts.SwaleRequester);
        var remote = await alice.ServiceIdAsync("Remote access");
        var homeWorking = await alice.CategoryIdAsync("Remote access", "Home working");
        // Far past every other test's incidents, so the window holds only these.
        desk.Clock.Advance(TimeSpan.FromDays(30));
        async Task<JsonElement?> Candidate() =>
            (await helen.GetJsonAsync("/api/v1/problems/candidates")).EnumerateArray()
                .Cast<JsonElement?>().FirstOrDefault(c => c!.Value.GetProperty("serviceId").GetInt32() == remote
                    && c.Value.GetProperty("categoryId").ValueKind == JsonValueKind.Number && c.Value.GetProperty("categoryId").GetInt32() == homeWorking);

        var start = desk.Clock.GetUtcNow();
        var refs = new List<string>();
        for (var day = 0; day < 4; day++)
        {
            desk.Clock.SetUtcNow(start.AddDays(day * 2));
            refs.Add(await (day % 2 == 0 ? alice : frank).RaiseIncidentAsync(remote, homeWorking, $"Can't reach file shares from home ({day})"));
        }
        Assert.Null(await Candidate());

        desk.Clock.SetUtcNow(start.AddDays(6).AddHours(1));
        refs.Add(await alice.RaiseIncidentAsync(remote, homeWorking, "Can't reach file shares from home (4)"));
        var five = await Candidate();
        Assert.NotNull(five);
        Assert.Equal(refs, five.Value.GetProperty("incidents").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(["MBC", "SBC"], five.Value.GetProperty("councils").EnumerateArray().Select(c => c.GetString()));

        // Seven days after the first, it has left the window: four remain.
        desk.Clock.SetUtcNow(start.AddDays(7));
        Assert.Null(await Candidate());
        refs.Add(await frank.RaiseIncidentAsync(remote, homeWorking, "Can't reach file shares from home (5)"));
        Assert.Equal(5, (await Candidate())!.Value.GetProperty("count").GetInt32());

        // An incident linked to a problem no longer counts.
        var other = await RaiseProblemAsync(helen, new { title = "Home broadband routers block the VPN port", description = "Some routers.", incidents = new[] { refs[1] } });
        Assert.Equal(["Remote access"], other.GetProperty("services").EnumerateArray().Select(s => s.Str("name")));
        Assert.Null(await Candidate());

        refs.Add(await alice.RaiseIncidentAsync(remote, homeWorking, "Can't reach file shares from home (6)"));
        var candidate = (await Candidate())!.Value;
        var raised = await helen.PostAsJsonAsync("/api/v1/problems/candidates/raise", new { serviceId = remote, categoryId = homeWorking });
        var problem = await raised.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(candidate.GetProperty("incidents").EnumerateArray().Select(i => i.GetString()), Incidents(problem));
        Assert.Equal(refs.Skip(2), Incidents(problem));
        Assert.Null(await Candidate());
        await helen.PostJsonAsync("/api/v1/problems/candidates/raise", new { serviceId = remote, categoryId = homeWorking }, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_weekly_digest_writes_one_notification_per_problem_manager_once_a_week()
    {
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var service = await helen.ServiceIdAsync("Microsoft 365 apps");
        desk.Clock.Advance(TimeSpan.FromDays(60));
        var problem = await RaiseProblemAsync(helen, new { title = "Teams meetings lose video", description = "Video stops after 20 minutes.", serviceIds = new[] { service } });
        await helen.PostJsonAsync($"/api/v1/problems/{problem.Str("reference")}/status",
            new { status = "KnownError", rootCause = "A GPU driver update.", workaround = "Turn off hardware acceleration in Teams settings." });

        await desk.RunJobAsync<ProblemDigestJob>(job => job.RunAsync(CancellationToken.None));
        Assert.Equal(0, await desk.SendAsync(new SendProblemDigest()));

        await using (var scope = desk.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ServiceDeskDbContext>();
            var digest = Assert.Single(await db.Notifications.Where(n => n.Kind == SendProblemDigestHandler.Kind).ToListAsync());
            Assert.Equal(Accounts.ProblemManager, digest.RecipientEmail);
            Assert.Contains(problem.Str("reference"), digest.Body);
            Assert.Contains("Turn off hardware acceleration", digest.Body);
        }

        // A week later, a new digest.
        desk.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(1, await desk.SendAsync(new SendProblemDigest()));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_problem_and_trend_paths()
    {
        var document = JsonDocument.Parse(await desk.CreateClient().GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.All(new[]
        {
            "/api/v1/problems", "/api/v1/problems/{reference}", "/api/v1/problems/{reference}/incidents",
            "/api/v1/problems/{reference}/incidents/{ticketReference}", "/api/v1/problems/{reference}/status",
            "/api/v1/problems/candidates", "/api/v1/trends", "/api/v1/trends.csv", "/api/v1/known-errors",
        }, path => Assert.Contains(path, paths));
    }
}
