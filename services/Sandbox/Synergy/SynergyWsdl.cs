using System.Xml.Linq;

namespace BillingOne.Sandbox.Synergy;

/// <summary>
/// <c>GET /synergy/soap?wsdl</c>: a WSDL 1.1 description of the operations the sandbox serves, in the style of Synergy's
/// own (rpc, SOAP-encoded, namespace <c>urn:WholesaleSystem</c>, soapAction <c>urn:WholesaleSystem#{operation}</c>, one
/// <c>request</c> part each), pointing at the address it was asked on, for SOAP tools that start from the WSDL.
/// </summary>
public static class SynergyWsdl
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace SoapBinding = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace SoapEncoding = "http://schemas.xmlsoap.org/soap/encoding/";
    private static readonly string[] Operations = ["listDomains", "listHosting", "SSL_listAllCerts", "listContacts", "listProtectedContacts"];

    public static IEndpointRouteBuilder MapSynergyWsdl(this IEndpointRouteBuilder app)
    {
        app.MapGet(SynergyApi.Path, (HttpRequest request) => request.Query.ContainsKey("wsdl")
            ? Results.Text(Describe(new Uri($"{request.Scheme}://{request.Host}{request.PathBase}{SynergyApi.Path}")).ToString(),
                "text/xml; charset=utf-8")
            : Results.Problem("Ask for the WSDL with ?wsdl, or POST a SOAP envelope.", statusCode: StatusCodes.Status404NotFound));
        return app;
    }

    public static XDocument Describe(Uri address)
    {
        XNamespace api = SynergyApi.Api;
        return new XDocument(new XElement(Wsdl + "definitions",
            new XAttribute("name", "SynergyWholesaleSandbox"),
            new XAttribute("targetNamespace", api.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "tns", api.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "soap", SoapBinding.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsdl", Wsdl.NamespaceName),
            Operations.SelectMany(operation => new[]
            {
                new XElement(Wsdl + "message", new XAttribute("name", operation),
                    new XElement(Wsdl + "part", new XAttribute("name", "request"), new XAttribute("type", "xsd:anyType"))),
                new XElement(Wsdl + "message", new XAttribute("name", $"{operation}Response"),
                    new XElement(Wsdl + "part", new XAttribute("name", "return"), new XAttribute("type", "xsd:anyType"))),
            }),
            new XElement(Wsdl + "portType", new XAttribute("name", "SynergyWholesalePortType"),
                Operations.Select(operation => new XElement(Wsdl + "operation", new XAttribute("name", operation),
                    new XElement(Wsdl + "input", new XAttribute("message", $"tns:{operation}")),
                    new XElement(Wsdl + "output", new XAttribute("message", $"tns:{operation}Response"))))),
            new XElement(Wsdl + "binding", new XAttribute("name", "SynergyWholesaleBinding"),
                new XAttribute("type", "tns:SynergyWholesalePortType"),
                new XElement(SoapBinding + "binding", new XAttribute("style", "rpc"),
                    new XAttribute("transport", "http://schemas.xmlsoap.org/soap/http")),
                Operations.Select(operation => new XElement(Wsdl + "operation", new XAttribute("name", operation),
                    new XElement(SoapBinding + "operation", new XAttribute("soapAction", $"{api.NamespaceName}#{operation}"),
                        new XAttribute("style", "rpc")),
                    new XElement(Wsdl + "input", EncodedBody(api)),
                    new XElement(Wsdl + "output", EncodedBody(api))))),
            new XElement(Wsdl + "service", new XAttribute("name", "SynergyWholesaleService"),
                new XElement(Wsdl + "port", new XAttribute("name", "SynergyWholesalePort"),
                    new XAttribute("binding", "tns:SynergyWholesaleBinding"),
                    new XElement(SoapBinding + "address", new XAttribute("location", address.ToString()))))));
    }

    private static XElement EncodedBody(XNamespace api) => new(SoapBinding + "body", new XAttribute("use", "encoded"),
        new XAttribute("namespace", api.NamespaceName), new XAttribute("encodingStyle", SoapEncoding.NamespaceName));
}
