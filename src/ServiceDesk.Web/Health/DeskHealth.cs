using Hangfire;
using Hangfire.Storage;
using HealthChecks.UI.Client;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;

namespace ServiceDesk.Web.Health;

/// <summary>
/// The health endpoints a load balancer or orchestrator asks: <c>/health/live</c> (the process
/// answers) and <c>/health/ready</c> (the database is reachable and migrated, Redis answers when
/// configured, and the last mailbox poll did not fail), each with a JSON body.
/// </summary>
public static class DeskHealth
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string Ready = "ready";

    public static IServiceCollection AddDeskHealthChecks(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = DatabaseOptions.ProviderIn(configuration);
        var checks = services.AddHealthChecks();
        if (provider == DatabaseProvider.PostgreSql)
            checks.AddNpgSql(sp => sp.GetRequiredService<DeskDatabase>().ConnectionString, name: "database", tags: [Ready]);
        else
            checks.AddDbContextCheck<ServiceDeskDbContext>("database", tags: [Ready]);
        checks.AddCheck<MigrationsHealthCheck>("migrations", tags: [Ready]);
        if (configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
            checks.AddRedis(redis, name: "redis", tags: [Ready]);
        checks.AddCheck<MailboxPollHealthCheck>("mailbox-poll", tags: [Ready]);
        return services;
    }

    /// <summary>Maps the endpoints: anonymous, never rate-limited, JSON.</summary>
    public static void MapDeskHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks(LivePath, new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        }).AllowAnonymous().DisableRateLimiting();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready),
            ResponseWriter = UIResponseWriter.WriteHealthCheckUIResponse,
        }).AllowAnonymous().DisableRateLimiting();
    }
}

/// <summary>Ready only once every migration of this build has been applied (another node may still be migrating).</summary>
public sealed class MigrationsHealthCheck(ServiceDeskDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("Every migration is applied.")
            : HealthCheckResult.Unhealthy($"{pending.Count} migrations are not applied yet, the first {pending[0]}.");
    }
}

/// <summary>
/// The last mailbox poll, as the shared job storage recorded it (whichever node ran it). A failing
/// poll makes the desk Degraded, not unready: the web pages still work, and taking every node out of
/// the load balancer because the mail server is down would stop the desk altogether.
/// </summary>
public sealed class MailboxPollHealthCheck(JobStorage storage, IOptions<ImapOptions> imap) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!imap.Value.IsConfigured) return Task.FromResult(HealthCheckResult.Healthy("No mailbox is configured."));
        using var connection = storage.GetConnection();
        var poll = connection.GetRecurringJobs([MailboxPollJob.RecurringJobId]).FirstOrDefault();
        return Task.FromResult(poll switch
        {
            null or { LastExecution: null } => HealthCheckResult.Healthy("The mailbox has not been polled yet."),
            { LastJobState: "Failed" } => new HealthCheckResult(HealthStatus.Degraded,
                $"The last mailbox poll, at {poll.LastExecution:u}, failed; see the job dashboard (/hangfire)."),
            _ => HealthCheckResult.Healthy($"The last mailbox poll was at {poll.LastExecution:u} ({poll.LastJobState})."),
        });
    }
}
