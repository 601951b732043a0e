using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using ServiceDesk.Infrastructure.Identity;

namespace ServiceDesk.Web.Security;

/// <summary>How many requests a window allows.</summary>
public sealed class RateLimit
{
    public int Permits { get; set; }
    public int WindowSeconds { get; set; }

    public FixedWindowRateLimiterOptions Options() => new()
    {
        PermitLimit = Permits,
        Window = TimeSpan.FromSeconds(WindowSeconds),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}

/// <summary>Rate limits (ServiceDesk:RateLimits), each a number of permits per window of seconds.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "ServiceDesk:RateLimits";

    /// <summary>Sign-in attempts (page and API) from one client address. Generous: a council's staff may share one address.</summary>
    public RateLimit SignIn { get; set; } = new() { Permits = 30, WindowSeconds = 60 };

    /// <summary>Sign-in attempts for one email address, from anywhere.</summary>
    public RateLimit SignInPerEmail { get; set; } = new() { Permits = 10, WindowSeconds = 300 };

    /// <summary>Forgotten-password requests from one client address (each may send mail).</summary>
    public RateLimit PasswordReset { get; set; } = new() { Permits = 10, WindowSeconds = 900 };

    /// <summary>API calls by one signed-in person (or, signed out, one client address).</summary>
    public RateLimit Api { get; set; } = new() { Permits = 600, WindowSeconds = 60 };
}

/// <summary>The rate-limiter policies and the per-email sign-in limit, answering 429 with Retry-After.</summary>
public static class RateLimits
{
    public const string SignInPolicy = "sign-in";
    public const string PasswordResetPolicy = "password-reset";
    public const string ApiPolicy = "api";

    public static IServiceCollection AddDeskRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        foreach (var (name, limit) in new[] { ("SignIn", limits.SignIn), ("SignInPerEmail", limits.SignInPerEmail), ("PasswordReset", limits.PasswordReset), ("Api", limits.Api) })
            if (limit.Permits < 1 || limit.WindowSeconds < 1)
                throw new InvalidOperationException($"{RateLimitOptions.Section}:{name} needs Permits and WindowSeconds of 1 or more, e.g. Permits = 30, WindowSeconds = 60.");
        services.AddSingleton(new SignInThrottle(limits.SignInPerEmail));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only the form posts count: showing the sign-in page is free.
            options.AddPolicy(SignInPolicy, http => PerClient(http, limits.SignIn, postsOnly: true));
            options.AddPolicy(PasswordResetPolicy, http => PerClient(http, limits.PasswordReset, postsOnly: true));
            options.AddPolicy(ApiPolicy, http => http.User.FindFirstValue(DeskUserClaimsFactory.PersonIdClaim) is { } person
                ? RateLimitPartition.GetFixedWindowLimiter("person:" + person, _ => limits.Api.Options())
                : PerClient(http, limits.Api, postsOnly: false));
            options.OnRejected = (context, ct) => TooManyAsync(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(60));
        });
        return services;
    }

    /// <summary>Answers 429 with Retry-After: ProblemDetails for machines; people get the status page (re-executed).</summary>
    public static async ValueTask TooManyAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs"))
            await TypedResults.Problem(
                detail: $"Too many requests: wait {http.Response.Headers.RetryAfter} seconds, then try again.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests.").ExecuteAsync(http);
    }

    private static RateLimitPartition<string> PerClient(HttpContext http, RateLimit limit, bool postsOnly) =>
        postsOnly && !HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("")
            : RateLimitPartition.GetFixedWindowLimiter("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), _ => limit.Options());
}

/// <summary>
/// Sign-in attempts per email address, wherever they come from (an attack spread over many
/// addresses): checked by the sign-in page and endpoint once they have read the address.
/// </summary>
public sealed class SignInThrottle(RateLimit limit) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        email => RateLimitPartition.GetFixedWindowLimiter(email, _ => limit.Options()));

    /// <summary>Takes one attempt for the address; false, with how long to wait, when it has had its share.</summary>
    public bool TryAttempt(string email, out TimeSpan retryAfter)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(limit.WindowSeconds);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
