using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceDesk.Api.Tests.Security;

/// <summary>
/// Every operation the OpenAPI document describes (so a new endpoint is covered the day it is added)
/// is sent junk by every kind of caller: no body, null, wrong JSON types, a 1 MB string, control
/// characters, values outside every enum, bad If-Match headers, nonsense in the path and query.
/// Whatever the answer, it is never a server error.
/// </summary>
[Collection(SweepDeskCollection.Name)]
public sealed class JunkSweepTests(SweepDesk desk)
{
    private static readonly string Megabyte = new('x', 1_000_000);
    private const string ControlCharacters = "\u0000\u0001\b\u001b\u007f\u0085\u2028\u202e\ufeff\uffff end";
    private static readonly string[] BadIfMatch = ["garbage", "\"abc\"", "W/\"1\"", "\"99999999999999999999\"", "\"-1\", ,", "\""];

    [Fact]
    public async Task No_junk_sent_to_any_operation_by_any_caller_gets_a_server_error()
    {
        var callers = new Dictionary<string, HttpClient>
        {
            ["requester"] = await desk.SignInAsync(Accounts.MaidstoneRequester),
            ["approver"] = await desk.SignInAsync(Accounts.MaidstoneApprover),
            ["agent"] = await desk.SignInAsync(Accounts.Agent),
            ["service manager"] = await desk.SignInAsync(Accounts.ServiceManager),
            ["stranger"] = desk.CreateClient(),
        };
        var operations = desk.Operations().ToList();
        Assert.True(operations.Count > 30, $"The OpenAPI document should describe the API: {operations.Count} operations");

        var failures = new ConcurrentQueue<(string Caller, string Request, string Answer)>();
        var sent = 0;
        // Each operation's junk is made once and sent by every caller.
        var junk = operations.Select(op => Junk(op).ToList()).ToList();
        var work = callers.SelectMany(c => junk.Select(specs => (Caller: c.Key, Client: c.Value, Specs: specs)));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (item, ct) =>
        {
            foreach (var spec in item.Specs)
            {
                var request = spec.ToRequest();
                Interlocked.Increment(ref sent);
                var what = $"{request.Method} {Shorten(request.RequestUri!.ToString())} ({request.Options.FirstOrDefault(o => o.Key == "junk").Value})";
                try
                {
                    using var response = await item.Client.SendAsync(request, ct);
                    if ((int)response.StatusCode >= 500)
                        failures.Enqueue((item.Caller, what, $"{(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync(ct))}"));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Enqueue((item.Caller, what, $"{e.GetType().Name}: {Shorten(e.Message)}"));
                }
                finally
                {
                    request.Dispose();
                }
            }
        });

