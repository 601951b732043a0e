using System.Text.Json;
using FluentValidation;
using MediatR;
using ServiceDesk.Core.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceDesk.Web.Pages;

/// <summary>
/// What every page shares: the use cases through MediatR, and GOV.UK error messages keyed by
/// field. <see cref="LoadAsync"/> fetches what the page shows, so a form refused by a use case
/// can be shown again with its errors (see <see cref="PageErrors"/>).
/// </summary>
public abstract class DeskPageModel(IMediator mediator) : PageModel
{
    protected IMediator Mediator => mediator;

    /// <summary>
    /// The page of a list asked for (?page=N), else 1. Read from the query string alone: Razor
    /// Pages' own route value "page" names the page ("/Desk/Index") and would bind instead.
    /// </summary>
    public int PageNumber =>
        int.TryParse(Request.Query["page"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;

    /// <summary>Loads what the page shows; called before a GET renders and before a refused form is shown again.</summary>
    public virtual Task LoadAsync(CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Runs a list's query with the filters people typed. A filter the use case refuses (too long,
    /// not a date, not a status) is named in the page's error summary beside its box and the answer
    /// is null: the page is shown as a 400 with the form as typed, never an error page or JSON.
    /// </summary>
    protected async Task<T?> FilteredAsync<T>(IRequest<T> query, CancellationToken ct) where T : class
    {
        try
        {
            return await Mediator.Send(query, ct);
        }
        catch (ValidationException refused)
        {
            foreach (var e in refused.Errors) ModelState.AddModelError(FieldKey(e.PropertyName), e.ErrorMessage);
        }
        catch (FieldException refused)
        {
            ModelState.AddModelError(refused.Field, refused.Message);
        }
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        return null;
    }

    /// <summary>The field's first error, if any (keys are the form's field ids).</summary>
    public string? ErrorFor(string field) => ErrorFor(ModelState, field);

    /// <summary>The field's first error in the request's model state (shared by the page and its partials).</summary>
    public static string? ErrorFor(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string field) =>
        state.FirstOrDefault(e => string.Equals(FieldKey(e.Key), field, StringComparison.OrdinalIgnoreCase)).Value?.Errors.FirstOrDefault()?.ErrorMessage;

    public string GroupClass(string field) => ErrorFor(field) is null ? "govuk-form-group" : "govuk-form-group govuk-form-group--error";

    /// <summary>The first error of each field for the summary at the top of the page ("" for the whole form).</summary>
    public IReadOnlyList<(string Field, string Message)> AllErrors() =>
        ModelState.Where(e => e.Value is { Errors.Count: > 0 })
            .Select(e => (FieldKey(e.Key), e.Value!.Errors[0].ErrorMessage is { Length: > 0 } m ? m : "This value is not valid"))
            .DistinctBy(e => e.Item1)
            .ToList();

    /// <summary>
    /// Form field ids are camelCase, as are the names the use cases give their fields; a nested
    /// name such as "response.amount" is the field "responseAmount".
    /// </summary>
    public static string FieldKey(string key)
    {
        var parts = key.Split('.', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select((p, i) => i == 0 ? JsonNamingPolicy.CamelCase.ConvertName(p) : char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
