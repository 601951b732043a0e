using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServiceDesk.Core.Features.People;

namespace ServiceDesk.Web.Scim;

/// <summary>
/// The SCIM User resource (RFC 7643) as the desk holds it: userName and the work email are the person's
/// address, displayName (or name) their name, externalId the council's own id, active whether they may
/// sign in. What Microsoft Entra ID sends and the desk does not keep (title, phone numbers, the enterprise
/// extension …) is accepted and not stored.
/// </summary>
public static partial class ScimUsers
{
    public const string UserSchema = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string ListSchema = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string EnterpriseSchema = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /// <summary>What the desk keeps of a user, changed by PUT and PATCH.</summary>
    public sealed class Draft
    {
        public string? Email { get; set; }
        /// <summary>The name the desk holds now (for a PATCH of one part of it).</summary>
        public string? CurrentName { get; init; }
        /// <summary>displayName or name.formatted, if this request gives one.</summary>
        public string? Name { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }
        public string? ExternalId { get; set; }
        public bool Active { get; set; } = true;

        public static Draft Of(ProvisionedPerson p) => new() { Email = p.Email, CurrentName = p.Name, ExternalId = p.ExternalId, Active = p.Active };

        /// <summary>The name to keep: displayName or name.formatted, else given and family names, else the name held, else from the address.</summary>
        public string? ResolvedName()
        {
            if (!string.IsNullOrWhiteSpace(Name)) return Name;
            if (GivenName is not null || FamilyName is not null)
            {
                var words = (CurrentName ?? "").Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
                var joined = string.Join(' ', new[] { GivenName ?? words.ElementAtOrDefault(0), FamilyName ?? words.ElementAtOrDefault(1) }
                    .Where(w => !string.IsNullOrWhiteSpace(w)));
                if (joined.Length > 0) return joined;
            }
            if (!string.IsNullOrWhiteSpace(CurrentName)) return CurrentName;
            return Email is { } e && e.Contains('@') ? Core.PersonNames.FromEmail(e) : null;
        }
    }

    public static JsonObject Resource(ProvisionedPerson p, string baseUrl)
    {
        var user = new JsonObject
        {
            ["schemas"] = new JsonArray(UserSchema),
            ["id"] = p.Id.ToString(CultureInfo.InvariantCulture),
            ["userName"] = p.Email,
            ["name"] = new JsonObject { ["formatted"] = p.Name },
            ["displayName"] = p.Name,
            ["emails"] = new JsonArray(new JsonObject { ["value"] = p.Email, ["type"] = "work", ["primary"] = true }),
            ["active"] = p.Active,
            ["meta"] = new JsonObject { ["resourceType"] = "User", ["location"] = $"{baseUrl}/Users/{p.Id}" },
        };
        if (p.ExternalId is not null) user["externalId"] = p.ExternalId;
        return user;
    }

    public static JsonObject List(IReadOnlyList<JsonNode> resources, int total, int startIndex) => new()
    {
        ["schemas"] = new JsonArray(ListSchema),
        ["totalResults"] = total,
        ["startIndex"] = startIndex,
        ["itemsPerPage"] = resources.Count,
        ["Resources"] = new JsonArray([.. resources]),
    };

    /// <summary>Reads a POST or PUT body into a draft (attributes left out take their defaults: active true).</summary>
    public static Draft Read(JsonObject body)
    {
        var draft = new Draft();
        foreach (var (key, value) in body)
        {
            if (key.Equals("schemas", StringComparison.OrdinalIgnoreCase) || key.Equals("id", StringComparison.OrdinalIgnoreCase)
                || key.Equals("meta", StringComparison.OrdinalIgnoreCase)) continue;
            Apply(draft, key, value, "replace");
        }
        return draft;
    }

    /// <summary>Applies one PatchOp operation to the draft.</summary>
    public static void Patch(Draft draft, JsonNode? operation)
    {
        if (operation is not JsonObject op) throw new ScimException(400, "invalidSyntax", "Each of Operations is an object with op, path and value.");
        var verb = Value(op, "op")?.ToString().ToLowerInvariant();
        if (verb is not ("add" or "replace" or "remove"))
            throw new ScimException(400, "invalidSyntax", $"'{Value(op, "op")}' is not a PATCH op; use add, replace or remove.");
        var path = Value(op, "path")?.ToString();
        var value = Value(op, "value");
        if (string.IsNullOrWhiteSpace(path))
        {
            if (verb == "remove") throw new ScimException(400, "noTarget", "A remove operation needs a path.");
            if (value is not JsonObject attributes) throw new ScimException(400, "invalidValue", "Without a path, value is an object of attributes.");
            foreach (var (key, inner) in attributes) Apply(draft, key, inner, verb);
            return;
        }
        Apply(draft, path.Trim(), value, verb);
    }

