using System.Text.Json.Nodes;

namespace ServiceDesk.Web.Scim;

/// <summary>SCIM's discovery documents (RFC 7643 §5–7): what the desk supports, its one resource type and the User schema it keeps.</summary>
public static class ScimDiscovery
{
    public static JsonObject ServiceProviderConfig(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"),
        ["patch"] = new JsonObject { ["supported"] = true },
        ["bulk"] = new JsonObject { ["supported"] = false, ["maxOperations"] = 0, ["maxPayloadSize"] = 0 },
        ["filter"] = new JsonObject { ["supported"] = true, ["maxResults"] = 200 },
        ["changePassword"] = new JsonObject { ["supported"] = false },
        ["sort"] = new JsonObject { ["supported"] = false },
        ["etag"] = new JsonObject { ["supported"] = false },
        ["authenticationSchemes"] = new JsonArray(new JsonObject
        {
            ["type"] = "oauthbearertoken",
            ["name"] = "Provisioning token",
            ["description"] = "A council's provisioning token, created by a service manager on the council's sign-in page, sent as Authorization: Bearer.",
            ["primary"] = true,
        }),
        ["meta"] = new JsonObject { ["resourceType"] = "ServiceProviderConfig", ["location"] = $"{baseUrl}/ServiceProviderConfig" },
    };

    public static JsonObject UserResourceType(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:ResourceType"),
        ["id"] = "User",
        ["name"] = "User",
        ["endpoint"] = "/Users",
        ["description"] = "A council's person at the service desk.",
        ["schema"] = ScimUsers.UserSchema,
        ["meta"] = new JsonObject { ["resourceType"] = "ResourceType", ["location"] = $"{baseUrl}/ResourceTypes/User" },
    };

    public static JsonObject UserSchema(string baseUrl) => new()
    {
        ["schemas"] = new JsonArray("urn:ietf:params:scim:schemas:core:2.0:Schema"),
        ["id"] = ScimUsers.UserSchema,
        ["name"] = "User",
        ["description"] = "A council's person: address, name and whether they may sign in.",
        ["attributes"] = new JsonArray(
            Attribute("userName", "The person's email address, in the council's mail domains.", required: true, uniqueness: "server"),
            new JsonObject
            {
                ["name"] = "name", ["type"] = "complex", ["multiValued"] = false, ["required"] = false, ["mutability"] = "readWrite",
                ["returned"] = "default", ["description"] = "The person's name.",
                ["subAttributes"] = new JsonArray(Attribute("formatted", "The full name."), Attribute("givenName", "Given name."), Attribute("familyName", "Family name.")),
            },
            Attribute("displayName", "The name the desk shows."),
            new JsonObject
            {
                ["name"] = "emails", ["type"] = "complex", ["multiValued"] = true, ["required"] = false, ["mutability"] = "readWrite",
                ["returned"] = "default", ["description"] = "The work address (the same as userName).",
                ["subAttributes"] = new JsonArray(Attribute("value", "The address."), Attribute("type", "work"), Attribute("primary", "Always true.", type: "boolean")),
            },
            Attribute("active", "Whether the person may sign in; false ends every sign-in at once.", type: "boolean")),
        ["meta"] = new JsonObject { ["resourceType"] = "Schema", ["location"] = $"{baseUrl}/Schemas/{ScimUsers.UserSchema}" },
    };

    private static JsonObject Attribute(string name, string description, bool required = false, string type = "string", string uniqueness = "none") => new()
    {
        ["name"] = name, ["type"] = type, ["multiValued"] = false, ["description"] = description, ["required"] = required,
        ["caseExact"] = false, ["mutability"] = "readWrite", ["returned"] = "default", ["uniqueness"] = uniqueness,
    };
}
