using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Web.Api;

/// <summary>
/// The one place where the application's errors become ProblemDetails: bad input → 400 naming
/// each field, not yours or unknown → 404, not allowed → 403, illegal transition → 409,
/// stale If-Match → 412. Bad input never becomes a 500.
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    [GeneratedRegex("""Failed to bind parameter "[^"]*?(?<name>\w+)" from""")]
    private static partial Regex BindFailure();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        (int Status, string Title, string? Detail, Dictionary<string, string[]>? Errors) mapped = exception switch
        {
            FluentValidation.ValidationException v => (400, "The request has invalid fields.", null,
                v.Errors.GroupBy(e => FieldName(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
            FieldException f => (400, "The request has invalid fields.", null, new() { [f.Field] = [f.Message] }),
            BadHttpRequestException b => (400, "The request could not be read.", null, BadRequestErrors(b)),
            UnauthenticatedException u => (401, "Sign in required.", u.Message, null),
            ForbiddenException f => (403, "Not allowed.", f.Message, null),
            NotFoundException n => (404, "Not found.", n.Message, null),
            ConflictException c => (409, "Not possible in the current state.", c.Message, null),
            DbUpdateConcurrencyException => (409, "Changed by someone else.", "Someone changed this at the same moment; reload it and try again.", null),
            PreconditionFailedException p => (412, "The version you sent is out of date.", p.Message, null),
            _ => (0, "", null, null),
        };
        var (status, title, detail, errors) = mapped;
        if (status == 0) return false;
        if (status == 400) logger.LogDebug(exception, "Bad request to {Path}", http.Request.Path);

        http.Response.StatusCode = status;
        ProblemDetails problem = errors is null
            ? new ProblemDetails { Status = status, Title = title, Detail = detail }
            : new HttpValidationProblemDetails(errors) { Status = status, Title = title, Detail = detail };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    private static string FieldName(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private static Dictionary<string, string[]> BadRequestErrors(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            var message = field == "body"
                ? "The body must be a JSON object."
                : $"The value of '{field}' is not valid for its type.";
            return new() { [field] = [message] };
        }
        var bind = BindFailure().Match(exception.Message);
        if (bind.Success)
        {
            var name = bind.Groups["name"].Value;
            return new() { [name] = [$"The value of '{name}' is not valid for its type."] };
        }
        return new() { ["body"] = [exception.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? "A JSON body is required." : exception.Message] };
    }
}
