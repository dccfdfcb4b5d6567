using System.ComponentModel;
using BillingOne.BuildingBlocks.Data;
using BillingOne.Reconciliation.Data;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Apis;

/// <summary>The query parameters the domain, hosting and certificate lists share (<c>autoRenew</c> is the domains').</summary>
public sealed record SynergyListParameters(
    [property: Description("Part of the name (domain, common name), plan or product, customer account or client, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Synergy's status, any case (e.g. ok, Active, Issued, Expired).")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("Only items whose customer account is mapped to this client.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("Only items expiring (hosting: renewing) from now to this many days ahead, 0–3650.")]
    [FromQuery(Name = "expiringWithinDays")] int? ExpiringWithinDays,
    [property: Description("Domains only: true or false.")]
    [FromQuery(Name = "autoRenew")] string? AutoRenew,
    [property: Description("name (default), client, status, expiry; hosting also plan, certificates also product.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc (default) or desc.")]
    [FromQuery(Name = "direction")] string? Direction);

/// <param name="AccountId">The Synergy customer account (registrant organisation) the client mappings map; null when none.</param>
/// <param name="ClientId">The client the account is mapped to; null when unmapped.</param>
public sealed record SynergyDomainResponse(string Name, string Status, DateTimeOffset? ExpiresAt, bool AutoRenew,
    string? AccountId, string? AccountName, Guid? ClientId, string? ClientName, DateTimeOffset FirstSeenAt)
{
    public static SynergyDomainResponse From(SynergyDomainRow row) => new(row.Name, row.Status,
        UtcInstants.From(row.ExpiresAt), row.AutoRenew, row.AccountId, row.AccountName, row.ClientId, row.ClientName,
        UtcInstants.From(row.FirstSeenAt));
}

/// <param name="Id">Synergy's hosting id (hoid).</param>
/// <param name="DiskUsageMb">Null, as the other sizes, when Synergy does not report it.</param>
public sealed record SynergyHostingResponse(string Id, string Domain, string Plan, string Status, DateTimeOffset? RenewsAt,
    decimal? DiskUsageMb, decimal? DiskLimitMb, decimal? BandwidthMb, decimal? BandwidthLimitMb, string? AccountId,
    string? AccountName, Guid? ClientId, string? ClientName, DateTimeOffset FirstSeenAt)
{
    public static SynergyHostingResponse From(SynergyHostingRow row) => new(row.Id, row.Domain, row.Plan, row.Status,
        UtcInstants.From(row.RenewsAt), row.DiskUsageMb, row.DiskLimitMb, row.BandwidthMb, row.BandwidthLimitMb,
        row.AccountId, row.AccountName, row.ClientId, row.ClientName, UtcInstants.From(row.FirstSeenAt));
}

/// <param name="Id">Synergy's certificate id (certID).</param>
public sealed record SynergyCertificateResponse(string Id, string CommonName, string Product, string Status,
    DateTimeOffset? ExpiresAt, string? AccountId, string? AccountName, Guid? ClientId, string? ClientName,
    DateTimeOffset FirstSeenAt)
{
    public static SynergyCertificateResponse From(SynergyCertificateRow row) => new(row.Id, row.CommonName, row.Product,
        row.Status, UtcInstants.From(row.ExpiresAt), row.AccountId, row.AccountName, row.ClientId, row.ClientName,
        UtcInstants.From(row.FirstSeenAt));
}

/// <param name="ExpiringSoon">Expiring (hosting: renewing) within <see cref="SynergySummaryResponse.ExpiringWithinDays"/> days.</param>
/// <param name="Unmapped">Whose customer account is mapped to no client (or that have none).</param>
public sealed record SynergyCountsResponse(int Total, int ExpiringSoon, int Expired, int AutoRenewOff, int Unmapped);

public sealed record SynergySummaryResponse(int ExpiringWithinDays, SynergyCountsResponse Domains,
    SynergyCountsResponse Hosting, SynergyCountsResponse Certificates);
