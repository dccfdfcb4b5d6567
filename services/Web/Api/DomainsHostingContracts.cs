namespace BillingOne.Web.Api;

// The web UI's view of reconciliation's Synergy Wholesale lists:
//   GET /api/reconciliation/domains?search=&status=&clientId=&expiringWithinDays=&autoRenew=&sort=&direction=&page=&pageSize=
//   GET /api/reconciliation/hosting?…, GET /api/reconciliation/ssl-certificates?…      -> PagedList<…>
//   GET /api/reconciliation/{domains|hosting|ssl-certificates}/export?…                 -> text/csv
//   GET /api/reconciliation/domains/summary                                             -> DomainsHostingSummary

/// <param name="AccountName">The Synergy customer account (registrant organisation); null when the domain names none.</param>
/// <param name="ClientId">Null while the account is not mapped to a client.</param>
public sealed record SynergyDomain(string Name, string Status, DateTimeOffset? ExpiresAt, bool AutoRenew, string? AccountId,
    string? AccountName, Guid? ClientId, string? ClientName);

public sealed record SynergyHostingService(string Id, string Domain, string Plan, string Status, DateTimeOffset? RenewsAt,
    decimal? DiskUsageMb, decimal? DiskLimitMb, string? AccountId, string? AccountName, Guid? ClientId, string? ClientName);

public sealed record SynergyCertificate(string Id, string CommonName, string Product, string Status, DateTimeOffset? ExpiresAt,
    string? AccountId, string? AccountName, Guid? ClientId, string? ClientName);

public sealed record DomainsHostingCounts(int Total, int ExpiringSoon, int Expired, int AutoRenewOff, int Unmapped);

/// <param name="ExpiringWithinDays">What "expiring soon" counts: from now to that many days ahead.</param>
public sealed record DomainsHostingSummary(int ExpiringWithinDays, DomainsHostingCounts Domains, DomainsHostingCounts Hosting,
    DomainsHostingCounts Certificates)
{
    public DomainsHostingCounts For(string tab) => tab switch
    {
        DomainsHostingTabs.Hosting => Hosting,
        DomainsHostingTabs.Certificates => Certificates,
        _ => Domains,
    };

    /// <summary>Whether Synergy has never been synced (or lists nothing at all).</summary>
    public bool IsEmpty => Domains.Total == 0 && Hosting.Total == 0 && Certificates.Total == 0;
}

/// <summary>One row of whichever tab is shown: a domain, a hosting service or a certificate, in the columns they share.</summary>
/// <param name="Name">The domain, the hosting service's domain or the certificate's common name.</param>
/// <param name="Detail">The hosting plan or the certificate product; null for a domain.</param>
/// <param name="Date">The expiry (hosting: the next renewal).</param>
/// <param name="AutoRenew">Domains only.</param>
public sealed record DomainsHostingRow(string Key, string Name, string? Detail, string Status, DateTimeOffset? Date,
    bool? AutoRenew, string? AccountName, Guid? ClientId, string? ClientName)
{
    public static DomainsHostingRow From(SynergyDomain domain) => new(domain.Name, domain.Name, null, domain.Status,
        domain.ExpiresAt, domain.AutoRenew, domain.AccountName, domain.ClientId, domain.ClientName);

    public static DomainsHostingRow From(SynergyHostingService service) => new(service.Id, service.Domain, service.Plan,
        service.Status, service.RenewsAt, null, service.AccountName, service.ClientId, service.ClientName);

    public static DomainsHostingRow From(SynergyCertificate certificate) => new(certificate.Id, certificate.CommonName,
        certificate.Product, certificate.Status, certificate.ExpiresAt, null, certificate.AccountName, certificate.ClientId,
        certificate.ClientName);
}

/// <summary>The page's tabs: their address value, title and the reconciliation path they list.</summary>
public static class DomainsHostingTabs
{
    public const string Domains = "domains";
    public const string Hosting = "hosting";
    public const string Certificates = "ssl";

    public static readonly IReadOnlyList<string> All = [Domains, Hosting, Certificates];

    public static string Title(string tab) => tab switch
    {
        Hosting => "Hosting",
        Certificates => "SSL certificates",
        _ => "Domains",
    };

    /// <summary>What one row of the tab is, in a sentence ("No domains match").</summary>
    public static string Records(string tab) => tab switch
    {
        Hosting => "hosting services",
        Certificates => "SSL certificates",
        _ => "domains",
    };

    public static string Path(string tab) => tab switch
    {
        Hosting => "api/reconciliation/hosting",
        Certificates => "api/reconciliation/ssl-certificates",
        _ => "api/reconciliation/domains",
    };
}

public static class DomainsHostingSortColumns
{
    public const string Name = "name";
    public const string Client = "client";
    public const string Status = "status";
    public const string Expiry = "expiry";
    public const string Plan = "plan";
    public const string Product = "product";

    public static IReadOnlyList<string> For(string tab) => tab switch
    {
        DomainsHostingTabs.Hosting => [Name, Client, Plan, Status, Expiry],
        DomainsHostingTabs.Certificates => [Name, Client, Product, Status, Expiry],
        _ => [Name, Client, Status, Expiry],
    };

    public static string DefaultDirection(string column) => SortDirections.Ascending;
}

/// <summary>One tab's search, "expiring soon" filter, client scope, sort and page.</summary>
/// <param name="ExpiringSoon">Only what expires (hosting: renews) within <see cref="ExpiringSoonDays"/> days.</param>
public sealed record DomainsHostingQuery(
    string Tab = DomainsHostingTabs.Domains,
    string? Search = null,
    bool ExpiringSoon = false,
    Guid? ClientId = null,
    string Sort = DomainsHostingSortColumns.Name,
    string Direction = SortDirections.Ascending,
    int Page = 1,
    int PageSize = DomainsHostingQuery.DefaultPageSize) : IPagedQuery<DomainsHostingQuery>
{
    public const int DefaultPageSize = 25;
    public const int ExpiringSoonDays = 30;
    public const string SummaryPath = "api/reconciliation/domains/summary";

    public bool IsFiltered => Search is not null || ExpiringSoon || ClientId is not null;

    public DomainsHostingQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(DomainsHostingTabs.Path(Tab), ("search", Search),
        ("expiringWithinDays", ExpiringSoon ? ExpiringSoonDays : null), ("clientId", ClientId), ("sort", Sort),
        ("direction", Direction), ("page", Page), ("pageSize", PageSize));

    /// <summary>The service's CSV of every row of the tab the filters match, in the list's order.</summary>
    public string ToExportUri() => ApiQuery.Build($"{DomainsHostingTabs.Path(Tab)}/export", ("search", Search),
        ("expiringWithinDays", ExpiringSoon ? ExpiringSoonDays : null), ("clientId", ClientId), ("sort", Sort),
        ("direction", Direction));
}
