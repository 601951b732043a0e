using System.Text.Json.Serialization;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using ServiceDesk.Core;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Features.Problems;
using ServiceDesk.Core.Features.Reports;
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
using ServiceDesk.Web.Live;
using ServiceDesk.Web.Pages;
using ServiceDesk.Web.Health;
using ServiceDesk.Core.Features.Live;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication;
using ServiceDesk.Web.Scim;

// A desk that cannot start says why in one line and exits 1: no stack dump for a setting or an
// unreachable database.
try
{
    var builder = WebApplication.CreateBuilder(args);

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddScoped<ICurrentActor, HttpCurrentActor>();
    builder.Services.AddServiceDeskCore(typeof(ServiceDeskDbContext).Assembly);
    builder.Services.AddServiceDeskInfrastructure(builder.Configuration, builder.Environment.ContentRootPath);
    // The demo partnership is for trying the desk: a Development run seeds it unless told not to;
    // anywhere else only an explicit ServiceDesk:Database:SeedDemoPartnership=true does.
    builder.Services.PostConfigure<DatabaseOptions>(o => o.SeedDemoPartnership ??= builder.Environment.IsDevelopment());
    builder.Services.AddOptions<SlaOptions>().Bind(builder.Configuration.GetSection(SlaOptions.Section))
        .Validate(o => o.WarningAt is > 0 and < 1, "ServiceDesk:Sla:WarningAt must be a fraction between 0 and 1, e.g. 0.75.")
        .ValidateOnStart();
    builder.Services.AddOptions<ServiceDesk.Core.Features.Tickets.TicketListOptions>().Bind(builder.Configuration.GetSection(ServiceDesk.Core.Features.Tickets.TicketListOptions.Section))
        .Validate(o => o.CountCap >= 1, "ServiceDesk:TicketLists:CountCap must be 1 or more, e.g. 10000.")
        .ValidateOnStart();
    builder.Services.AddOptions<ServiceDesk.Core.Features.Recharges.RechargeOptions>().Bind(builder.Configuration.GetSection(ServiceDesk.Core.Features.Recharges.RechargeOptions.Section));
    builder.Services.AddOptions<ProblemOptions>().Bind(builder.Configuration.GetSection(ProblemOptions.Section))
        .Validate(o => o.CandidateIncidents >= 2, "ServiceDesk:Problems:CandidateIncidents must be 2 or more, e.g. 5.")
        .Validate(o => o.CandidateWindowDays >= 1, "ServiceDesk:Problems:CandidateWindowDays must be 1 or more, e.g. 7.")
        .Validate(o => o.RepeatCallerIncidents >= 2, "ServiceDesk:Problems:RepeatCallerIncidents must be 2 or more, e.g. 3.")
        .ValidateOnStart();
    builder.Services.AddOptions<ReportOptions>().Bind(builder.Configuration.GetSection(ReportOptions.Section))
        .Validate(o => o.WithinTarget.AmberMargin >= 0 && o.Breached.AmberMargin >= 0 && o.AgedBacklog.AmberMargin >= 0 && o.Satisfaction.AmberMargin >= 0,
            "ServiceDesk:Reports: every AmberMargin must be 0 or more, e.g. ServiceDesk:Reports:WithinTarget:AmberMargin = 5.")
        .Validate(o => o.WithinTarget.Target is > 0 and <= 100, "ServiceDesk:Reports:WithinTarget:Target must be a percentage, e.g. 95.")
        .Validate(o => o.Satisfaction.Target is >= 1 and <= 5, "ServiceDesk:Reports:Satisfaction:Target must be a rating from 1 to 5, e.g. 4.")
        .Validate(o => o.AgedBacklogDays >= 1, "ServiceDesk:Reports:AgedBacklogDays must be 1 or more, e.g. 20.")
        .Validate(o => o.TopCategories >= 1, "ServiceDesk:Reports:TopCategories must be 1 or more, e.g. 5.")
        .ValidateOnStart();

    builder.Services.AddDeskSignIn(builder.Configuration);
    builder.Services.AddCouncilSignIn();
    builder.Services.ConfigureApplicationCookie(options =>
    {
        options.LoginPath = "/sign-in";
        options.Cookie.Name = "ServiceDesk.SignIn";
        options.Cookie.SameSite = SameSiteMode.Lax;
        // The API and the live hub answer 401/403; pages send a stranger to sign in and show
        // a signed-in person without the role the "You cannot use this page" page.
        options.Events.OnRedirectToLogin = context => Deny(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
        options.Events.OnRedirectToAccessDenied = context => Deny(context.HttpContext, null, StatusCodes.Status403Forbidden);
    });
    builder.Services.AddAuthorization(o =>
    {
        o.AddDeskPolicies();
        o.AddScimPolicy();
    });
    builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ScimAuthenticationHandler>(ScimAuthenticationHandler.SchemeName, null);
    builder.Services.AddCookieApiAntiforgery();
    ForwardedHeadersSettings.AddDeskForwardedHeaders(builder.Services, builder.Configuration);
    builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
    builder.Services.AddScoped<IAuthorizationHandler, ViewerRequirementHandler>();
    builder.Services.AddDeskHealthChecks(builder.Configuration);

    builder.Services.AddRazorPages(o =>
    {
        o.Conventions.ConfigureFilter(new PageErrors());
        // One page adds a person and changes one.
        o.Conventions.AddPageRoute("/Admin/People/Person", "/admin/people/new");
    });
    // Several nodes: a change on one reaches live pages connected to any other through Redis.
    var signalR = builder.Services.AddSignalR();
    var redis = builder.Configuration.GetConnectionString("Redis");
    if (!string.IsNullOrWhiteSpace(redis))
        signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("ServiceDesk"));
    builder.Services.AddSingleton<ITicketNotifier, SignalRTicketNotifier>();

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
    // This host's own job storage (shared with the other nodes through PostgreSQL, in memory on SQLite),
    // created once Hangfire has this host's logging in place, and never the process-wide
    // JobStorage.Current, which several hosts in one process would share.
    JobStorage? jobStorage = null;
    builder.Services.AddHangfire((sp, cfg) => cfg
        .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings()
        .UseStorage(jobStorage = DeskJobStorage.For(sp.GetRequiredService<DeskDatabase>(), TimeSpan.FromSeconds(Math.Max(10, jobs.StaleLockSeconds)))));
    builder.Services.AddSingleton(sp =>
    {
        sp.GetRequiredService<IGlobalConfiguration>();
        return jobStorage!;
    });
    if (jobs.RunServer)
        builder.Services.AddHangfireServer(o => o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, jobs.SchedulePollSeconds)));

    var app = builder.Build();

    // Every setting is checked before the desk waits for its database, so a wrong one stops it at once.
    app.Services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    // Job storage first: it gives Hangfire this host's logging before the initializer installs its tables.
    app.Services.GetRequiredService<JobStorage>();
    using (var scope = app.Services.CreateScope())
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    // Migrating and seeding leave tens of megabytes of garbage that a desk at rest would otherwise
    // keep until its next full collection: collect it once, and hand the memory back.
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    // Behind a believed proxy the desk sees the client's scheme and address. Served over TLS (or a
    // proxy that says so) browsers are told to stay on https; plain http is sent to https when the
    // https port is known (the https_port setting behind a proxy).
    app.UseForwardedHeaders();
    if (!app.Environment.IsDevelopment())
    {
        app.UseHsts();
        // A load balancer's health probes talk to the node itself, over plain http.
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/health"), a => a.UseHttpsRedirection());
    }
    // Machines get ProblemDetails; people get a page that says what happened.
    app.UseWhen(IsForMachines, a => a.UseExceptionHandler());
    app.UseWhen(c => !IsForMachines(c), a => a.UseExceptionHandler("/status/500"));
    app.UseWhen(IsForMachines, a => a.UseStatusCodePages());
    app.UseWhen(c => !IsForMachines(c), a => a.UseStatusCodePagesWithReExecute("/status/{0}"));
    app.UseSecurityHeaders();
    app.UseStaticFiles();
    // Routing after the status code pages, so a re-executed request finds the status page.
    app.UseRouting();
    app.UseAuthentication();
    app.UseSignInCheck();
    app.UseRateLimiter();
    app.UseAuthorization();
    app.UseCookieApiAntiforgery();

    // The API's description is open while developing; elsewhere it is for signed-in people only.
    var openApi = app.MapOpenApi();
    if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing")) openApi.RequireAuthorization();
    // The job dashboard, for service managers only (sign in with a cookie: POST /api/v1/auth/login?useCookies=true).
    app.UseHangfireDashboard("/hangfire", new DashboardOptions
    {
        Authorization = [],
        AsyncAuthorization = [new ServiceManagerDashboardFilter()],
        DashboardTitle = "ServiceDesk jobs",
    }, app.Services.GetRequiredService<JobStorage>());
    var api = app.MapGroup("/api/v1").RequireAuthorization().RequireRateLimiting(RateLimits.ApiPolicy).RequireJsonBodies();
    api.MapAuthEndpoints();
    api.MapAntiforgeryEndpoint();
    api.MapSetupEndpoints();
    api.MapPartnershipEndpoints();
    api.MapPeopleEndpoints();
    api.MapTicketsEndpoints();
    api.MapSlaEndpoints();
    api.MapMailEndpoints();
    api.MapProblemsEndpoints();
    api.MapReportsEndpoints();
    api.MapApprovalsEndpoints();
    api.MapRechargesEndpoints();
    api.MapAuditEndpoints();
    api.MapCannedRepliesEndpoints();
    api.MapArticlesEndpoints();
    api.MapSearchEndpoints();
    api.MapPrivacyEndpoints();
    api.MapSignInProviderEndpoints();
    api.MapDeskToolsEndpoints();
    app.MapScimEndpoints();
    app.MapRazorPages();
    app.MapHub<TicketHub>(TicketHub.Path);
    app.MapDeskHealth();

    if (jobs.RunServer)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        recurring.AddOrUpdate<AutoCloseJob>(AutoCloseJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.AutoCloseCron);
        recurring.AddOrUpdate<SlaReconciliationJob>(SlaReconciliationJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.SlaReconciliationCron);
        recurring.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.OutboxCron);
        recurring.AddOrUpdate<ProblemDigestJob>(ProblemDigestJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.ProblemDigestCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.ProblemDigestTimeZone) });
        recurring.AddOrUpdate<MonthlySlaReportJob>(MonthlySlaReportJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.SlaReportCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.SlaReportTimeZone) });
        recurring.AddOrUpdate<ArticleReviewJob>(ArticleReviewJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.ArticleReviewCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.ProblemDigestTimeZone) });
        recurring.AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.RetentionCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.RetentionTimeZone) });
        recurring.AddOrUpdate<RechargeStatementJob>(RechargeStatementJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), jobs.RechargeStatementCron,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(jobs.ProblemDigestTimeZone) });
        var imap = app.Services.GetRequiredService<IOptions<ImapOptions>>().Value;
        if (imap.IsConfigured)
            recurring.AddOrUpdate<MailboxPollJob>(MailboxPollJob.RecurringJobId, job => job.RunAsync(CancellationToken.None),
                imap.PollSeconds >= 60 ? $"*/{Math.Max(1, imap.PollSeconds / 60)} * * * *" : $"*/{Math.Max(1, imap.PollSeconds)} * * * * *");
        else
            recurring.RemoveIfExists(MailboxPollJob.RecurringJobId);
    }

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or DeskCannotStartException)
{
    Console.Error.WriteLine($"ServiceDesk cannot start: {(e is OptionsValidationException v ? string.Join(" ", v.Failures) : e.Message)}");
    return 1;
}


static Task Deny(HttpContext http, string? redirectUri, int status)
{
    if (redirectUri is null || IsForMachines(http)) http.Response.StatusCode = status;
    else http.Response.Redirect(redirectUri);
    return Task.CompletedTask;
}

static bool IsForMachines(HttpContext http) =>
    http.Request.Path.StartsWithSegments("/api") || http.Request.Path.StartsWithSegments("/hubs")
    || http.Request.Path.StartsWithSegments("/openapi") || http.Request.Path.StartsWithSegments("/hangfire")
    || http.Request.Path.StartsWithSegments("/health") || http.Request.Path.StartsWithSegments(ScimEndpoints.Path);

/// <summary>The web host's entry point (public for the API tests' WebApplicationFactory).</summary>
public partial class Program;
