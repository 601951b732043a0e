using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using ServiceDesk.Core.Domain;

namespace ServiceDesk.Web.Api;

/// <summary>
/// Every API endpoint that reads a JSON body needs one: an empty body or a JSON <c>null</c> is a
/// 400 naming "body", decided here once for the whole API rather than in each handler.
/// </summary>
public static class RequiredBody
{
    public const string Message = "Send a JSON object in the body.";

    /// <summary>Adds the check to every endpoint of the group, including those mapped later.</summary>
    public static TBuilder RequireJsonBodies<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((context, next) =>
        {
            var body = BodyParameterIndex(context);
            if (body < 0) return next;
            return invocation => invocation.Arguments[body] is null
                ? throw new FieldException("body", Message)
                : next(invocation);
        });

    /// <summary>
    /// The position of the handler's body parameter, or -1 when it reads none: one marked [FromBody],
    /// or (as minimal APIs infer it) a class that is neither a service nor a request-bound special type.
    /// </summary>
    private static int BodyParameterIndex(EndpointFilterFactoryContext context)
    {
        var parameters = context.MethodInfo.GetParameters();
        var explicitBody = Array.FindIndex(parameters, p => p.GetCustomAttribute<FromBodyAttribute>() is not null);
        if (explicitBody >= 0) return explicitBody;
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        return Array.FindIndex(parameters, p =>
            p.ParameterType is { IsClass: true, IsAbstract: false } type
            && type != typeof(string) && type != typeof(object)
            && !typeof(HttpContext).IsAssignableFrom(type) && !typeof(HttpRequest).IsAssignableFrom(type)
            && !typeof(HttpResponse).IsAssignableFrom(type) && !typeof(IFormFile).IsAssignableFrom(type)
            && !typeof(IFormCollection).IsAssignableFrom(type) && !typeof(System.Security.Claims.ClaimsPrincipal).IsAssignableFrom(type)
            && p.GetCustomAttributes().All(a => a is not (IFromServiceMetadata or IFromQueryMetadata or IFromRouteMetadata or IFromHeaderMetadata or IFromFormMetadata))
            && services?.IsService(type) != true);
    }
}
