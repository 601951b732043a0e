using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Council sovereignty, swept over the whole API: every GET the OpenAPI document describes with a
/// path parameter, asked by Swale's people for Maidstone's things, answers 404, as if they did not
/// exist. A new endpoint is covered the day it is added (and fails here until it is told what of
/// Maidstone's to ask for).
/// </summary>
[Collection(SweepDeskCollection.Name)]
public sealed class CrossCouncilSweepTests(SweepDesk desk)
{
    [Fact]
    public async Task Swale_people_asking_for_Maidstones_things_by_id_are_told_they_do_not_exist()
    {
        var callers = new Dictionary<string, HttpClient>
        {
            ["Swale requester"] = await desk.SignInAsync(Accounts.SwaleRequester),
            ["Swale approver"] = await desk.SignInAsync(Accounts.SwaleApprover),
        };
        // A rating link is not a lookup by id but a capability: the signed token from the resolution email
        // works for whoever holds it, signed in or not (its tampering, expiry and reuse are tested with it).
        var reads = desk.Operations().Where(op => op.Method == "GET" && op.Parameters.Any(p => p.In == "path")
            && !op.Path.StartsWith("/api/v1/rating-links/", StringComparison.Ordinal)).ToList();
        Assert.True(reads.Count >= 5, $"The OpenAPI document should describe the API's reads: {reads.Count}");

        var failures = new ConcurrentQueue<string>();
        var urls = reads.Select(op => (Operation: op, Url: MaidstoneUrl(op, failures))).Where(r => r.Url is not null).ToList();
        // Maidstone's own people (or shared ICT for its shared-ICT data) do see them: the ids are real,
        // so a 404 below means "not yours".
        var alice = await desk.SignInAsync(Accounts.MaidstoneRequester);
        var david = await desk.SignInAsync(Accounts.MaidstoneApprover);
        var helen = await desk.SignInAsync(Accounts.ProblemManager);
        var rob = await desk.SignInAsync(Accounts.ServiceManager);
        foreach (var (op, url) in urls)
        {
            // Suggested articles and article versions are for the desk; Maidstone's article is for its people.
            // A council's sign-in settings and provisioning tokens are shared ICT's (service managers').
            var owner = url!.Contains("/sign-in", StringComparison.Ordinal) || url.Contains("/provisioning-tokens", StringComparison.Ordinal) ? rob
                : url.StartsWith("/api/v1/councils", StringComparison.Ordinal) ? david
                : url.EndsWith("/suggested-articles", StringComparison.Ordinal) || url.EndsWith("/versions", StringComparison.Ordinal) ? helen
                : url.StartsWith("/api/v1/tickets", StringComparison.Ordinal) || url.StartsWith("/api/v1/articles", StringComparison.Ordinal) ? alice
                : url.StartsWith("/api/v1/people", StringComparison.Ordinal) || url.StartsWith("/api/v1/privacy", StringComparison.Ordinal) ? rob : helen;
            var seen = await owner.GetAsync(url);
            if (seen.StatusCode != HttpStatusCode.OK) failures.Enqueue($"{op}: {url} should exist for its owner but answered {(int)seen.StatusCode}");
        }

        await Parallel.ForEachAsync(callers.SelectMany(c => urls.Select(u => (c.Key, c.Value, u.Operation, u.Url))),
            new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
            {
                using var response = await item.Item2.GetAsync(item.Url, ct);
                if (response.StatusCode != HttpStatusCode.NotFound)
                    failures.Enqueue($"{item.Key}: {item.Operation} as {item.Url} → {(int)response.StatusCode}, not 404");
            });

        Assert.True(failures.IsEmpty, string.Join("\n", failures));
    }

    /// <summary>The operation's path with Maidstone's ids in it; an unknown parameter is a failure to fix here.</summary>
    private string? MaidstoneUrl(ApiOperation op, ConcurrentQueue<string> failures)
    {
        var url = op.Path;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
        {
            string? value = p.Name switch
            {
                "reference" when op.Path.StartsWith("/api/v1/problems", StringComparison.Ordinal) => desk.ProblemReference,
                "reference" when op.Path.StartsWith("/api/v1/articles", StringComparison.Ordinal) => desk.ArticleReference,
                "reference" or "ticketReference" when op.Path.StartsWith("/api/v1/tickets", StringComparison.Ordinal) => desk.TicketReference,
                "code" when op.Path.StartsWith("/api/v1/councils", StringComparison.Ordinal) => "MBC",
                "id" when op.Path.StartsWith("/api/v1/tickets/{reference}/attachments", StringComparison.Ordinal) => desk.AttachmentId.ToString(CultureInfo.InvariantCulture),
                "id" when op.Path.StartsWith("/api/v1/mail", StringComparison.Ordinal) => desk.MailId.ToString(CultureInfo.InvariantCulture),
                "resolverGroupId" => desk.MaidstoneGroupId.ToString(CultureInfo.InvariantCulture),
                "email" when op.Path.StartsWith("/api/v1/privacy/people", StringComparison.Ordinal) => Accounts.MaidstoneRequester,
                "id" when op.Path.StartsWith("/api/v1/people", StringComparison.Ordinal) => desk.MaidstonePersonId.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            if (value is null)
            {
                failures.Enqueue($"{op}: no Maidstone value for '{p.Name}'; add one to this sweep");
                return null;
            }
            url = url.Replace("{" + p.Name + "}", Uri.EscapeDataString(value));
        }
        return url;
    }
}
