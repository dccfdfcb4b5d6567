using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Faults;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Synergy;

/// <summary>
/// Synergy Wholesale's SOAP 1.1 API at <c>POST /synergy/soap</c>, in the shapes of Synergy's WSDL (docs/vendors.md,
/// "Synergy Wholesale"): namespace <c>urn:WholesaleSystem</c>; the operation's element in the body holds one
/// <c>request</c> with <c>resellerID</c> and <c>apiKey</c>; the answer's <c>return</c> holds <c>status</c> (<c>OK</c>
/// or <c>ERR_*</c> with <c>errorMessage</c>). <c>listDomains</c> (<c>domainList</c>, entries without contacts) and
/// <c>listHosting</c> (<c>hoidList</c>) page by <c>page</c> (from 1) and <c>limit</c> (default 100, at most 1000);
/// <c>SSL_listAllCerts</c> answers every certificate; <c>listContacts</c> and <c>listProtectedContacts</c> answer one
/// domain's contacts. Dates are Brisbane time (UTC+10). Wrong credentials answer <c>ERR_LOGIN_FAILED</c>; a body that
/// is not a SOAP call, or an operation the sandbox does not serve, a SOAP fault (500, text/xml), as Synergy's SOAP
/// server does.
/// </summary>
public static class SynergyApi
{
    public const string Path = "/synergy/soap";
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Api = "urn:WholesaleSystem";

    /// <summary>Synergy's dates are Brisbane time: UTC+10 all year.</summary>
    private static readonly TimeSpan Brisbane = TimeSpan.FromHours(10);

    public static IEndpointRouteBuilder MapSynergyApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, AnswerAsync).WithInjectedServerErrors();
        return app;
    }

    private static async Task<IResult> AnswerAsync(HttpRequest request, SynergyDemoData data, IOptions<SynergyOptions> options)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        XElement? call;
        try
        {
            call = XDocument.Parse(text).Root?.Element(Soap + "Body")?.Elements().FirstOrDefault();
        }
        catch (XmlException)
        {
            call = null;
        }
        if (call?.Element("request") is not { } parameters)
        {
            return Fault("SOAP-ENV:Client", "Bad Request: send a SOAP envelope whose body holds the operation and its request");
        }
        var method = call.Name.LocalName;
        if (!ClientCredentialsTokenEndpoint.IsRegistered(options.Value.Clients, (string?)parameters.Element("resellerID") ?? "",
            (string?)parameters.Element("apiKey") ?? ""))
        {
            return Answer(method, Return("ERR_LOGIN_FAILED", "Unable to login to the API: check the reseller ID and API key"));
        }
        return method switch
        {
            "listDomains" => Paged(method, parameters, "domainList", data.Domains, DomainXml),
            "listHosting" => Paged(method, parameters, "hoidList", data.Hosting, HostingXml),
            "listContacts" or "listProtectedContacts" => Contacts(method, data, (string?)parameters.Element("domainName")),
            "SSL_listAllCerts" => Answer(method, Return("OK", null,
                new XElement("certs", data.Certificates.Select(CertificateXml)))),
            _ => Fault("SOAP-ENV:Server", $"Procedure '{method}' not present"),
        };
    }

    private static IResult Paged<T>(string method, XElement parameters, string listField, IReadOnlyList<T> items,
        Func<T, XElement> toXml)
    {
        if (!TryNumber(parameters, "page", 1, int.MaxValue, 1, out var page)
            || !TryNumber(parameters, "limit", 1, MaxLimit, DefaultLimit, out var limit))
        {
            return Answer(method, Return($"ERR_{method.ToUpperInvariant()}_FAILED",
                $"page must be 1 or more and limit between 1 and {MaxLimit}"));
        }
        var start = (long)(page - 1) * limit;
        return Answer(method, Return("OK", null, new XElement("totalItems", items.Count),
            new XElement(listField, items.Skip((int)Math.Min(start, int.MaxValue)).Take(limit).Select(toXml))));
    }

    private static IResult Contacts(string method, SynergyDemoData data, string? domainName)
    {
        if (data.Domains.FirstOrDefault(domain => string.Equals(domain.Name, domainName?.Trim(), StringComparison.OrdinalIgnoreCase))
            is not { } domain)
        {
            return Answer(method, Return($"ERR_{method.ToUpperInvariant()}_FAILED", "Domain Info Failed - Unable to retrieve domain id"));
        }
        var contact = new XElement("registrant",
            new XElement("organisation", domain.Registrant),
            new XElement("firstname", "Accounts"),
            new XElement("lastname", "Team"),
            new XElement("email", $"accounts@{domain.Name}"),
            new XElement("country", "AU"));
        return Answer(method, Return("OK", null, contact,
            new XElement("admin", contact.Elements()), new XElement("tech", contact.Elements()), new XElement("billing", contact.Elements())));
    }

    private static bool TryNumber(XElement parameters, string name, int min, int max, int fallback, out int value)
    {
        var text = ((string?)parameters.Element(name))?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static XElement DomainXml(SynergyDemoDomain domain) => new("item",
        new XElement("domainName", domain.Name),
        new XElement("domain_status", domain.Status),
        new XElement("domain_expiry", DateAndTime(domain.Expiry)),
        new XElement("autoRenew", domain.AutoRenew ? "1" : "0"),
        new XElement("nameServers", new XElement("item", "ns1.nameserver.net.au"), new XElement("item", "ns2.nameserver.net.au")),
        new XElement("idProtect", "Disabled"));

    private static XElement HostingXml(SynergyDemoHosting service) => new("item",
        new XElement("hoid", service.Id),
        new XElement("domain", service.Domain),
        new XElement("plan", service.Plan),
        new XElement("serviceStatus", service.Status),
        new XElement("nextRenewalDue", Date(service.NextRenewalDue)),
        new XElement("diskUsage", service.DiskUsageMb),
        new XElement("diskLimit", service.DiskLimitMb),
        new XElement("bandwidth", service.BandwidthMb),
        new XElement("bandwidthLimit", service.BandwidthLimitMb));

    private static XElement CertificateXml(SynergyDemoCertificate certificate) => new("item",
        new XElement("certID", certificate.Id),
        new XElement("productID", certificate.ProductId),
        new XElement("productName", certificate.ProductName),
        new XElement("commonName", certificate.CommonName),
        new XElement("status", certificate.Status),
        new XElement("startDate", DateAndTime(certificate.StartDate)),
        new XElement("expireDate", DateAndTime(certificate.ExpireDate)));

    private static XElement Return(string status, string? errorMessage, params object[] content) =>
        new("return", new XElement("status", status), new XElement("errorMessage", errorMessage ?? ""), content);

    private static IResult Answer(string method, XElement result) => Xml(StatusCodes.Status200OK,
        new XElement(Api + $"{method}Response", result));

    private static IResult Fault(string code, string reason) => Xml(StatusCodes.Status500InternalServerError,
        new XElement(Soap + "Fault", new XElement("faultcode", code), new XElement("faultstring", reason)));

    private static IResult Xml(int statusCode, XElement content)
    {
        var envelope = new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "SOAP-ENV", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ns1", Api.NamespaceName),
            new XElement(Soap + "Body", content));
        return Results.Text("""<?xml version="1.0" encoding="UTF-8"?>""" + envelope.ToString(SaveOptions.DisableFormatting),
            "text/xml; charset=utf-8", statusCode: statusCode);
    }

    public static string DateAndTime(DateTimeOffset instant) =>
        instant.ToOffset(Brisbane).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset instant) =>
        instant.ToOffset(Brisbane).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
