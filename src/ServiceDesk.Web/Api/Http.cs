using System.Globalization;
using Microsoft.Net.Http.Headers;
using ServiceDesk.Core.Domain;

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

/// <summary>Files sent to the API as multipart/form-data.</summary>
public static class Uploads
{
    /// <summary>The multipart field 'file'; anything else is a 400 naming it.</summary>
    public static async Task<IFormFile> FileAsync(HttpRequest request, CancellationToken ct)
    {
        const string Missing = "Send the file as multipart/form-data in a field named 'file'.";
        if (!request.HasFormContentType) throw new FieldException("file", Missing);
        try
        {
            var form = await request.ReadFormAsync(ct);
            return form.Files.GetFile("file") ?? throw new FieldException("file", Missing);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            throw new FieldException("file", Missing);
        }
    }
}
