using System.Globalization;
using System.Xml.Linq;

namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>
/// Reads a reseller's Synergy Wholesale account as its WSDL and official WHMCS modules do (docs/vendors.md, "Synergy
/// Wholesale"): <c>listDomains</c> (list field <c>domainList</c>) and <c>listHosting</c> (list field <c>hoidList</c>)
/// paged by <c>page</c> and <c>limit</c> (a short page is the last), <c>SSL_listAllCerts</c> in one answer, and each
/// domain's registrant through <c>listContacts</c> (<c>listProtectedContacts</c> when ID protection is on) unless the
/// list entry already names it. An answer that fails as a whole (status, fault, not XML, a page repeating an item)
/// rejects the call; one malformed item is left out and named in <see cref="Skipped"/>, and the rest is kept.
/// </summary>
/// <param name="http">A client over the Synergy handler pipeline (retries, timeouts).</param>
public sealed class SynergyConnector(HttpClient http, Uri endpoint, SynergyCredentials credentials, int pageSize)
{
    /// <summary>The handler pipeline every organization's Synergy calls run over.</summary>
    public const string ApiPipeline = "synergy-api";

    public const string ListDomains = "listDomains";
    public const string ListHosting = "listHosting";
    public const string ListCertificates = "SSL_listAllCerts";
    public const string ListContacts = "listContacts";
    public const string ListProtectedContacts = "listProtectedContacts";

    public const string DomainListField = "domainList";
    public const string HostingListField = "hoidList";
    public const string CertificateListField = "certs";

    private readonly List<SynergySkippedItem> skipped = [];

    /// <summary>Items the listings read so far left out on their own, or read only in part, each named with its reason.</summary>
    public IReadOnlyList<SynergySkippedItem> Skipped => skipped;

    public async Task<IReadOnlyList<SynergyDomain>> ListDomainsAsync(CancellationToken cancellationToken = default)
    {
        var protectedDomains = new HashSet<string>(StringComparer.Ordinal);
        var domains = await PageAsync(ListDomains, DomainListField, "domain", "domainName", domain => domain.Name,
            (item, path, call) =>
            {
                var domain = ToDomain(item, path, call);
                if (string.Equals(SynergySoapCall.Text(item, "idProtect"), "Enabled", StringComparison.OrdinalIgnoreCase))
                {
                    protectedDomains.Add(domain.Name);
                }
                return domain;
            }, cancellationToken);
        var withRegistrants = new List<SynergyDomain>(domains.Count);
        foreach (var domain in domains)
        {
            withRegistrants.Add(domain.Registrant is null
                ? domain with { Registrant = await RegistrantAsync(domain.Name, protectedDomains.Contains(domain.Name), cancellationToken) }
                : domain);
        }
        return withRegistrants;
    }

    public Task<IReadOnlyList<SynergyHostingService>> ListHostingAsync(CancellationToken cancellationToken = default) =>
        PageAsync(ListHosting, HostingListField, "hosting service", "hoid", service => service.Id, ToHostingService,
            cancellationToken);

    public async Task<IReadOnlyList<SynergyCertificate>> ListCertificatesAsync(CancellationToken cancellationToken = default)
    {
        var call = new SynergySoapCall(ListCertificates, 1);
        var result = await call.InvokeAsync(http, endpoint, credentials, [], cancellationToken);
        var certificates = new List<SynergyCertificate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = SynergySoapCall.Items(result, CertificateListField);
        for (var index = 0; index < items.Count; index++)
        {
            var path = $"{CertificateListField}/item[{index + 1}]";
            if (Convert(items[index], path, call, "certificate", "certID", ToCertificate) is { } certificate
                && seen.Add(certificate.Id))
            {
                certificates.Add(certificate);
            }
        }
        return certificates;
    }

