using System.Globalization;
using System.Xml.Linq;

namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>
/// Reads a reseller's Synergy Wholesale account: <c>listDomains</c> and <c>listHosting</c> paged by <c>page</c> and
/// <c>limit</c> (a short page is the last), and <c>SSL_listAllCerts</c> in one answer. Each answer is validated whole
/// before any of it is used; a page repeating an item already read is rejected, since paging would then skip others.
/// </summary>
/// <param name="http">A client over the Synergy handler pipeline (retries, timeouts).</param>
public sealed class SynergyConnector(HttpClient http, Uri endpoint, SynergyCredentials credentials, int pageSize)
{
    /// <summary>The handler pipeline every organization's Synergy calls run over.</summary>
    public const string ApiPipeline = "synergy-api";

    public const string ListDomains = "listDomains";
    public const string ListHosting = "listHosting";
    public const string ListCertificates = "SSL_listAllCerts";

    public Task<IReadOnlyList<SynergyDomain>> ListDomainsAsync(CancellationToken cancellationToken = default) =>
        PageAsync(ListDomains, "domainList", domain => domain.Name, ToDomain, cancellationToken);

    public Task<IReadOnlyList<SynergyHostingService>> ListHostingAsync(CancellationToken cancellationToken = default) =>
        PageAsync(ListHosting, "hostingList", service => service.Id, ToHostingService, cancellationToken);

    public async Task<IReadOnlyList<SynergyCertificate>> ListCertificatesAsync(CancellationToken cancellationToken = default)
    {
        var call = new SynergySoapCall(ListCertificates, 1);
        var result = await call.InvokeAsync(http, endpoint, credentials, [], cancellationToken);
        var certificates = new List<SynergyCertificate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = SynergySoapCall.Items(result, "certs");
        for (var index = 0; index < items.Count; index++)
        {
            var certificate = ToCertificate(items[index], $"certs/item[{index + 1}]", call);
            if (seen.Add(certificate.Id))
            {
                certificates.Add(certificate);
            }
        }
        return certificates;
    }

    /// <summary>Reads the first page of domains: whether the credentials and endpoint answer, never throwing for Synergy's faults.</summary>
    public async Task<string?> CheckConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await new SynergySoapCall(ListDomains, 1).InvokeAsync(http, endpoint, credentials,
                [("page", "1"), ("limit", "1")], cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is HttpRequestException or SynergyAnswerRejectedException
            or Polly.Timeout.TimeoutRejectedException)
        {
            return exception.Message;
        }
    }

    private async Task<IReadOnlyList<T>> PageAsync<T>(string method, string listField, Func<T, string> keyOf,
        Func<XElement, string, SynergySoapCall, T> convert, CancellationToken cancellationToken)
    {
        var read = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var pageNumber = 1; ; pageNumber++)
        {
            var call = new SynergySoapCall(method, pageNumber);
            var result = await call.InvokeAsync(http, endpoint, credentials,
                [("page", pageNumber.ToString(CultureInfo.InvariantCulture)), ("limit", pageSize.ToString(CultureInfo.InvariantCulture))],
                cancellationToken);
            var items = SynergySoapCall.Items(result, listField);
            if (items.Count > pageSize)
            {
                throw call.Reject(listField, $"holds {items.Count} items, more than the {pageSize} asked for");
            }
            var page = new List<T>(items.Count);
            for (var index = 0; index < items.Count; index++)
            {
                var path = $"{listField}/item[{index + 1}]";
                var item = convert(items[index], path, call);
                if (!seen.Add(keyOf(item)))
                {
                    throw call.Reject(path, $"repeats '{keyOf(item)}' read before: paging would skip items");
                }
                page.Add(item);
            }
            read.AddRange(page);
            if (items.Count < pageSize)
            {
                return read;
            }
        }
    }

    private static SynergyDomain ToDomain(XElement item, string path, SynergySoapCall call) => new(
        call.RequiredText(item, "domainName", path).ToLowerInvariant(),
        call.RequiredText(item, "domain_status", path),
        call.OptionalDate(item, "domain_expiry", path),
        call.RequiredSwitch(item, "autoRenew", path),
        SynergyAccount.FromOrganisation(item.Element("contacts")?.Element("registrant") is { } registrant
            ? SynergySoapCall.Text(registrant, "organisation")
            : null));

    private static SynergyHostingService ToHostingService(XElement item, string path, SynergySoapCall call) => new(
        call.RequiredText(item, "hoid", path),
        call.RequiredText(item, "domain", path).ToLowerInvariant(),
        call.RequiredText(item, "plan", path),
        call.RequiredText(item, "serviceStatus", path),
        call.OptionalDate(item, "nextRenewalDue", path),
        call.OptionalMegabytes(item, "diskUsage", path),
        call.OptionalMegabytes(item, "diskLimit", path),
        call.OptionalMegabytes(item, "bandwidth", path),
        call.OptionalMegabytes(item, "bandwidthLimit", path));

    private static SynergyCertificate ToCertificate(XElement item, string path, SynergySoapCall call) => new(
        call.RequiredText(item, "certID", path),
        call.RequiredText(item, "commonName", path).ToLowerInvariant(),
        SynergySoapCall.Text(item, "productName") ?? call.RequiredText(item, "productID", path),
        call.RequiredText(item, "status", path),
        call.OptionalDate(item, "expireDate", path));
}
