using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Orchestration;
using BillingOne.AppHost.Resources;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost.Tests;

public sealed class StartupBannerTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("billingone-apphost-banner-").FullName;

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    [Fact]
    public void Banner_shows_the_owner_sign_in_and_the_admin_api_key()
    {
        var secrets = new AppHostSecrets("internal-token-key-value", "session-key-value", "owner-password", "bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");

        var banner = StartupBanner.Format(Plan(), secrets, rabbitMq: null, notHealthy: []);

        banner.ShouldContain("http://127.0.0.1:5100/");
        banner.ShouldContain("owner@demo.billingone.dev / owner-password");
        banner.ShouldContain("bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");
        banner.ShouldNotContain("internal-token-key-value");
        banner.ShouldNotContain("session-key-value");
    }

    private AppHostPlan Plan()
    {
        File.WriteAllText(Path.Combine(_repository, AppHostPlan.SolutionFileName), "");
        foreach (var project in ProjectCatalog.All)
        {
            var output = Path.Combine(_repository, project.ProjectDirectory, "bin", "Debug", "net10.0");
            Directory.CreateDirectory(output);
            File.WriteAllText(Path.Combine(output, project.AssemblyName + ".dll"), "");
        }
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AppHost:BuildConfiguration"] = "Debug" })
            .Build();
        return AppHostPlan.Create(configuration, _repository);
    }
}
