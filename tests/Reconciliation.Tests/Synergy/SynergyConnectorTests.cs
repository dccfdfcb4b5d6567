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
    public async Task Domains_are_read_page_by_page_with_expiry_in_brisbane_time_auto_renew_and_registrant_contact()
    {
        var domains = await Connector().ListDomainsAsync();

        domains.Count.ShouldBe(10);
        stub.Calls("listDomains").ShouldBe(4, "pages of 3, 3, 3 and the short one");
        stub.Calls("listContacts").ShouldBe(10, "one contacts call per domain, as the official module makes");
        domains[0].ShouldBe(new SynergyDomain("customer01.com.au", "ok",
            new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero), true,
            new SynergyAccount("customer 01 pty ltd", "Customer 01 Pty Ltd")), "10:00 in Brisbane (UTC+10) is 00:00 UTC");
        domains[1].AutoRenew.ShouldBeFalse();
        domains[1].ExpiresAt.ShouldBe(new DateTimeOffset(2027, 5, 31, 14, 0, 0, TimeSpan.Zero), "midnight in Brisbane");
    }

    [Fact]
    public async Task An_account_with_nothing_in_it_is_one_empty_page_per_list_not_an_error()
    {
        stub.Domains.Clear();
        stub.Hosting.Clear();
        stub.Certificates.Clear();
        var connector = Connector();

        (await connector.ListDomainsAsync()).ShouldBeEmpty();
        (await connector.ListHostingAsync()).ShouldBeEmpty();
        (await connector.ListCertificatesAsync()).ShouldBeEmpty();

        (stub.Calls("listDomains"), stub.Calls("listHosting"), stub.Calls("SSL_listAllCerts")).ShouldBe((1, 1, 1));
        stub.Calls("listContacts").ShouldBe(0);
        connector.Skipped.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_id_protected_domain_is_read_through_list_protected_contacts()
    {
        stub.Domains.Clear();
        stub.Domains.Add(new StubDomain("private.com.au", "ok", null, "1", "Private Pty Ltd", IdProtect: "Enabled"));

        var domain = (await Connector().ListDomainsAsync()).ShouldHaveSingleItem();

        domain.Registrant.ShouldBe(new SynergyAccount("private pty ltd", "Private Pty Ltd"));
        stub.Calls("listProtectedContacts").ShouldBe(1);
        stub.Calls("listContacts").ShouldBe(0);
    }

    [Fact]
    public async Task A_domain_whose_contacts_are_refused_is_kept_without_a_client_and_named()
    {
        stub.ContactsRefused.Add("customer02.net");
        var connector = Connector();

        var domains = await connector.ListDomainsAsync();

        domains.Count.ShouldBe(10);
        domains.Single(domain => domain.Name == "customer02.net").Registrant.ShouldBeNull();
        connector.Skipped.ShouldBe([new SynergySkippedItem("Synergy domain customer02.net",
            "registrant not read, kept without a client: listContacts 'status' is ERR_LISTCONTACTS_FAILED: Domain Info Failed - Unable to retrieve domain id")]);
    }

    [Fact]
    public async Task Every_call_sends_the_envelope_synergys_wsdl_describes()
    {
        await Connector().ListCertificatesAsync();

        var entry = stub.Server.LogEntries.Single().RequestMessage;
        var request = XDocument.Parse(entry.Body!);
        var call = request.Root!.Element(SynergySoapCall.Envelope + "Body")!.Element((XNamespace)"urn:WholesaleSystem" + "SSL_listAllCerts")!;
        var parameters = call.Element("request")!;
        ((string?)parameters.Attribute(SynergySoapCall.SchemaInstance + "type")).ShouldBe("ns1:SSL_listAllCertsRequest");
        ((string?)parameters.Element("resellerID")).ShouldBe(SynergyStub.ResellerId);
        ((string?)parameters.Element("apiKey")).ShouldBe(SynergyStub.ApiKey);
        ((string?)request.Root!.Attribute(SynergySoapCall.Envelope + "encodingStyle")).ShouldBe("http://schemas.xmlsoap.org/soap/encoding/");
        entry.Headers!["SOAPAction"].Single().ShouldBe("\"urn:WholesaleSystem#SSL_listAllCerts\"");
    }

    [Fact]
    public async Task Paging_parameters_are_typed_as_the_wsdl_types_them()
    {
        await Connector().ListHostingAsync();

        var parameters = XDocument.Parse(stub.Server.LogEntries.First().RequestMessage.Body!).Descendants("request").Single();
        ((string?)parameters.Element("page")!.Attribute(SynergySoapCall.SchemaInstance + "type")).ShouldBe("xsd:int");
        ((string?)parameters.Element("limit")!.Attribute(SynergySoapCall.SchemaInstance + "type")).ShouldBe("xsd:int");
        ((string?)parameters.Element("apiKey")!.Attribute(SynergySoapCall.SchemaInstance + "type")).ShouldBe("xsd:string");
    }

    [Fact]
    public async Task Hosting_is_read_from_the_hoid_list_and_certificates_with_sizes_and_products()
    {
        stub.Hosting.Add(new StubHosting("H999", "bare.example.org", "Starter", "Suspended", null, null, null, null, null));

        var hosting = await Connector().ListHostingAsync();
        var certificates = await Connector().ListCertificatesAsync();

        hosting.Count.ShouldBe(6);
        hosting[0].ShouldBe(new SynergyHostingService("H001", "customer01.com.au", "Business 10GB", "Active",
            new DateTimeOffset(2027, 1, 14, 14, 0, 0, TimeSpan.Zero), 512m, 10240m, 2048m, 102400m));
        hosting[^1].ShouldBe(new SynergyHostingService("H999", "bare.example.org", "Starter", "Suspended", null, null, null,
            null, null));
        certificates.Count.ShouldBe(5);
        certificates[0].ShouldBe(new SynergyCertificate("C001", "www.customer01.com.au", "RapidSSL", "Issued",
            new DateTimeOffset(2027, 1, 31, 14, 0, 0, TimeSpan.Zero)));
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
    public async Task An_item_missing_a_required_field_is_left_out_and_named_by_its_id_and_the_rest_kept()
    {
        stub.MalformedPage = ("listHosting", 2);
        var connector = Connector();

        var hosting = await connector.ListHostingAsync();

        hosting.Select(service => service.Id).ShouldBe(["H001", "H002", "H003", "H005"]);
        connector.Skipped.ShouldBe([new SynergySkippedItem("Synergy hosting service H004",
            "'hoidList/item[1]/plan' is missing or empty (listHosting page 2)")]);
    }

    [Fact]
    public async Task An_item_without_its_id_is_named_by_its_place()
    {
        stub.MalformedPage = ("listDomains", 2);
        var connector = Connector();

        var domains = await connector.ListDomainsAsync();

        domains.Count.ShouldBe(9);
        connector.Skipped.ShouldBe([new SynergySkippedItem("Synergy domain at listDomains page 2 domainList/item[1]",
            "'domainList/item[1]/domainName' is missing or empty (listDomains page 2)")]);
    }

    [Fact]
    public async Task A_date_that_does_not_parse_leaves_that_item_out_naming_it()
    {
        stub.Domains[0] = stub.Domains[0] with { Expiry = "next year" };
        var connector = Connector();

        var domains = await connector.ListDomainsAsync();

        domains.Count.ShouldBe(9);
        connector.Skipped.ShouldBe([new SynergySkippedItem("Synergy domain customer01.com.au",
            "'domainList/item[1]/domain_expiry' is 'next year', not a date (listDomains page 1)")]);
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

    [Fact]
    public async Task The_connection_check_makes_the_syncs_calls_and_checks_the_fields_it_reads()
    {
        (await Connector().CheckConnectionAsync()).ShouldBeNull();
        (stub.Calls("listDomains"), stub.Calls("listContacts"), stub.Calls("listHosting")).ShouldBe((1, 1, 1));

        stub.MalformedPage = ("listHosting", 1);
        (await Connector().CheckConnectionAsync()).ShouldBe("listHosting: 'hoidList/item[1]/plan' is missing or empty");
    }

    [Fact]
    public async Task The_connection_check_does_not_echo_the_body_of_an_http_failure()
    {
        stub.FailNext(10, 502);

        (await Connector().CheckConnectionAsync()).ShouldBe("the API answered HTTP 502");
    }

    public void Dispose()
    {
        provider.Dispose();
        stub.Dispose();
    }
}
