using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.Hosting;

/// <summary>
/// How often Aspire asks a resource's health checks. Aspire 13.6 asks a healthy resource again only after 30 s and an
/// unhealthy one after 1, 2, 3 and 4 s, then every 5 s, and offers no setting: a service whose database had gone down
/// stayed green on the dashboard for up to half a minute, and every stage of a start-up was noticed seconds late. Its
/// (internal) health check service keeps both intervals in internal properties, which <see cref="Apply"/> sets by name
/// before the application starts. An Aspire upgrade that renames them fails at start-up (and in
/// HealthCheckCadenceTests), never silently.
/// </summary>
public static class HealthCheckCadence
{
    /// <summary>Between two checks of a healthy resource: how long the dashboard may show a failed service green.</summary>
    public static readonly TimeSpan HealthyInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The step by which the wait between checks of an unhealthy resource grows; Aspire caps it at five steps, so a
    /// starting service is noticed at most 1.25 s after it is ready.
    /// </summary>
    public static readonly TimeSpan UnhealthyStep = TimeSpan.FromMilliseconds(250);

    private const string ServiceTypeName = "Aspire.Hosting.Health.ResourceHealthCheckService";

    public static IDistributedApplicationBuilder WithHealthCheckCadence(this IDistributedApplicationBuilder builder)
    {
        builder.Eventing.Subscribe<BeforeStartEvent>((start, _) =>
        {
            Apply(start.Services, HealthyInterval, UnhealthyStep);
            return Task.CompletedTask;
        });
        return builder;
    }

    /// <summary>Sets the intervals of the health check service among <paramref name="services"/>' hosted services.</summary>
    public static void Apply(IServiceProvider services, TimeSpan healthyInterval, TimeSpan unhealthyStep)
    {
        var checks = services.GetServices<IHostedService>().FirstOrDefault(hosted => hosted.GetType().FullName == ServiceTypeName)
            ?? throw new InvalidOperationException(
                $"No {ServiceTypeName} among the hosted services: Aspire changed, review {nameof(HealthCheckCadence)}.");
        Interval(checks, "HealthyHealthCheckInterval").SetValue(checks, healthyInterval);
        Interval(checks, "NonHealthyHealthCheckStepInterval").SetValue(checks, unhealthyStep);
    }

    private static PropertyInfo Interval(object checks, string name) =>
        checks.GetType().GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public) is
        { PropertyType: var type, CanWrite: true } property && type == typeof(TimeSpan)
            ? property
            : throw new InvalidOperationException(
                $"{checks.GetType()} has no settable TimeSpan {name}: Aspire changed, review {nameof(HealthCheckCadence)}.");
}
