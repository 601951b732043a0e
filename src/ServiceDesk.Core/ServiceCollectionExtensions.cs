using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceDesk.Core.Access;
using ServiceDesk.Core.Behaviours;
using ServiceDesk.Core.Features.Tickets;

namespace ServiceDesk.Core;

/// <summary>Registers the use cases: MediatR 5.1.0 handlers by assembly scan, validators, the validation behaviour and the retry of plain additions that meet a concurrent change.</summary>
public static class ServiceCollectionExtensions
{
    private static readonly Type[] HandlerInterfaces =
        [typeof(IRequestHandler<,>), typeof(IRequestHandler<>), typeof(INotificationHandler<>), typeof(IValidator<>)];

    public static IServiceCollection AddServiceDeskCore(this IServiceCollection services, params Assembly[] extraAssemblies)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddTransient(typeof(IPipelineBehavior<,>), typeof(ConflictRetryBehaviour<,>));
        services.AddScoped<ViewerLoader>();
        services.AddScoped<Requesters>();
        services.AddScoped<TicketWorkspace>();
        services.AddScoped<MajorIncidentResolution>();
        services.AddScoped<Features.CannedReplies.CannedReplyRules>();
        services.AddScoped<Features.Knowledge.ArticleLibrary>();
        services.AddScoped<Features.Knowledge.KnownErrorArticles>();
        services.AddSingleton<Features.Sla.SlaReferenceData>();
        services.AddScoped<Features.Sla.SlaPolicyBook>();
        services.AddScoped<Features.Sla.SlaClockKeeper>();
        services.AddOptions<Features.Sla.SlaOptions>();
        services.AddOptions<Features.Tickets.TicketListOptions>();
        services.AddOptions<Features.Email.EmailOptions>();
        services.AddScoped<Features.Email.TicketMail>();
        // Hosts without live pages (jobs, benchmarks) push nowhere; the web host replaces this.
        services.TryAddSingleton<Features.Live.ITicketNotifier, Features.Live.NoLivePages>();
        services.AddScoped<Features.Problems.ProblemWorkspace>();
        services.AddScoped<Features.Problems.PublishedKnownErrors>();
        services.AddScoped<Features.Problems.CandidateFinder>();
        services.AddOptions<Features.Problems.ProblemOptions>();
        services.AddScoped<Features.Reports.SlaReportBook>();
        services.AddScoped<Features.Recharges.RechargeBook>();
        services.AddScoped<Features.Privacy.PersonalDataBook>();
        services.AddScoped<Features.Reports.SlaReportMail>();
        services.AddOptions<Features.Reports.ReportOptions>();
        services.AddOptions<Features.Recharges.RechargeOptions>();

        foreach (var assembly in extraAssemblies.Prepend(typeof(ServiceCollectionExtensions).Assembly).Distinct())
            RegisterByScan(services, assembly);
        return services;
    }

    private static void RegisterByScan(IServiceCollection services, Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && HandlerInterfaces.Contains(i.GetGenericTypeDefinition())))
        {
            // A validator holds only its rules and takes no service: built once rather than on every request.
            if (contract.GetGenericTypeDefinition() == typeof(IValidator<>)) services.AddSingleton(contract, type);
            else services.AddTransient(contract, type);
        }
    }
}
