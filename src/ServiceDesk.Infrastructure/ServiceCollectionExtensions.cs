using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceDesk.Core.Abstractions;
using ServiceDesk.Core.Features.Email;
using ServiceDesk.Infrastructure.Email;
using ServiceDesk.Infrastructure.Identity;
using ServiceDesk.Infrastructure.Jobs;
using ServiceDesk.Infrastructure.Persistence;
using ServiceDesk.Infrastructure.Seeding;

namespace ServiceDesk.Infrastructure;

/// <summary>Registers the database, its provider and migrations, seeding and the background jobs.</summary>
public static class ServiceCollectionExtensions
{
    public const string SqliteMigrationsAssembly = "ServiceDesk.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "ServiceDesk.Migrations.PostgreSql";

    /// <summary>The Data Protection application name: the same on every node, wherever it is installed.</summary>
    public const string DataProtectionApplicationName = "ServiceDesk";

    public static IServiceCollection AddServiceDeskInfrastructure(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section));
        var provider = DatabaseOptions.ProviderIn(configuration);
        var connectionString = configuration.GetConnectionString("ServiceDesk");
        if (provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(connectionString))
            throw new OptionsValidationException("ConnectionStrings:ServiceDesk", typeof(DatabaseOptions),
                ["ServiceDesk:Database:Provider is PostgreSql, so ConnectionStrings:ServiceDesk must name the PostgreSQL database."]);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDir = Path.Combine(contentRoot, "data");
            Directory.CreateDirectory(dataDir);
            connectionString = $"Data Source={Path.Combine(dataDir, "servicedesk.db")}";
        }

        services.AddSingleton(new DeskDatabase(provider, connectionString));
        services.AddScoped<DomainEventsInterceptor>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddScoped<SqliteWriteGate.Turn>();
        services.AddScoped<AuditTrailInterceptor>();
        services.AddScoped<ReferenceDataInterceptor>();
        services.AddDbContext<ServiceDeskDbContext>((sp, options) =>
        {
            if (provider == DatabaseProvider.PostgreSql)
                options.UseNpgsql(DeskConnections.PostgreSql(connectionString), o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery));
            else
                // The write gate first: its turn ends before the domain events of a commit are published.
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly).UseQuerySplittingBehavior(QuerySplittingBehavior.SplitQuery))
                    .AddInterceptors(DeskConnections.SqliteSettings.Instance, sp.GetRequiredService<SqliteWriteGate.Turn>());
            // The reference-data interceptor last: it reads the entity states the others' scans detected.
            options.AddInterceptors(sp.GetRequiredService<AuditTrailInterceptor>(), sp.GetRequiredService<DomainEventsInterceptor>(),
                sp.GetRequiredService<ReferenceDataInterceptor>());
        });
        services.AddScoped<IServiceDeskDb>(sp => sp.GetRequiredService<ServiceDeskDbContext>());
        // One key ring for every purpose, kept in the database: a cookie, bearer token, emailed link or
        // protected secret made on one node is read on every other, and survives a restart.
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<ServiceDeskDbContext>();
        services.AddScoped<IUserClaimsPrincipalFactory<DeskUser>, DeskUserClaimsFactory>();
        services.AddScoped<ISignInAccounts, SignInAccounts>();
        services.AddOptions<Reports.ReportPdfOptions>().Bind(configuration.GetSection(Reports.ReportPdfOptions.Section));
        services.AddSingleton<Core.Features.Reports.ISlaReportPdf, Reports.SlaReportPdf>();
        services.AddSingleton<Core.Features.Accounts.ISecretProtector, SecretProtector>();
        services.AddSingleton<Core.Features.Satisfaction.IRatingLinks, RatingLinks>();
        services.AddOptions<Core.Features.Accounts.AccountOptions>().Bind(configuration.GetSection(Core.Features.Accounts.AccountOptions.Section))
            .Validate(o => o.InvitationDays >= 1, "ServiceDesk:Accounts:InvitationDays must be 1 or more, e.g. 7.")
            .Validate(o => o.ResetMinutes >= 5, "ServiceDesk:Accounts:ResetMinutes must be 5 or more, e.g. 60.")
            .Validate(o => o.MinimumPasswordLength >= 8, "ServiceDesk:Accounts:MinimumPasswordLength must be 8 or more, e.g. 12.")
            .Validate(o => Uri.TryCreate(o.SiteAddress, UriKind.Absolute, out _), "ServiceDesk:Accounts:SiteAddress must be the desk's web address, e.g. https://servicedesk.example.")
            .ValidateOnStart();
        services.AddSingleton(_ => CommonPasswords.Load(Path.Combine(AppContext.BaseDirectory, CommonPasswords.FileName)));
        services.AddScoped<Core.Features.Accounts.IPasswordLinks, PasswordLinks>();
        services.AddScoped<AccountPasswords>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<SqliteSingleWriter>();
        services.AddScoped<AutoCloseJob>();
        services.AddScoped<SlaTimerJob>();
        services.AddScoped<SlaReconciliationJob>();
        services.AddScoped<RecalculateClocksJob>();
        services.AddScoped<IBackgroundWork, HangfireBackgroundWork>();
        services.AddScoped<ProblemDigestJob>();
        services.AddScoped<MonthlySlaReportJob>();
        services.AddScoped<RechargeStatementJob>();
        services.AddScoped<ArticleReviewJob>();
        services.AddScoped<IArticleSearch, Knowledge.ArticleSearch>();
        services.AddScoped<ITicketSearch, Search.TicketSearch>();
        services.AddSingleton<IArticleRenderer, Knowledge.ArticleRenderer>();
        services.AddScoped<RetentionJob>();

        // Mail: SMTP when a host is configured, else .eml files in the pickup folder; IMAP polling when configured.
        services.AddOptions<Core.Features.Email.EmailOptions>().Bind(configuration.GetSection(Core.Features.Email.EmailOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateOnStart();
        services.AddOptions<ImapOptions>().Bind(configuration.GetSection(ImapOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>>(new MailServerOptionsValidator<SmtpOptions>(SmtpOptions.Section, 25));
        services.AddSingleton<IValidateOptions<ImapOptions>>(new MailServerOptionsValidator<ImapOptions>(ImapOptions.Section, 143));
        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        if (smtp.IsConfigured) services.AddScoped<IMailSender, SmtpMailSender>();
        else services.AddSingleton<IMailSender>(sp => new PickupDirectoryMailSender(Path.Combine(contentRoot, smtp.PickupDirectory), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IOutboxClaims, OutboxClaims>();
        services.AddSingleton<OutboxDispatchGate>();
        services.AddScoped<OutboxDispatchJob>();
        services.AddScoped<MailboxPollJob>();
        services.AddScoped<IOutboxTrigger, HangfireOutboxTrigger>();
        return services;
    }
}
