using System.Xml.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.Reconciliation.Tests.Synergy;

/// <summary>
/// A Synergy Wholesale account in WireMock whose domains, hosting services and certificates a test edits between
/// syncs. Every SOAP call is answered from them when it arrives, in the shapes of Synergy's WSDL (docs/vendors.md):
/// <c>listDomains</c> (<c>domainList</c>, entries without contacts) and <c>listHosting</c> (<c>hoidList</c>) cut by
/// <c>page</c> and <c>limit</c>, <c>SSL_listAllCerts</c> whole, <c>listContacts</c>/<c>listProtectedContacts</c> per
/// domain (registrant organisation); wrong credentials answer <c>ERR_LOGIN_FAILED</c>.
/// </summary>
public sealed class SynergyStub : IDisposable
{
    public const string Path = "/soap";
    public const string ResellerId = "4321";
    public const string ApiKey = "stub-api-key-9c1d";

    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Api = "urn:WholesaleSystem";

    /// <summary>Mappings answering calls; lower numbers win, so a failure put in front of them answers first.</summary>
    private const int AnswerPriority = 10;

    public SynergyStub()
    {
        Server.Given(Request.Create().WithPath(Path).UsingPost()).AtPriority(AnswerPriority)
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/xml; charset=utf-8").WithBody(request =>
                Answer(XDocument.Parse(request.Body!))));
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Endpoint => Server.Url + Path;

    public List<StubDomain> Domains { get; } = [];

    public List<StubHosting> Hosting { get; } = [];

    public List<StubCertificate> Certificates { get; } = [];

    /// <summary>The page of the method (1 for the first) whose first item misses a required field; null for none.</summary>
    public (string Method, int Page)? MalformedPage { get; set; }

    /// <summary>Domains whose <c>listContacts</c> answers an error status.</summary>
    public HashSet<string> ContactsRefused { get; } = [];

    /// <summary>A stub of <paramref name="accounts"/> customers, each with two domains, one hosted, one with a certificate.</summary>
    public static SynergyStub WithAccounts(int accounts)
    {
        var stub = new SynergyStub();
        for (var account = 1; account <= accounts; account++)
        {
            var organisation = $"Customer {account:D2} Pty Ltd";
            stub.Domains.Add(new StubDomain($"customer{account:D2}.com.au", "ok", "2027-03-01 10:00:00", "on", organisation));
            stub.Domains.Add(new StubDomain($"customer{account:D2}.net", "ok", "2027-06-01", "off", organisation));
            stub.Hosting.Add(new StubHosting($"H{account:D3}", $"customer{account:D2}.com.au", "Business 10GB", "Active",
                "2027-01-15", "512", "10240", "2048", "102400"));
            stub.Certificates.Add(new StubCertificate($"C{account:D3}", $"www.customer{account:D2}.com.au",
                "RapidSSL", "Issued", "2027-02-01"));
        }
        return stub;
    }

    /// <summary>The next <paramref name="count"/> calls answer <paramref name="statusCode"/> (plain text), then as usual.</summary>
    public void FailNext(int count, int statusCode)
    {
        var scenario = $"fail-{Guid.NewGuid():N}";
        for (var index = 0; index < count; index++)
        {
            var request = Server.Given(Request.Create().WithPath(Path).UsingPost()).AtPriority(AnswerPriority - 1)
                .InScenario(scenario);
            request = index == 0 ? request : request.WhenStateIs($"failed-{index}");
            request.WillSetStateTo($"failed-{index + 1}")
                .RespondWith(Response.Create().WithStatusCode(statusCode).WithBody("upstream unavailable"));
        }
    }

    /// <summary>Every call answers a SOAP fault (HTTP 500 with an XML body), as Synergy does for a call it cannot run.</summary>
    public void FaultAlways(string faultString) =>
        Server.Given(Request.Create().WithPath(Path).UsingPost()).AtPriority(AnswerPriority - 2)
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/xml; charset=utf-8")
                .WithBody(new XDocument(new XElement(Soap + "Envelope", new XAttribute(XNamespace.Xmlns + "SOAP-ENV", Soap),
                    new XElement(Soap + "Body", new XElement(Soap + "Fault",
                        new XElement("faultcode", "SOAP-ENV:Server"), new XElement("faultstring", faultString))))).ToString()));

    /// <summary>Every call answers <paramref name="body"/> as it is (200, text/xml).</summary>
    public void AnswerAlways(string body) =>
        Server.Given(Request.Create().WithPath(Path).UsingPost()).AtPriority(AnswerPriority - 2)
            .RespondWith(Response.Create().WithHeader("Content-Type", "text/xml").WithBody(body));

    public int Calls(string method) => Server.LogEntries.Count(entry => entry.RequestMessage.Body?.Contains($":{method}>",
        StringComparison.Ordinal) == true);

    private string Answer(XDocument request)
    {
        var call = request.Root!.Element(Soap + "Body")!.Elements().Single();
        var method = call.Name.LocalName;
        var parameters = call.Element("request")!;
        XElement result;
        if ((string?)parameters.Element("resellerID") != ResellerId || (string?)parameters.Element("apiKey") != ApiKey)
        {
            result = Return("ERR_LOGIN_FAILED", "Unable to login to the API");
        }
        else
        {
            var page = (int?)parameters.Element("page") ?? 1;
            var limit = (int?)parameters.Element("limit") ?? int.MaxValue;
            var malformed = MalformedPage == (method, page);
            result = method switch
            {
                "listDomains" => Return("OK", null, new XElement("domainList",
                    Cut(Domains, page, limit).Select((domain, index) => domain.ToXml(malformed && index == 0)))),
                "listHosting" => Return("OK", null, new XElement("hoidList",
                    Cut(Hosting, page, limit).Select((service, index) => service.ToXml(malformed && index == 0)))),
                "SSL_listAllCerts" => Return("OK", null, new XElement("certs",
                    Certificates.Select((certificate, index) => certificate.ToXml(malformed && index == 0)))),
                "listContacts" or "listProtectedContacts" => Contacts((string?)parameters.Element("domainName")),
                _ => Return("ERR_UNKNOWN_COMMAND", $"{method} is not a command"),
            };
        }
        return new XDocument(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "SOAP-ENV", Soap), new XAttribute(XNamespace.Xmlns + "ns1", Api),
            new XElement(Soap + "Body", new XElement(Api + $"{method}Response", result)))).ToString();
    }

    private XElement Contacts(string? domainName)
    {
        if (Domains.FirstOrDefault(domain => domain.Name == domainName) is not { } domain || ContactsRefused.Contains(domain.Name))
        {
            return Return("ERR_LISTCONTACTS_FAILED", "Domain Info Failed - Unable to retrieve domain id");
        }
        return Return("OK", null, new XElement("registrant",
            new XElement("firstname", "Pat"), new XElement("lastname", "Lee"),
            new XElement("organisation", domain.Organisation ?? ""), new XElement("email", "pat@example.com")));
    }

    private static IEnumerable<T> Cut<T>(List<T> items, int page, int limit) =>
        items.Skip((int)Math.Min((long)(page - 1) * limit, int.MaxValue)).Take(limit);

    private static XElement Return(string status, string? errorMessage, params object[] content) =>
        new("return", new XElement("status", status), new XElement("errorMessage", errorMessage ?? ""), content);

    public void Dispose() => Server.Stop();
}

