using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using BillingOne.Sandbox.Synergy;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class SynergyApiTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Api = "urn:WholesaleSystem";

    private SynergyDemoData Data => app.Services.GetRequiredService<SynergyDemoData>();

    [Fact]
    public async Task List_domains_pages_walk_every_domain_once_with_brisbane_expiry_and_auto_renew_but_no_contacts()
    {
        using var client = app.CreateClient();
        var names = new List<string>();
        XElement? first = null;
        for (var page = 1; ; page++)
        {
            var (status, result) = await CallAsync(client, "listDomains", ("page", $"{page}"), ("limit", "40"));
            status.ShouldBe(HttpStatusCode.OK);
            Text(result, "status").ShouldBe("OK");
            var items = result.Element("domainList")!.Elements("item").ToList();
            first ??= items[0];
            names.AddRange(items.Select(item => Text(item, "domainName")));
            if (items.Count < 40)
            {
                break;
            }
        }

        names.ShouldBe(Data.Domains.Select(domain => domain.Name));
        names.ShouldBeUnique();
        var domain = Data.Domains[0];
        Text(first!, "domain_expiry").ShouldBe(domain.Expiry.ToOffset(TimeSpan.FromHours(10))
            .ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), "Synergy writes Brisbane time");
        Text(first!, "autoRenew").ShouldBe(domain.AutoRenew ? "1" : "0");
        first!.Element("contacts").ShouldBeNull("the registrant is read per domain through listContacts");
    }

    [Fact]
    public async Task List_contacts_answers_the_registrant_organisation_of_one_domain()
    {
        using var client = app.CreateClient();
        var domain = Data.Domains[0];

        var (_, contacts) = await CallAsync(client, "listContacts", ("domainName", domain.Name));
        var (_, protectedContacts) = await CallAsync(client, "listProtectedContacts", ("domainName", domain.Name));
        var (_, unknown) = await CallAsync(client, "listContacts", ("domainName", "not-ours.example"));

        Text(contacts, "status").ShouldBe("OK");
        Text(contacts.Element("registrant")!, "organisation").ShouldBe(domain.Registrant);
        Text(protectedContacts.Element("registrant")!, "organisation").ShouldBe(domain.Registrant);
        Text(unknown, "status").ShouldBe("ERR_LISTCONTACTS_FAILED");
    }

    [Fact]
    public async Task Hosting_and_certificates_answer_every_service_and_certificate()
    {
        using var client = app.CreateClient();

        var (_, hosting) = await CallAsync(client, "listHosting", ("page", "1"), ("limit", "1000"));
        var (_, certificates) = await CallAsync(client, "SSL_listAllCerts");

        hosting.Element("hoidList")!.Elements("item").Select(item => Text(item, "hoid"))
            .ShouldBe(Data.Hosting.Select(service => service.Id));
        hosting.Element("hoidList")!.Elements("item").First().Element("diskLimit").ShouldNotBeNull();
        certificates.Element("certs")!.Elements("item").Select(item => Text(item, "commonName"))
            .ShouldBe(Data.Certificates.Select(certificate => certificate.CommonName));
    }

    [Fact]
    public async Task Wrong_credentials_answer_err_login_failed()
    {
        using var client = app.CreateClient();

        var (status, result) = await CallAsync(client, "listDomains", apiKey: "wrong-key");

        status.ShouldBe(HttpStatusCode.OK);
        Text(result, "status").ShouldBe("ERR_LOGIN_FAILED");
        Text(result, "errorMessage").ShouldContain("reseller ID and API key");
        result.Element("domainList").ShouldBeNull();
    }

    [Fact]
    public async Task A_limit_beyond_the_maximum_is_an_error_status()
    {
        using var client = app.CreateClient();

        var (_, result) = await CallAsync(client, "listHosting", ("limit", "5000"));

        Text(result, "status").ShouldBe("ERR_LISTHOSTING_FAILED");
    }

    [Theory]
    [InlineData("not xml at all", "SOAP-ENV:Client")]
    [InlineData("<Envelope/>", "SOAP-ENV:Client")]
    public async Task A_body_that_is_no_soap_call_is_a_soap_fault(string body, string faultCode)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(SynergyApi.Path, new StringContent(body, Encoding.UTF8, "text/xml"));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(Soap + "Body")!.Element(Soap + "Fault")!;
        Text(fault, "faultcode").ShouldBe(faultCode);
    }

    [Fact]
    public async Task An_operation_the_sandbox_does_not_serve_is_a_soap_fault_naming_it()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsync(SynergyApi.Path, Envelope("domainRegister", SandboxApp.ClientSecret, []));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Procedure 'domainRegister' not present");
    }

    [Fact]
    public async Task The_wsdl_names_the_operations_and_the_address_asked_on()
    {
        using var client = app.CreateClient();

        var wsdl = XDocument.Parse(await client.GetStringAsync($"{SynergyApi.Path}?wsdl"));

        XNamespace definitions = "http://schemas.xmlsoap.org/wsdl/";
        wsdl.Root!.Element(definitions + "portType")!.Elements(definitions + "operation").Select(operation => (string?)operation.Attribute("name"))
            .ShouldBe(["listDomains", "listHosting", "SSL_listAllCerts", "listContacts", "listProtectedContacts"]);
        wsdl.Root!.Attribute("targetNamespace")!.Value.ShouldBe("urn:WholesaleSystem");
        wsdl.Descendants().Single(element => element.Name.LocalName == "address").Attribute("location")!.Value
            .ShouldBe($"http://localhost{SynergyApi.Path}");
    }

    private static async Task<(HttpStatusCode Status, XElement Result)> CallAsync(HttpClient client, string method,
        params (string Name, string Value)[] parameters) =>
        await CallAsync(client, method, SandboxApp.ClientSecret, parameters);

    private static async Task<(HttpStatusCode Status, XElement Result)> CallAsync(HttpClient client, string method,
        string apiKey, params (string Name, string Value)[] parameters)
    {
        using var response = await client.PostAsync(SynergyApi.Path, Envelope(method, apiKey, parameters));
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, answer.Root!.Element(Soap + "Body")!.Element(Api + $"{method}Response")!.Element("return")!);
    }

    private static StringContent Envelope(string method, string apiKey, (string Name, string Value)[] parameters) => new(
        new XDocument(new XElement(Soap + "Envelope", new XElement(Soap + "Body", new XElement(Api + method,
            new XElement("request", new XElement("resellerID", SandboxApp.ClientId), new XElement("apiKey", apiKey),
                parameters.Select(parameter => new XElement(parameter.Name, parameter.Value))))))).ToString(),
        Encoding.UTF8, "text/xml");

    private static string Text(XElement element, string name) => element.Element(name)?.Value ?? "";
}
