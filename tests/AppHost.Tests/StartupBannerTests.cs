using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Orchestration;

namespace BillingOne.AppHost.Tests;

public sealed class StartupBannerTests : IDisposable
{
    private readonly TemporaryRepository _repository = new("banner");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Banner_shows_the_owner_sign_in_and_the_admin_api_key()
    {
        var secrets = new AppHostSecrets("internal-token-key-value", "session-key-value", "owner-password", "bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");

        var banner = StartupBanner.Format(_repository.Plan(), secrets, rabbitMq: null, notHealthy: []);

        banner.ShouldContain("http://127.0.0.1:5100/");
        banner.ShouldContain("owner@demo.billingone.dev / owner-password");
        banner.ShouldContain("bo_demo0001_0123456789abcdefghijABCDEFGHIJ01");
        banner.ShouldNotContain("internal-token-key-value");
        banner.ShouldNotContain("session-key-value");
    }
}