        // One line per request, with everyone who got the error.
        var lines = failures.GroupBy(f => f.Request).Select(g => $"{g.Key} as {string.Join(", ", g.Select(f => f.Caller).Distinct())} → {g.First().Answer}").ToList();
        Assert.True(failures.IsEmpty, $"{failures.Count} of {sent} junk requests got a server error:\n" + string.Join("\n", lines.Take(40)));
    }

    /// <summary>The junk requests for one operation.</summary>
    private IEnumerable<JunkRequest> Junk(ApiOperation op)
    {
        var method = new HttpMethod(op.Method);
        var url = Url(op, GoodPathValue, q => null);
        var isJson = op.ContentType is null || op.ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
        var contentType = op.ContentType ?? "application/json";

        // Bodies: none, null, the wrong shape, malformed, and each property junk in turn.
        var bodies = new List<(string Name, string Text, string ContentType)>
        {
            ("empty body", "", contentType), ("null", "null", "application/json"), ("array", "[]", "application/json"),
            ("a string", "\"text\"", "application/json"), ("a number", "42", "application/json"), ("malformed", "{\"a\":", "application/json"),
            ("a lone surrogate", "{\"x\":\"\\ud800\"}", "application/json"),
        };
        if (!isJson)
            bodies.AddRange([
                ("no boundary", "", "multipart/form-data"), ("junk multipart", "--x\r\nnonsense", "multipart/form-data; boundary=x"),
                ("form with a huge field", "file=" + Megabyte, "application/x-www-form-urlencoded"),
            ]);
        if (op.Body is JsonElement schema)
            foreach (var kind in Enum.GetValues<JunkKind>())
                bodies.Add(($"{kind} in every field", JunkObject(schema, kind).ToJsonString(), "application/json"));

        foreach (var (name, text, type) in bodies)
            yield return Request(method, url, name, text, type);

        // Query and path values of the wrong type, too long, with control characters, outside every enum.
        foreach (var kind in Enum.GetValues<JunkKind>())
        {
            var query = Url(op, GoodPathValue, p => QueryJunk(p, kind));
            if (query != url) yield return Request(method, query, $"{kind} in the query", null, null);
            var path = Url(op, (_, p) => PathJunk(p, kind), _ => null);
            if (path != url) yield return Request(method, path, $"{kind} in the path", null, null);
        }

        if (op.Method != "GET")
            foreach (var tag in BadIfMatch)
                yield return Request(method, url, $"If-Match {tag}", "{}", "application/json") with { IfMatch = tag };
    }

    private enum JunkKind { WrongType, Megabyte, ControlCharacters, NotAnEnum, Negative }

    private static JunkRequest Request(HttpMethod method, string url, string junk, string? body, string? contentType) =>
        new(method, url, junk, body is null ? null : Encoding.UTF8.GetBytes(body), contentType, null);

    /// <summary>One junk request, made into a fresh message for each caller.</summary>
    private sealed record JunkRequest(HttpMethod Method, string Url, string Junk, byte[]? Body, string? ContentType, string? IfMatch)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(Method, Url);
            if (Body is not null)
            {
                request.Content = new ByteArrayContent(Body);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
            if (IfMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", IfMatch);
            request.Options.Set(new HttpRequestOptionsKey<string>("junk"), Junk);
            return request;
        }
    }

    private static string Url(ApiOperation op, Func<string, ApiParameter, string> pathValue, Func<ApiParameter, string?> queryValue)
    {
        var path = op.Path;
        foreach (var p in op.Parameters.Where(p => p.In == "path"))
            path = path.Replace("{" + p.Name + "}", pathValue(op.Path, p));
        var query = op.Parameters.Where(p => p.In == "query").Select(p => (p.Name, Value: queryValue(p))).Where(q => q.Value is not null)
            .Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return query.Count == 0 ? path : path + "?" + string.Join('&', query);
    }

    /// <summary>A real value for a path parameter, so the junk reaches the handler.</summary>
    private string GoodPathValue(string path, ApiParameter p) => p.Name switch
    {
        "reference" when path.StartsWith("/api/v1/problems", StringComparison.Ordinal) => desk.ProblemReference,
        "reference" or "ticketReference" => desk.TicketReference,
        "code" => "MBC",
        "email" => Accounts.Agent,
        "date" => "2026-12-28",
        "tier" => "Enhanced",
        "priority" => "P2",
        "id" when path.Contains("/attachments/", StringComparison.Ordinal) => desk.AttachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "id" when path.StartsWith("/api/v1/mail", StringComparison.Ordinal) => desk.MailId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "1",
    };

    private static string PathJunk(ApiParameter p, JunkKind kind) => kind switch
    {
        JunkKind.WrongType => Type(p.Schema) is "integer" or "number" ? "abc" : "12",
        JunkKind.Megabyte => new string('x', 4_000),
        // Not NUL: no server passes a path with NUL to the desk (Kestrel answers 400 itself).
        JunkKind.ControlCharacters => Uri.EscapeDataString("\u0001\u001b\u007f") + "%FF%FE",
        JunkKind.NotAnEnum => "..%2F..%2Fetc%2Fpasswd",
        _ => Type(p.Schema) is "integer" or "number" ? "-99999999999999999999" : "-1",
    };

    private static string QueryJunk(ApiParameter p, JunkKind kind) => kind switch
    {
        JunkKind.WrongType => Type(p.Schema) switch { "integer" or "number" => "abc", "boolean" => "maybe", _ => "12" },
        // A URL cannot carry a megabyte; 30 000 characters is longer than any field allows.
        JunkKind.Megabyte => new string('x', 30_000),
        JunkKind.ControlCharacters => ControlCharacters,
        JunkKind.NotAnEnum => "NotAValue,Nor-This,,",
        _ => Type(p.Schema) is "integer" or "number" ? "-99999999999999999999" : "-1",
    };

    /// <summary>An object of the schema's properties, each one junk of the given kind.</summary>
    private JsonNode JunkObject(JsonElement schema, JunkKind kind)
    {
        var obj = new JsonObject();
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties)) return obj;
        foreach (var property in properties.EnumerateObject())
            obj[property.Name] = JunkValue(desk.Resolve(property.Value), kind);
        return obj;
    }

    private JsonNode? JunkValue(JsonElement schema, JunkKind kind)
    {
        var type = Type(schema);
        return kind switch
        {
            JunkKind.WrongType => type switch
            {
                "string" => JsonValue.Create(12345),
                "integer" or "number" => JsonValue.Create("abc"),
                "boolean" => JsonValue.Create("yes"),
                "array" => JsonValue.Create("not a list"),
                _ => JsonValue.Create(true),
            },
            JunkKind.Megabyte => type switch
            {
                "array" => new JsonArray(JsonValue.Create(Megabyte)),
                "integer" or "number" => JsonValue.Create(1e308),
                "object" => JunkObject(schema, kind),
                _ => JsonValue.Create(Megabyte),
            },
            JunkKind.ControlCharacters => type switch
            {
                "array" => new JsonArray(JsonValue.Create(ControlCharacters)),
                "integer" or "number" or "boolean" => JsonValue.Create(ControlCharacters),
                _ => JsonValue.Create(ControlCharacters),
            },
            JunkKind.NotAnEnum => type switch
            {
                "array" => new JsonArray(JsonValue.Create("NotAValue"), null),
                "integer" or "number" => JsonValue.Create(int.MinValue),
                "boolean" => null,
                _ => JsonValue.Create("NotAValue"),
            },
            _ => type switch
            {
                "integer" or "number" => JsonValue.Create(-1),
                "array" => new JsonArray(JsonValue.Create(-1)),
                "string" => JsonValue.Create("-1"),
                _ => null,
            },
        };
    }

    /// <summary>The schema's main type, whether written as "string" or as ["null", "string"].</summary>
    private static string Type(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type)) return "object";
        var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
        foreach (var name in new[] { "array", "object", "boolean", "integer", "number", "string" })
            if (names.Contains(name)) return name;
        return "object";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
