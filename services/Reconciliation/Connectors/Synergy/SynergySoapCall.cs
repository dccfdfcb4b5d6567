using System.Globalization;
using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;

namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>
/// One call of Synergy Wholesale's SOAP 1.1 API as its WSDL describes it (docs/vendors.md, "Synergy Wholesale"): rpc
/// style, SOAP-encoded, namespace <c>urn:WholesaleSystem</c>, <c>SOAPAction: "urn:WholesaleSystem#{operation}"</c>. The
/// operation's element in the body holds one part, <c>request</c>, typed <c>{operation}Request</c>, with
/// <c>resellerID</c>, <c>apiKey</c> and the operation's parameters; the answer's <c>return</c> holds <c>status</c>
/// (<c>OK</c> or <c>ERR_*</c>), <c>errorMessage</c> and the operation's fields. Names every rejection by operation,
/// page and field.
/// </summary>
public sealed class SynergySoapCall(string method, int pageNumber, string? requestType = null)
{
    public static readonly XNamespace Envelope = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Api = "urn:WholesaleSystem";
    public static readonly XNamespace Encoding = "http://schemas.xmlsoap.org/soap/encoding/";
    public static readonly XNamespace Schema = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace SchemaInstance = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Synergy writes its dates in Brisbane time (Australia/Brisbane: UTC+10 all year, no daylight saving).</summary>
    public static readonly TimeSpan BrisbaneOffset = TimeSpan.FromHours(10);

    /// <summary>Parameters the WSDL types as <c>xsd:int</c>; every other one is an <c>xsd:string</c>.</summary>
    private static readonly HashSet<string> IntegerParameters = new(StringComparer.Ordinal) { "page", "limit" };

    public string Method { get; } = method;

    public int PageNumber { get; } = pageNumber;

    /// <summary>The WSDL type of the <c>request</c> part; most operations' is <c>{operation}Request</c>.</summary>
    public string RequestType { get; } = requestType ?? $"{method}Request";

    /// <summary>Posts the call and answers its <c>return</c> element once its status is <c>OK</c>.</summary>
    public async Task<XElement> InvokeAsync(HttpClient http, Uri endpoint, SynergyCredentials credentials,
        IEnumerable<(string Name, string Value)> parameters, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(RequestEnvelope(credentials, parameters).ToString(SaveOptions.DisableFormatting),
                System.Text.Encoding.UTF8, "text/xml"),
        };
        request.Headers.Add("SOAPAction", $"\"{Api.NamespaceName}#{Method}\"");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/xml"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        XDocument answer;
        try
        {
            answer = XDocument.Parse(body);
        }
        catch (XmlException exception)
        {
            // A server error that is not a SOAP fault (after the retries) is the transport's failure, not the answer's.
            response.EnsureSuccessStatusCode();
            throw Reject("$", $"is not XML ({exception.Message})");
        }
        var soapBody = answer.Root?.Element(Envelope + "Body") ?? throw Reject("Envelope/Body", "is missing");
        if (soapBody.Element(Envelope + "Fault") is { } fault)
        {
            throw Reject("Fault", $"is {Text(fault, "faultcode") ?? "a fault"}: {Text(fault, "faultstring") ?? "no reason given"}");
        }
        response.EnsureSuccessStatusCode();
        var result = soapBody.Elements().FirstOrDefault()?.Element("return")
            ?? throw Reject($"Body/{Method}Response/return", "is missing");
        var status = Text(result, "status") ?? throw Reject("status", "is missing");
        if (!string.Equals(status, "OK", StringComparison.Ordinal))
        {
            throw Reject("status", $"is {status}: {Text(result, "errorMessage") ?? "no reason given"}");
        }
        return result;
    }

    /// <summary>The envelope as a WSDL-driven SOAP client (PHP's SoapClient, the official modules' client) sends it.</summary>
    public XDocument RequestEnvelope(SynergyCredentials credentials, IEnumerable<(string Name, string Value)> parameters) =>
        new(new XElement(Envelope + "Envelope",
            new XAttribute(XNamespace.Xmlns + "SOAP-ENV", Envelope.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ns1", Api.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsd", Schema.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xsi", SchemaInstance.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "SOAP-ENC", Encoding.NamespaceName),
            new XAttribute(Envelope + "encodingStyle", Encoding.NamespaceName),
            new XElement(Envelope + "Body",
                new XElement(Api + Method,
                    new XElement("request", new XAttribute(SchemaInstance + "type", $"ns1:{RequestType}"),
                        Typed("resellerID", credentials.ResellerId),
                        Typed("apiKey", credentials.ApiKey),
                        parameters.Select(parameter => Typed(parameter.Name, parameter.Value)))))));

    private static XElement Typed(string name, string value) => new(name,
        new XAttribute(SchemaInstance + "type", IntegerParameters.Contains(name) ? "xsd:int" : "xsd:string"), value);

    /// <summary>The items of a list field (<c>domainList</c>, <c>certs</c>…); an absent or empty list is none.</summary>
    public static IReadOnlyList<XElement> Items(XElement result, string listField) =>
        result.Element(listField)?.Elements("item").ToList() ?? [];

    public string RequiredText(XElement item, string field, string path) =>
        Text(item, field) ?? throw Reject($"{path}/{field}", "is missing or empty");

    /// <summary>
    /// A date as Synergy writes them (<c>yyyy-MM-dd</c>, optionally with <c>HH:mm:ss</c>), in Brisbane time, as the
    /// instant it is (UTC); null when absent or Synergy's zero date.
    /// </summary>
    public DateTimeOffset? OptionalDate(XElement item, string field, string path)
    {
        if (Text(item, field) is not { } text || text.StartsWith("0000-00-00", StringComparison.Ordinal))
        {
            return null;
        }
        return DateTime.TryParseExact(text, ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Unspecified), BrisbaneOffset).ToUniversalTime()
            : throw Reject($"{path}/{field}", $"is '{text}', not a date");
    }

    /// <summary>A size in MB; Synergy writes plain numbers, sometimes with an <c>MB</c> unit. Null when absent.</summary>
    public decimal? OptionalMegabytes(XElement item, string field, string path)
    {
        if (Text(item, field) is not { } text)
        {
            return null;
        }
        var number = text.EndsWith("MB", StringComparison.OrdinalIgnoreCase) ? text[..^2].TrimEnd() : text;
        return decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var megabytes) && megabytes >= 0
            ? megabytes
            : throw Reject($"{path}/{field}", $"is '{text}', not a size in MB");
    }

    /// <summary>Auto-renewal as Synergy spells it: <c>on</c>/<c>off</c>, <c>1</c>/<c>0</c> or <c>true</c>/<c>false</c>.</summary>
    public bool RequiredSwitch(XElement item, string field, string path) =>
        RequiredText(item, field, path).ToLowerInvariant() switch
        {
            "on" or "1" or "true" or "yes" => true,
            "off" or "0" or "false" or "no" => false,
            var other => throw Reject($"{path}/{field}", $"is '{other}', not on or off"),
        };

    public SynergyAnswerRejectedException Reject(string field, string reason) => new(Method, PageNumber, field, reason);

    public static string? Text(XElement element, string field) =>
        element.Element(field)?.Value.Trim() is { Length: > 0 } text ? text : null;
}

/// <summary>The reseller's API credentials, sent in every call.</summary>
public sealed record SynergyCredentials(string ResellerId, string ApiKey);
