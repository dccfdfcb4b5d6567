using System.Xml.Linq;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Synergy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Reconciliation.Tests.Synergy;

/// <summary>The Synergy Wholesale SOAP connector against a WireMock account.</summary>
[Trait("Category", "Integration")]
public sealed class SynergyConnectorTests : IDisposable
{
    private readonly SynergyStub stub = SynergyStub.WithAccounts(5);
    private readonly ServiceProvider provider;

    public SynergyConnectorTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectors:Synergy:PageSize"] = "3",
            ["Connectors:Synergy:RetryBaseDelay"] = "00:00:00.010",
            ["Connectors:Synergy:MaxRetryAttempts"] = "3",
            ["Connectors:Synergy:AttemptTimeout"] = "00:00:05",
            ["Connectors:Synergy:TotalRequestTimeout"] = "00:00:20",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        SynergyConnectorFactory.Register(services);
        provider = services.BuildServiceProvider();
    }

    private SynergyConnector Connector(string apiKey = SynergyStub.ApiKey) =>
        provider.GetRequiredService<SynergyConnectorFactory>().Create(new IntegrationValues(new Dictionary<string, string>
        {
            [SynergyConnectorFactory.ResellerIdSetting] = SynergyStub.ResellerId,
            [SynergyConnectorFactory.ApiKeySetting] = apiKey,
            [SynergyConnectorFactory.EndpointSetting] = stub.Endpoint,
        }));

    [Fact]
    public async Task Domains_are_read_page_by_page_with_expiry_auto_renew_and_registrant()
    {
        var domains = await Connector().ListDomainsAsync();

        domains.Count.ShouldBe(10);
        stub.Calls("listDomains").ShouldBe(4, "pages of 3, 3, 3 and the short one");
        domains[0].ShouldBe(new SynergyDomain("customer01.com.au", "ok",
            new DateTimeOffset(2027, 3, 1, 10, 0, 0, TimeSpan.Zero), true,
            new SynergyAccount("customer 01 pty ltd", "Customer 01 Pty Ltd")));
        domains[1].AutoRenew.ShouldBeFalse();
        domains[1].ExpiresAt.ShouldBe(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Every_call_sends_the_reseller_credentials_in_a_soap_envelope()
    {
        await Connector().ListCertificatesAsync();

        var request = XDocument.Parse(stub.Server.LogEntries.Single().RequestMessage.Body!);
        var call = request.Root!.Element(SynergySoapCall.Envelope + "Body")!.Element(SynergySoapCall.Api + "SSL_listAllCerts")!;
        ((string?)call.Element("request")!.Element("resellerID")).ShouldBe(SynergyStub.ResellerId);
        ((string?)call.Element("request")!.Element("apiKey")).ShouldBe(SynergyStub.ApiKey);
        stub.Server.LogEntries.Single().RequestMessage.Headers!["SOAPAction"].Single()
            .ShouldBe("\"http://api.synergywholesale.com#SSL_listAllCerts\"");
    }

    [Fact]
    public async Task Hosting_and_certificates_are_mapped_with_sizes_and_products()
    {
        stub.Hosting.Add(new StubHosting("H999", "bare.example.org", "Starter", "Suspended", null, null, null, null, null));

        var hosting = await Connector().ListHostingAsync();
        var certificates = await Connector().ListCertificatesAsync();

        hosting.Count.ShouldBe(6);
        hosting[0].ShouldBe(new SynergyHostingService("H001", "customer01.com.au", "Business 10GB", "Active",
            new DateTimeOffset(2027, 1, 15, 0, 0, 0, TimeSpan.Zero), 512m, 10240m, 2048m, 102400m));
        hosting[^1].ShouldBe(new SynergyHostingService("H999", "bare.example.org", "Starter", "Suspended", null, null, null,
            null, null));
        certificates.Count.ShouldBe(5);
        certificates[0].ShouldBe(new SynergyCertificate("C001", "www.customer01.com.au", "RapidSSL", "Issued",
            new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Wrong_credentials_are_rejected_naming_synergys_status()
    {
        var rejected = await Should.ThrowAsync<SynergyAnswerRejectedException>(() => Connector("wrong").ListDomainsAsync());

        (rejected.Method, rejected.PageNumber, rejected.Field).ShouldBe(("listDomains", 1, "status"));
        rejected.Reason.ShouldBe("is ERR_LOGIN_FAILED: Unable to login to the API");
    }

    [Fact]
    public async Task A_soap_fault_is_rejected_with_its_reason_and_not_retried()
    {
        stub.FaultAlways("Invalid request: the operation does not exist");

        var rejected = await Should.ThrowAsync<SynergyAnswerRejectedException>(() => Connector().ListCertificatesAsync());

        rejected.Field.ShouldBe("Fault");
        rejected.Reason.ShouldBe("is SOAP-ENV:Server: Invalid request: the operation does not exist");
        stub.Server.LogEntries.Count().ShouldBe(1);
    }

    [Fact]
    public async Task Malformed_xml_is_rejected()
    {
        stub.AnswerAlways("<SOAP-ENV:Envelope><unclosed>");

        var rejected = await Should.ThrowAsync<SynergyAnswerRejectedException>(() => Connector().ListDomainsAsync());

        rejected.Field.ShouldBe("$");
        rejected.Reason.ShouldStartWith("is not XML");
    }

    [Fact]
    public async Task An_item_missing_a_required_field_rejects_its_page()
    {
        stub.MalformedPage = ("listDomains", 2);

        var rejected = await Should.ThrowAsync<SynergyAnswerRejectedException>(() => Connector().ListDomainsAsync());

        (rejected.PageNumber, rejected.Field, rejected.Reason).ShouldBe((2, "domainList/item[1]/domainName", "is missing or empty"));
    }

    [Fact]
    public async Task A_date_that_does_not_parse_is_rejected_naming_it()
    {
        stub.Domains[0] = stub.Domains[0] with { Expiry = "next year" };

        var rejected = await Should.ThrowAsync<SynergyAnswerRejectedException>(() => Connector().ListDomainsAsync());

        (rejected.Field, rejected.Reason).ShouldBe(("domainList/item[1]/domain_expiry", "is 'next year', not a date"));
    }

    [Fact]
    public async Task A_page_repeating_an_item_is_rejected()
    {
        stub.Domains[4] = stub.Domains[1];

        var rejected = await Should.ThrowAsync<SynergyAnswerRejectedException>(() => Connector().ListDomainsAsync());

        (rejected.PageNumber, rejected.Field).ShouldBe((2, "domainList/item[2]"));
        rejected.Reason.ShouldContain("repeats 'customer01.net'");
    }

    [Fact]
    public async Task Server_errors_and_rate_limits_are_retried()
    {
        stub.FailNext(1, 503);
        stub.FailNext(1, 429);

        var certificates = await Connector().ListCertificatesAsync();

        certificates.Count.ShouldBe(5);
        stub.Server.LogEntries.Count().ShouldBe(3);
    }

    [Fact]
    public async Task Server_errors_past_the_retries_fail_the_call_as_http()
    {
        stub.FailNext(10, 502);

        await Should.ThrowAsync<HttpRequestException>(() => Connector().ListCertificatesAsync());

        stub.Server.LogEntries.Count().ShouldBe(4, "the call and three retries");
    }

    [Fact]
    public async Task The_connection_check_names_what_failed()
    {
        (await Connector().CheckConnectionAsync()).ShouldBeNull();
        (await Connector("wrong").CheckConnectionAsync()).ShouldNotBeNull().ShouldContain("ERR_LOGIN_FAILED");
    }

    public void Dispose()
    {
        provider.Dispose();
        stub.Dispose();
    }
}
