using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using ServiceDesk.Core;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Features.Sla;
using ServiceDesk.Infrastructure;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Jobs;
using Microsoft.Extensions.Options;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Web;
using ServiceDesk.Web.Api;
using ServiceDesk.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentActor, HttpCurrentActor>();
builder.Services.AddServiceDeskCore(typeof(ServiceDeskDbContext).Assembly);
builder.Services.AddServiceDeskInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddOptions<SlaOptions>().Bind(builder.Configuration.GetSection(SlaOptions.Section))
    .Validate(o => o.WarningAt is > 0 and < 1, "ServiceDesk:Sla:WarningAt must be a fraction between 0 and 1, e.g. 0.75.")
    .ValidateOnStart();

builder.Services.AddIdentityApiEndpoints<DeskUser>(options =>
    {
        options.User.RequireUniqueEmail = true;
        options.Lockout.MaxFailedAccessAttempts = 10;
    })
    .AddEntityFrameworkStores<ServiceDeskDbContext>();
builder.Services.ConfigureApplicationCookie(options =>
{
    // The API answers 401/403 rather than redirecting to a sign-in page.
    options.Events.OnRedirectToLogin = context => Deny(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
    options.Events.OnRedirectToAccessDenied = context => Deny(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
});
builder.Services.AddAuthorization();

builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ApiExceptionHandler>();
builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "ServiceDesk API";
    doc.Info.Description = "The shared ICT service desk of a partnership of councils.";
    return Task.CompletedTask;
}));

var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
// This host's own job storage, created once Hangfire has this host's logging in place, and
// never the process-wide JobStorage.Current, which several hosts in one process would share.
JobStorage? jobStorage = null;
builder.Services.AddHangfire((_, cfg) => cfg
    .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
    .UseSimpleAssemblyNameTypeSerializer()
    .UseRecommendedSerializerSettings()
    .UseStorage(jobStorage = new Hangfire.InMemory.InMemoryStorage()));
builder.Services.AddSingleton(sp =>
{
    sp.GetRequiredService<IGlobalConfiguration>();
    return jobStorage!;
});
if (jobs.RunServer) builder.Services.AddHangfireServer();

var app = builder.Build();

using (var scope = app.Services.CreateScope())
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
// The job dashboard, for service managers only (sign in with a cookie: POST /api/v1/auth/login?useCookies=true).
app.UseHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [],
    AsyncAuthorization = [new ServiceManagerDashboardFilter()],
    DashboardTitle = "ServiceDesk jobs",
}, app.Services.GetRequiredService<JobStorage>());
var api = app.MapGroup("/api/v1").RequireAuthorization();
api.MapAuthEndpoints();
api.MapPartnershipEndpoints();
api.MapTicketsEndpoints();
api.MapSlaEndpoints();
api.MapMailEndpoints();

if (jobs.RunServer)
{
    var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
    recurring.AddOrUpdate<AutoCloseJob>(AutoCloseJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.AutoCloseCron);
    recurring.AddOrUpdate<SlaReconciliationJob>(SlaReconciliationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.SlaReconciliationCron);
    recurring.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.OutboxCron);
    var imap = app.Services.GetRequiredService<IOptions<ImapOptions>>().Value;
    if (imap.IsConfigured)
        recurring.AddOrUpdate<MailboxPollJob>(MailboxPollJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
            imap.PollSeconds >= 60 ? $"*/{Math.Max(1, imap.PollSeconds / 60)} * * * *" : $"*/{Math.Max(1, imap.PollSeconds)} * * * * *");
    else
        recurring.RemoveIfExists(MailboxPollJob.RecurringJobId);
}

app.Run();

static Task Deny(HttpContext http, string redirectUri, int status)
{
    if (http.Request.Path.StartsWithSegments("/api")) http.Response.StatusCode = status;
    else http.Response.Redirect(redirectUri);
    return Task.CompletedTask;
}

/// <summary>The web host's entry point (public for the API tests' WebApplicationFactory).</summary>
public partial class Program;
