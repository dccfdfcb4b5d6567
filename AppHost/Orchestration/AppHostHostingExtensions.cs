using System.Net;
using System.Text.Json.Serialization;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.RabbitMq;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;

namespace BillingOne.AppHost.Orchestration;

public static class AppHostHostingExtensions
{
    /// <summary>Time for every child to stop gracefully, then the servers, before the host gives up.</summary>
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The whole run described by <paramref name="plan"/>: servers, projects and the dashboard.</summary>
    public static WebApplicationBuilder AddAppHost(this WebApplicationBuilder builder, AppHostPlan plan, AppHostSecrets secrets)
    {
        builder.AddDashboard(plan);
        builder.Services.AddSingleton(secrets);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.Services.AddSingleton<DemoDataHook>();
        builder.Services.AddHostedService<AppHostOrchestrator>();
        return builder;
    }

    /// <summary>The dashboard's Kestrel endpoint and what its pages read: resources, failures, RabbitMQ.</summary>
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder, AppHostPlan plan)
    {
        // The dashboard can redeliver messages: it listens on loopback only.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, plan.DashboardPort));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddAntiforgery();
        builder.Services.AddProblemDetails();

        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton<ResourceRegistry>();
        builder.Services.AddSingleton(_ => new FailureLog());
        builder.Services.AddSingleton<InfrastructureServers>();
        builder.Services.AddSingleton<RabbitMqManagementClient>();
        builder.Services.AddSingleton<ErrorQueueRedelivery>();
        return builder;
    }
}
