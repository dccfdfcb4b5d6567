using System.Net;
using System.Net.Sockets;
using BillingOne.BuildingBlocks.Integrations;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

/// <summary>Addresses typed into Settings → Integrations (docs/vendors.md, Address fields).</summary>
[Trait("Category", "Unit")]
public sealed class VendorAddressTests
{
    private static readonly IntegrationField Endpoint = new("endpoint", "API address", Required: false, Kind: "url",
        Hosts: ["api.superops.ai", "euapi.superops.ai"]);

    private static readonly IntegrationField Regional = new("baseUrl", "API address", Required: false, Kind: "url",
        Hosts: ["*.ninjarmm.com"]);

    private static readonly IntegrationField SelfHosted = new("baseUrl", "Server address", Required: false, Kind: "url",
        Hosts: ["cloud.example.com"], CustomHosts: true);

    [Theory]
    [InlineData("https://api.superops.ai/msp")]
    [InlineData("https://euapi.superops.ai/msp")]
    [InlineData("https://EUAPI.superops.ai/msp")]
    public void The_vendors_own_https_hosts_are_accepted(string address) =>
        VendorAddress.Error(Endpoint, address, development: false).ShouldBeNull();

    [Theory]
    [InlineData("http://api.superops.ai/msp", "API address must be an https address.")]
    [InlineData("https://evil.example.com/msp", "API address must be one of the vendor's hosts: api.superops.ai, euapi.superops.ai.")]
    [InlineData("https://api.superops.ai.evil.example/msp", "API address must be one of the vendor's hosts: api.superops.ai, euapi.superops.ai.")]
    [InlineData("https://127.0.0.1/msp", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://[::1]/msp", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://169.254.169.254/latest/meta-data", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://10.0.0.5/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://172.20.1.1/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://192.168.1.10/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://100.64.0.1/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://[fd00::1]/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://[::ffff:127.0.0.1]/", "API address must not be a loopback, link-local or private address.")]
    [InlineData("https://8.8.8.8/", "API address must name the vendor's host, not an IP address.")]
    [InlineData("https://localhost/msp", "API address must be a public host name, not an internal one.")]
    [InlineData("https://invoice:8080/api", "API address must be a public host name, not an internal one.")]
    [InlineData("https://sandbox.billingone.svc.cluster.local/", "API address must be a public host name, not an internal one.")]
    [InlineData("https://user:pass@api.superops.ai/msp", "API address must not carry a user name or password.")]
    [InlineData("ftp://api.superops.ai/", "API address must be an absolute http(s) address.")]
    [InlineData("not an address", "API address must be an absolute http(s) address.")]
    public void Outside_development_anything_else_is_refused_naming_the_field(string address, string error) =>
        VendorAddress.Error(Endpoint, address, development: false).ShouldBe(error);

    [Theory]
    [InlineData("https://eu.ninjarmm.com", true)]
    [InlineData("https://app.ninjarmm.com", true)]
    [InlineData("https://ninjarmm.com.evil.example", false)]
    [InlineData("https://evilninjarmm.com", false)]
    public void A_wildcard_host_allows_the_vendors_regions_only(string address, bool allowed) =>
        (VendorAddress.Error(Regional, address, development: false) is null).ShouldBe(allowed);

    [Fact]
    public void A_vendor_with_customer_hosts_accepts_any_public_https_host_but_still_no_internal_one()
    {
        VendorAddress.Error(SelfHosted, "https://rmm.customer.example", development: false).ShouldBeNull();
        VendorAddress.Error(SelfHosted, "https://10.1.2.3/", development: false).ShouldNotBeNull();
        VendorAddress.Error(SelfHosted, "http://rmm.customer.example", development: false).ShouldNotBeNull();
    }

    [Fact]
    public void A_development_run_may_name_the_sandbox()
    {
        VendorAddress.Error(Endpoint, "http://sandbox/superops/msp", development: true).ShouldBeNull();
        VendorAddress.Error(Endpoint, "http://localhost:5050/superops/msp", development: true).ShouldBeNull();
        VendorAddress.Error(Endpoint, "file:///etc/passwd", development: true).ShouldNotBeNull();
    }

    [Fact]
    public void Submitted_test_values_are_checked_like_saved_ones_and_oversized_ones_refused()
    {
        var integration = new FieldsOnly([Endpoint]);

        var errors = IntegrationSettingsInput.TestErrors(integration, new Dictionary<string, string?>
        {
            ["endpoint"] = "https://127.0.0.1/",
        }, development: false);
        var oversized = IntegrationSettingsInput.TestErrors(integration, new Dictionary<string, string?>
        {
            ["endpoint"] = "https://api.superops.ai/" + new string('a', 2100),
        }, development: false);

        errors.Keys.ShouldBe(["values.endpoint"]);
        oversized["values.endpoint"].ShouldHaveSingleItem().ShouldContain("longer than");
    }

    [Fact]
    public async Task Settings_naming_a_host_that_resolves_to_a_private_address_are_refused_naming_the_field()
    {
        var submitted = new Dictionary<string, string?> { ["endpoint"] = "https://api.superops.ai/msp" };
        var integration = new FieldsOnly([Endpoint]);

        var rebound = await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, submitted, development: false,
            new StaticHostResolver(IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254")), CancellationToken.None);
        var inside = await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, submitted, development: false,
            new StaticHostResolver(IPAddress.Parse("10.0.0.5")), CancellationToken.None);
        var publicOnly = await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, submitted, development: false,
            new StaticHostResolver(IPAddress.Parse("93.184.216.34")), CancellationToken.None);
        var development = await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, submitted, development: true,
            new StaticHostResolver(IPAddress.Loopback), CancellationToken.None);
        var unresolvable = await IntegrationSettingsInput.ResolvedAddressErrorsAsync(integration, submitted, development: false,
            new UnresolvableHost(), CancellationToken.None);

        rebound.Keys.ShouldBe(["values.endpoint"]);
        rebound["values.endpoint"].ShouldBe(["API address must not resolve to a loopback, link-local or private address."]);
        inside.Keys.ShouldBe(["values.endpoint"]);
        publicOnly.ShouldBeEmpty();
        development.ShouldBeEmpty();
        unresolvable.ShouldBeEmpty();
    }

    private sealed class UnresolvableHost : IVendorHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }

    private sealed class FieldsOnly(IReadOnlyList<IntegrationField> fields) : IIntegration
    {
        public string Name => "test";

        public string DisplayName => "Test";

        public string Category => "Test";

        public IReadOnlyList<IntegrationField> Fields => fields;

        public IntegrationValues? Defaults => null;

        public Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task SyncAsync(SyncContext context, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
