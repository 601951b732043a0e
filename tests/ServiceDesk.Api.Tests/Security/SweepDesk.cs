using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MimeKit;
using MimeKit.Utils;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// One desk for the security sweeps, with some of Maidstone's data to aim at: a ticket with a file,
/// an email from Maidstone, a problem. The sweeps send junk and strangers' requests, so they get a
/// desk of their own rather than the one other tests share.
/// </summary>
public sealed class SweepDesk : DeskFactory, IAsyncLifetime
{
    public string TicketReference { get; private set; } = "";
    public long AttachmentId { get; private set; }
    public long MailId { get; private set; }
    public string ProblemReference { get; private set; } = "";

    /// <summary>A published help article for Maidstone alone.</summary>
    public string ArticleReference { get; private set; } = "";
    public int MaidstoneGroupId { get; private set; }
    public int MaidstonePersonId { get; private set; }
    public JsonElement OpenApi { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var alice = await SignInAsync(Accounts.MaidstoneRequester);
        var helen = await SignInAsync(Accounts.ProblemManager);
        var priya = await SignInAsync(Accounts.Agent);
        var service = await alice.ServiceIdAsync("Desktop hardware");
        TicketReference = await alice.RaiseAsync(service, "Maidstone: docking station drops the screen");

        var file = new ByteArrayContent("dock log"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        var attached = await (await alice.PostAsync($"/api/v1/tickets/{TicketReference}/attachments",
            new MultipartFormDataContent { { file, "file", "dock.txt" } })).JsonAsync(HttpStatusCode.OK);
        AttachmentId = attached.GetProperty("attachments")[0].GetProperty("id").GetInt64();

        var message = new MimeMessage { Subject = "Maidstone: scanner on floor 3", Date = Start, Body = new TextPart("plain") { Text = "It jams." } };
        message.From.Add(MailboxAddress.Parse(Accounts.MaidstoneRequester));
        message.To.Add(MailboxAddress.Parse("desk@sharedict.example"));
        message.MessageId = MimeUtils.GenerateMessageId("maidstone.example");
        using (var stream = new MemoryStream())
        {
            await message.WriteToAsync(stream);
            await SendAsync(new IngestEmail(MailReader.Read(stream.ToArray())));
        }
        var mail = await priya.GetJsonAsync("/api/v1/mail?status=" + string.Join(',', Enum.GetNames<Core.Domain.Email.InboundStatus>()));
        MailId = mail.GetProperty("items").EnumerateArray().First(m => m.Str("subject") == "Maidstone: scanner on floor 3").GetProperty("id").GetInt64();

        var problem = await helen.PostJsonAsync("/api/v1/problems", new
        {
            title = "Docking stations drop screens", description = "Seen at Maidstone.", serviceIds = new[] { service }, incidents = new[] { TicketReference },
        }, HttpStatusCode.Created);
        ProblemReference = problem.Str("reference");

        var article = await priya.PostJsonAsync("/api/v1/articles", new
        {
            title = "Maidstone House docking stations", body = "Press the dock's reset button.", serviceIds = new[] { service },
            audience = "ChosenCouncils", councils = new[] { "MBC" }, publish = true,
        }, HttpStatusCode.Created);
        ArticleReference = article.Str("reference");

        var groups = await alice.GetJsonAsync("/api/v1/resolver-groups");
        MaidstoneGroupId = groups.EnumerateArray().First(g => g.TryGetProperty("councilCode", out var c) && c.ValueKind == JsonValueKind.String && c.GetString() == "MBC")
            .GetProperty("id").GetInt32();

        var rob = await SignInAsync(Accounts.ServiceManager);
        MaidstonePersonId = (await rob.GetJsonAsync($"/api/v1/people?q={Accounts.MaidstoneRequester}")).GetProperty("items")[0].GetProperty("id").GetInt32();

        OpenApi = await CreateClient().GetJsonAsync("/openapi/v1.json");
    }

    /// <summary>Every operation the OpenAPI document describes.</summary>
    public IEnumerable<ApiOperation> Operations()
    {
        foreach (var path in OpenApi.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = op.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(p => new ApiParameter(p.Str("name"), p.Str("in"), p.TryGetProperty("schema", out var s) ? Resolve(s) : default)).ToList()
                    : [];
                string? contentType = null;
                JsonElement? body = null;
                if (op.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content))
                {
                    var first = content.EnumerateObject().First();
                    contentType = first.Name;
                    body = first.Value.TryGetProperty("schema", out var bs) ? Resolve(bs) : null;
                }
                yield return new ApiOperation(op.Name.ToUpperInvariant(), path.Name, parameters, contentType, body);
            }
    }

    /// <summary>A schema with its $ref followed to the document's components.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/').Last();
            return Resolve(OpenApi.GetProperty("components").GetProperty("schemas").GetProperty(name));
        }
        return schema;
    }
}

public sealed record ApiParameter(string Name, string In, JsonElement Schema);

public sealed record ApiOperation(string Method, string Path, IReadOnlyList<ApiParameter> Parameters, string? ContentType, JsonElement? Body)
{
    public override string ToString() => $"{Method} {Path}";
}

[CollectionDefinition(Name)]
public sealed class SweepDeskCollection : ICollectionFixture<SweepDesk>
{
    public const string Name = "sweep desk";
}
