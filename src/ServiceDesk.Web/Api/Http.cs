using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace ServiceDesk.Web.Api;

/// <summary>ETag and If-Match for ticket resources: the ETag is the ticket's version.</summary>
public static class Versioning
{
    public static string ETagFor(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static void SetETag(HttpResponse response, int version) => response.Headers.ETag = ETagFor(version);

    /// <summary>The version named by If-Match; none when absent or "*"; an impossible version when unreadable, so it never matches.</summary>
    public static int? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return null;
        if (!EntityTagHeaderValue.TryParse(header.Split(',')[0].Trim(), out var tag)) return -1;
        var raw = tag.Tag.ToString().Trim('"');
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
    }
}