    /// <summary>
    /// Makes the calls the sync makes, one item each: the first page of domains and that domain's contacts, and the first
    /// page of hosting, each checked for the fields the sync reads. Answers why not, never throwing for Synergy's faults.
    /// </summary>
    public async Task<string?> CheckConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var domainsCall = new SynergySoapCall(ListDomains, 1);
            var domains = await domainsCall.InvokeAsync(http, endpoint, credentials, [("page", "1"), ("limit", "1")],
                cancellationToken);
            if (SynergySoapCall.Items(domains, DomainListField).FirstOrDefault() is { } item)
            {
                var domain = ToDomain(item, $"{DomainListField}/item[1]", domainsCall);
                if (domain.Registrant is null)
                {
                    await ContactsAsync(domain.Name,
                        string.Equals(SynergySoapCall.Text(item, "idProtect"), "Enabled", StringComparison.OrdinalIgnoreCase),
                        cancellationToken);
                }
            }
            var hostingCall = new SynergySoapCall(ListHosting, 1);
            var hosting = await hostingCall.InvokeAsync(http, endpoint, credentials, [("page", "1"), ("limit", "1")],
                cancellationToken);
            if (SynergySoapCall.Items(hosting, HostingListField).FirstOrDefault() is { } service)
            {
                ToHostingService(service, $"{HostingListField}/item[1]", hostingCall);
            }
            return null;
        }
        catch (SynergyAnswerRejectedException rejected)
        {
            return $"{rejected.Method}: '{rejected.Field}' {rejected.Reason}";
        }
        catch (Exception exception) when (exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
            or TaskCanceledException)
        {
            return exception is HttpRequestException { StatusCode: { } status }
                ? $"the API answered HTTP {(int)status}"
                : "the API did not answer in time or could not be reached";
        }
    }

    /// <summary>
    /// The account a domain's registrant contact names, from <c>listContacts</c>; null when the registrant names no
    /// organisation. A domain whose contacts Synergy refuses is kept without an account and named in <see cref="Skipped"/>.
    /// </summary>
    private async Task<SynergyAccount?> RegistrantAsync(string domainName, bool idProtected, CancellationToken cancellationToken)
    {
        try
        {
            return await ContactsAsync(domainName, idProtected, cancellationToken);
        }
        catch (SynergyAnswerRejectedException rejected)
        {
            skipped.Add(new SynergySkippedItem($"Synergy domain {domainName}",
                $"registrant not read, kept without a client: {rejected.Method} '{rejected.Field}' {rejected.Reason}"));
            return null;
        }
    }

    private async Task<SynergyAccount?> ContactsAsync(string domainName, bool idProtected, CancellationToken cancellationToken)
    {
        // listProtectedContacts shares listContacts' request type in the WSDL.
        var call = new SynergySoapCall(idProtected ? ListProtectedContacts : ListContacts, 1, "listContactsRequest");
        var result = await call.InvokeAsync(http, endpoint, credentials, [("domainName", domainName)], cancellationToken);
        return SynergyAccount.FromOrganisation(result.Element("registrant") is { } registrant
            ? SynergySoapCall.Text(registrant, "organisation")
            : null);
    }

    private async Task<IReadOnlyList<T>> PageAsync<T>(string method, string listField, string kind, string idField,
        Func<T, string> keyOf, Func<XElement, string, SynergySoapCall, T> convert, CancellationToken cancellationToken)
        where T : class
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
                if (Convert(items[index], path, call, kind, idField, convert) is not { } item)
                {
                    continue;
                }
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

    /// <summary>One item, or null when it is malformed: it is then named (by its Synergy id when it has one) in <see cref="Skipped"/>.</summary>
    private T? Convert<T>(XElement item, string path, SynergySoapCall call, string kind, string idField,
        Func<XElement, string, SynergySoapCall, T> convert) where T : class
    {
        try
        {
            return convert(item, path, call);
        }
        catch (SynergyAnswerRejectedException rejected)
        {
            var id = SynergySoapCall.Text(item, idField);
            skipped.Add(new SynergySkippedItem(
                id is null ? $"Synergy {kind} at {call.Method} page {call.PageNumber} {path}" : $"Synergy {kind} {id}",
                $"'{rejected.Field}' {rejected.Reason} ({call.Method} page {call.PageNumber})"));
            return null;
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
