using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceDesk.Web.Scim;

/// <summary>A SCIM error (RFC 7644 §3.12): the status, and for a 400 or 409 the scimType that says what kind.</summary>
public sealed class ScimException(int status, string? scimType, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string? ScimType { get; } = scimType;
}

/// <summary>Writes SCIM's error JSON (urn:ietf:params:scim:api:messages:2.0:Error) as application/scim+json.</summary>
public static class ScimErrors
{
    public const string ContentType = "application/scim+json";
    public const string ErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static JsonObject Body(int status, string? scimType, string detail)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ErrorSchema),
            ["status"] = status.ToString(CultureInfo.InvariantCulture),
            ["detail"] = detail,
        };
        if (scimType is not null) body["scimType"] = scimType;
        return body;
    }

    public static IResult Result(int status, string? scimType, string detail) => Scim.Json(Body(status, scimType, detail), status);

    public static async Task WriteAsync(HttpContext http, int status, string? scimType, string detail)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ContentType;
        await http.Response.WriteAsync(Body(status, scimType, detail).ToJsonString(Scim.JsonOptions));
    }
}

/// <summary>Helpers for SCIM responses.</summary>
public static class Scim
{
    public static readonly JsonSerializerOptions JsonOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Json(JsonNode body, int status = StatusCodes.Status200OK) =>
        Results.Text(body.ToJsonString(JsonOptions), ScimErrors.ContentType, System.Text.Encoding.UTF8, status);
}