    private static JsonNode? Value(JsonObject o, string name) =>
        o.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Sets one attribute (a path such as active, name.givenName or emails[type eq "work"].value).</summary>
    private static void Apply(Draft draft, string path, JsonNode? value, string verb)
    {
        if (!PathShape().IsMatch(path)) throw new ScimException(400, "invalidPath", $"'{path}' is not an attribute path.");
        var attribute = path.StartsWith(UserSchema + ":", StringComparison.OrdinalIgnoreCase) ? path[(UserSchema.Length + 1)..] : path;
        var remove = verb == "remove";
        var lower = attribute.ToLowerInvariant();
        switch (lower)
        {
            case "active":
                if (remove) throw new ScimException(400, "mutability", "active cannot be removed; set it to false.");
                draft.Active = Boolean(value, "active");
                return;
            case "username":
                if (!remove) draft.Email = Text(value, "userName");
                return;
            case "externalid":
                draft.ExternalId = remove ? null : Text(value, "externalId");
                return;
            case "displayname" or "name.formatted":
                if (!remove) draft.Name = Text(value, attribute);
                return;
            case "name.givenname":
                draft.GivenName = remove ? null : Text(value, attribute);
                return;
            case "name.familyname":
                draft.FamilyName = remove ? null : Text(value, attribute);
                return;
            case "name":
                if (remove) return;
                if (value is not JsonObject name) throw new ScimException(400, "invalidValue", "name is an object (formatted, givenName, familyName).");
                foreach (var (key, inner) in name) if (inner is not null && KnownNamePart(key)) Apply(draft, "name." + key, inner, verb);
                return;
            case "emails":
                if (remove) return;
                if (value is not JsonArray emails) throw new ScimException(400, "invalidValue", "emails is a list of {value, type, primary}.");
                var chosen = emails.OfType<JsonObject>().OrderByDescending(e => Value(e, "primary")?.ToString() is "true" or "True")
                    .ThenByDescending(e => Value(e, "type")?.ToString().Equals("work", StringComparison.OrdinalIgnoreCase) == true).FirstOrDefault();
                if (chosen is not null) draft.Email = Text(Value(chosen, "value"), "emails.value");
                return;
        }
        if (EmailValuePath().IsMatch(attribute))
        {
            if (!remove) draft.Email = Text(value, attribute);
            return;
        }
        // Attributes of the User and enterprise schemas that the desk does not keep.
        if (Ignored(lower)) return;
        throw new ScimException(400, "invalidPath", $"The desk does not know the attribute '{path}'.");
    }

    private static bool KnownNamePart(string key) => key.ToLowerInvariant() is "formatted" or "givenname" or "familyname";

    private static readonly string[] IgnoredAttributes =
    [
        "title", "preferredlanguage", "nickname", "profileurl", "usertype", "locale", "timezone", "password",
        "phonenumbers", "addresses", "photos", "ims", "roles", "entitlements", "x509certificates", "groups",
        "name.middlename", "name.honorificprefix", "name.honorificsuffix",
    ];

    private static bool Ignored(string attribute) =>
        attribute.StartsWith(EnterpriseSchema.ToLowerInvariant(), StringComparison.Ordinal)
        || IgnoredAttributes.Any(a => attribute == a || attribute.StartsWith(a + "[", StringComparison.Ordinal) || attribute.StartsWith(a + ".", StringComparison.Ordinal));

    private static string Text(JsonNode? value, string attribute) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) ? s
        : throw new ScimException(400, "invalidValue", $"{attribute} must be a string.");

    /// <summary>A boolean, or the strings "True" and "False" that Entra ID sends.</summary>
    private static bool Boolean(JsonNode? value, string attribute)
    {
        if (value is JsonValue v)
        {
            if (v.TryGetValue<bool>(out var b)) return b;
            if (v.TryGetValue<string>(out var s) && bool.TryParse(s.Trim(), out var parsed)) return parsed;
        }
        throw new ScimException(400, "invalidValue", $"{attribute} must be true or false.");
    }

    /// <summary>Reads filter=ATTRIBUTE eq "VALUE" (the lookups Entra ID makes); anything else is invalidFilter.</summary>
    public static (ProvisioningLookup By, string? Value) Filter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return (ProvisioningLookup.None, null);
        var match = FilterShape().Match(filter);
        if (!match.Success)
            throw new ScimException(400, "invalidFilter", "The desk answers filters of the form userName eq \"…\", externalId eq \"…\" or id eq \"…\".");
        var value = match.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return match.Groups["attribute"].Value.ToLowerInvariant() switch
        {
            "username" or "emails.value" or "emails[type eq \"work\"].value" => (ProvisioningLookup.Email, value),
            "externalid" => (ProvisioningLookup.ExternalId, value),
            "id" => (ProvisioningLookup.Id, value),
            var other => throw new ScimException(400, "invalidFilter", $"The desk cannot filter by '{other}'; use userName, externalId or id."),
        };
    }

    public static JsonObject ParseBody(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ScimException(400, "invalidSyntax", "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ScimException(400, "invalidSyntax", $"The body is not JSON: {e.Message}");
        }
    }

    [GeneratedRegex("^(urn:[A-Za-z0-9:._-]+:)?[A-Za-z][A-Za-z0-9_$-]*(\\[[^\\[\\]]+\\])?(\\.[A-Za-z][A-Za-z0-9_$-]*)?$")]
    private static partial Regex PathShape();

    [GeneratedRegex("^emails(\\[\\s*type\\s+eq\\s+\"[a-z]+\"\\s*\\])?\\.value$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailValuePath();

    [GeneratedRegex("^\\s*(?<attribute>[A-Za-z][A-Za-z0-9.]*|emails\\[type eq \"work\"\\]\\.value)\\s+eq\\s+\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"\\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex FilterShape();
}