public sealed record StubDomain(string Name, string Status, string? Expiry, string AutoRenew, string? Organisation,
    string IdProtect = "Disabled")
{
    public XElement ToXml(bool malformed) => new("item",
        malformed ? null : new XElement("domainName", Name),
        new XElement("domain_status", Status),
        Expiry is null ? null : new XElement("domain_expiry", Expiry),
        new XElement("autoRenew", AutoRenew),
        new XElement("nameServers", new XElement("item", "ns1.example.net")),
        new XElement("idProtect", IdProtect));
}

public sealed record StubHosting(string Id, string Domain, string Plan, string Status, string? NextRenewalDue,
    string? DiskUsage, string? DiskLimit, string? Bandwidth, string? BandwidthLimit)
{
    public XElement ToXml(bool malformed) => new("item",
        new XElement("hoid", Id),
        new XElement("domain", Domain),
        malformed ? null : new XElement("plan", Plan),
        new XElement("serviceStatus", Status),
        NextRenewalDue is null ? null : new XElement("nextRenewalDue", NextRenewalDue),
        DiskUsage is null ? null : new XElement("diskUsage", DiskUsage),
        DiskLimit is null ? null : new XElement("diskLimit", DiskLimit),
        Bandwidth is null ? null : new XElement("bandwidth", Bandwidth),
        BandwidthLimit is null ? null : new XElement("bandwidthLimit", BandwidthLimit));
}

public sealed record StubCertificate(string Id, string CommonName, string Product, string Status, string? ExpireDate)
{
    public XElement ToXml(bool malformed) => new("item",
        new XElement("certID", Id),
        new XElement("productID", "42"),
        new XElement("productName", Product),
        malformed ? null : new XElement("commonName", CommonName),
        new XElement("status", Status),
        ExpireDate is null ? null : new XElement("expireDate", ExpireDate));
}
