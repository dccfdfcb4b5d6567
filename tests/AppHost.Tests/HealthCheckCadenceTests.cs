using System.Reflection;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using BillingOne.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.AppHost.Tests;

/// <summary>
/// <see cref="HealthCheckCadence"/> sets internal properties of Aspire's health check service by name: these tests
/// fail when an Aspire upgrade moves them.
/// </summary>
public sealed class HealthCheckCadenceTests : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("billingone-health-cadence-").FullName;

    public void Dispose() => Directory.Delete(_dataDirectory, recursive: true);

    [Fact]
    public async Task The_intervals_of_aspires_health_check_service_are_set()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--AppHost:DataDirectory={_dataDirectory}", "--AppHost:Infrastructure=executables"],
            (options, _) => options.DisableDashboard = true);
        await using var app = await builder.BuildAsync();

        // The AppHost's own values (not Aspire's 30 s and 1 s): the AppHost applies the same ones when it starts.
        HealthCheckCadence.Apply(app.Services, HealthCheckCadence.HealthyInterval, HealthCheckCadence.UnhealthyStep);

        var checks = app.Services.GetServices<IHostedService>()
            .Single(hosted => hosted.GetType().FullName == "Aspire.Hosting.Health.ResourceHealthCheckService");
        TimeSpan Read(string name) => (TimeSpan)checks.GetType()
            .GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(checks)!;
        Read("HealthyHealthCheckInterval").ShouldBe(TimeSpan.FromSeconds(5));
        Read("NonHealthyHealthCheckStepInterval").ShouldBe(TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public void Without_aspires_health_check_service_it_says_what_to_review()
    {
        using var services = new ServiceCollection().BuildServiceProvider();

        Should.Throw<InvalidOperationException>(() =>
                HealthCheckCadence.Apply(services, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)))
            .Message.ShouldContain(nameof(HealthCheckCadence));
    }
}
