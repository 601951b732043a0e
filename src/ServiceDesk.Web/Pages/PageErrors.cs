using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Web.Pages;

/// <summary>
/// The pages' one place for the application's errors (the API's is ApiExceptionHandler): unknown
/// or another council's → the 404 page; a refused form → shown again with a GOV.UK error
/// summary naming each field, nothing the person typed lost.
/// </summary>
public sealed class PageErrors : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled) return;

        IActionResult? result = exception switch
        {
            NotFoundException => new NotFoundResult(),
            UnauthenticatedException => new ChallengeResult(IdentityConstants.ApplicationScheme, new AuthenticationProperties()),
            ForbiddenException when HttpMethods.IsGet(context.HttpContext.Request.Method) => new StatusCodeResult(StatusCodes.Status403Forbidden),
            _ => null,
        };
        if (result is null && context.HandlerInstance is DeskPageModel page)
        {
            var status = Refusal(exception, page);
            if (status != 0)
            {
                await page.LoadAsync(context.HttpContext.RequestAborted);
                result = new PageResult { StatusCode = status };
            }
        }
        if (result is null) return;
        executed.Result = result;
        executed.ExceptionHandled = true;
    }

    /// <summary>Adds the refusal to the page's errors and gives the status to answer with, or 0 if it is not a refusal.</summary>
    private static int Refusal(Exception exception, PageModel page)
    {
        switch (exception)
        {
            case ValidationException v:
                foreach (var e in v.Errors) page.ModelState.AddModelError(DeskPageModel.FieldKey(e.PropertyName), e.ErrorMessage);
                return StatusCodes.Status400BadRequest;
            case FieldException f:
                page.ModelState.AddModelError(f.Field, f.Message);
                return StatusCodes.Status400BadRequest;
            case ForbiddenException f:
                page.ModelState.AddModelError("", f.Message);
                return StatusCodes.Status403Forbidden;
            case ConflictException or PreconditionFailedException:
                page.ModelState.AddModelError("", exception.Message);
                return StatusCodes.Status409Conflict;
            case DbUpdateConcurrencyException:
                page.ModelState.AddModelError("", "Someone changed this at the same moment; check the page and try again.");
                return StatusCodes.Status409Conflict;
            default:
                return 0;
        }
    }
}
