using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Connectors.Synergy;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>What one complete read of a Synergy account is stored as, each item with its customer account (if any).</summary>
public sealed record SynergyRead(
    IReadOnlyList<(SynergyDomain Domain, SynergyAccount? Account)> Domains,
    IReadOnlyList<(SynergyHostingService Service, SynergyAccount? Account)> Hosting,
    IReadOnlyList<(SynergyCertificate Certificate, SynergyAccount? Account)> Certificates);

public sealed record AppliedSynergyRead(SyncCounts Domains, SyncCounts Hosting, SyncCounts Certificates,
    VendorAccountsSnapshotted Accounts);

/// <summary>
/// Applies a complete read of an organization's Synergy account in one transaction: domains, hosting services and
/// certificates compared with what is stored (<see cref="SnapshotDiff"/>), and the customer accounts listed to the
/// subscription service with <see cref="VendorAccountsSnapshotted"/>.
/// </summary>
public sealed class SynergyStore(NpgsqlDataSource dataSource, IOutbox outbox, TimeProvider clock)
{
    public const string Vendor = "synergy";

    /// <summary>A stored row keyed by the vendor's id (domain name, hosting id, certificate id).</summary>
    internal interface IKeyedRecord
    {
        string Key { get; }
    }

    // The stored shape of each kind: exactly the fields whose change counts as a change.
    internal sealed record DomainRecord(string Key, string Status, DateTime? ExpiresAt, bool AutoRenew, string? AccountId,
        string? AccountName) : IKeyedRecord;

    internal sealed record HostingRecord(string Key, string DomainName, string Plan, string Status, DateTime? RenewsAt,
        decimal? DiskUsageMb, decimal? DiskLimitMb, decimal? BandwidthMb, decimal? BandwidthLimitMb, string? AccountId,
        string? AccountName) : IKeyedRecord;

    internal sealed record CertificateRecord(string Key, string CommonName, string Product, string Status,
        DateTime? ExpiresAt, string? AccountId, string? AccountName) : IKeyedRecord;

    public async Task<AppliedSynergyRead> ApplyAsync(Guid orgId, Guid syncRunId, SynergyRead read,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var domains = await ApplyKindAsync(transaction, orgId, now,
            read.Domains.Select(item => new DomainRecord(item.Domain.Name, item.Domain.Status, Utc(item.Domain.ExpiresAt),
                item.Domain.AutoRenew, item.Account?.ExternalId, item.Account?.Name)),
            """
            SELECT domain_name AS Key, status, expires_at AS ExpiresAt, auto_renew AS AutoRenew,
                account_external_id AS AccountId, account_name AS AccountName
            FROM synergy_domains WHERE org_id = @orgId AND removed_at IS NULL
            """,
            """
            INSERT INTO synergy_domains (org_id, domain_name, status, expires_at, auto_renew, account_external_id,
                account_name, first_seen_at)
            VALUES (@OrgId, @Key, @Status, @ExpiresAt, @AutoRenew, @AccountId, @AccountName, @Now)
            ON CONFLICT (org_id, domain_name) DO UPDATE SET status = excluded.status, expires_at = excluded.expires_at,
                auto_renew = excluded.auto_renew, account_external_id = excluded.account_external_id,
                account_name = excluded.account_name, removed_at = NULL
            """,
            "UPDATE synergy_domains SET removed_at = @now WHERE org_id = @orgId AND domain_name = ANY(@keys)",
            cancellationToken);
        var hosting = await ApplyKindAsync(transaction, orgId, now,
            read.Hosting.Select(item => new HostingRecord(item.Service.Id, item.Service.Domain, item.Service.Plan,
                item.Service.Status, Utc(item.Service.RenewsAt), item.Service.DiskUsageMb, item.Service.DiskLimitMb,
                item.Service.BandwidthMb, item.Service.BandwidthLimitMb, item.Account?.ExternalId, item.Account?.Name)),
            """
            SELECT hosting_id AS Key, domain_name AS DomainName, plan, status, renews_at AS RenewsAt,
                disk_usage_mb AS DiskUsageMb, disk_limit_mb AS DiskLimitMb, bandwidth_mb AS BandwidthMb,
                bandwidth_limit_mb AS BandwidthLimitMb, account_external_id AS AccountId, account_name AS AccountName
            FROM synergy_hosting_services WHERE org_id = @orgId AND removed_at IS NULL
            """,
            """
            INSERT INTO synergy_hosting_services (org_id, hosting_id, domain_name, plan, status, renews_at, disk_usage_mb,
                disk_limit_mb, bandwidth_mb, bandwidth_limit_mb, account_external_id, account_name, first_seen_at)
            VALUES (@OrgId, @Key, @DomainName, @Plan, @Status, @RenewsAt, @DiskUsageMb, @DiskLimitMb, @BandwidthMb,
                @BandwidthLimitMb, @AccountId, @AccountName, @Now)
            ON CONFLICT (org_id, hosting_id) DO UPDATE SET domain_name = excluded.domain_name, plan = excluded.plan,
                status = excluded.status, renews_at = excluded.renews_at, disk_usage_mb = excluded.disk_usage_mb,
                disk_limit_mb = excluded.disk_limit_mb, bandwidth_mb = excluded.bandwidth_mb,
                bandwidth_limit_mb = excluded.bandwidth_limit_mb, account_external_id = excluded.account_external_id,
                account_name = excluded.account_name, removed_at = NULL
            """,
            "UPDATE synergy_hosting_services SET removed_at = @now WHERE org_id = @orgId AND hosting_id = ANY(@keys)",
            cancellationToken);
        var certificates = await ApplyKindAsync(transaction, orgId, now,
            read.Certificates.Select(item => new CertificateRecord(item.Certificate.Id, item.Certificate.CommonName,
                item.Certificate.Product, item.Certificate.Status, Utc(item.Certificate.ExpiresAt),
                item.Account?.ExternalId, item.Account?.Name)),
            """
            SELECT certificate_id AS Key, common_name AS CommonName, product, status, expires_at AS ExpiresAt,
                account_external_id AS AccountId, account_name AS AccountName
            FROM synergy_certificates WHERE org_id = @orgId AND removed_at IS NULL
            """,
            """
            INSERT INTO synergy_certificates (org_id, certificate_id, common_name, product, status, expires_at,
                account_external_id, account_name, first_seen_at)
            VALUES (@OrgId, @Key, @CommonName, @Product, @Status, @ExpiresAt, @AccountId, @AccountName, @Now)
            ON CONFLICT (org_id, certificate_id) DO UPDATE SET common_name = excluded.common_name,
                product = excluded.product, status = excluded.status, expires_at = excluded.expires_at,
                account_external_id = excluded.account_external_id, account_name = excluded.account_name,
                removed_at = NULL
            """,
            "UPDATE synergy_certificates SET removed_at = @now WHERE org_id = @orgId AND certificate_id = ANY(@keys)",
            cancellationToken);

        var accounts = read.Domains.Select(item => item.Account)
            .Concat(read.Hosting.Select(item => item.Account))
            .Concat(read.Certificates.Select(item => item.Account))
            .OfType<SynergyAccount>()
            .DistinctBy(account => account.ExternalId)
            .OrderBy(account => account.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(account => account.ExternalId, StringComparer.Ordinal)
            .Select(account => new VendorAccount(account.ExternalId, account.Name))
            .ToList();
        var snapshot = new VendorAccountsSnapshotted(orgId, Vendor, syncRunId, now, accounts);
        await outbox.EnqueueAsync(transaction, snapshot, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AppliedSynergyRead(domains, hosting, certificates, snapshot);
    }

    /// <summary>
    /// Compares one kind's listing with its live stored rows and writes the difference; what it changed. A removed row
    /// listed again is not among them, so it counts as added.
    /// </summary>
    private static async Task<SyncCounts> ApplyKindAsync<TRecord>(NpgsqlTransaction transaction, Guid orgId,
        DateTimeOffset now, IEnumerable<TRecord> listed, string selectStored, string upsert, string markRemoved,
        CancellationToken cancellationToken)
        where TRecord : class, IKeyedRecord
    {
        var connection = transaction.Connection!;
        var stored = new Dictionary<string, (TRecord Item, bool Live)>(StringComparer.Ordinal);
        using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(selectStored, new { orgId },
            transaction, cancellationToken: cancellationToken)))
        {
            var parse = reader.GetRowParser<TRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var record = parse(reader);
                stored[record.Key] = (record, true);
            }
        }
        var changes = SnapshotDiff.Compare(stored, listed, record => record.Key);
        var upserts = changes.Upserts.ToList();
        if (upserts.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(upsert,
                upserts.Select(record => Parameters(record, orgId, now)), transaction, cancellationToken: cancellationToken));
        }
        if (changes.Removed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(markRemoved,
                new { orgId, now, keys = changes.Removed.Select(record => record.Key).ToArray() }, transaction,
                cancellationToken: cancellationToken));
        }
        return changes.Counts;
    }

    /// <summary>The record's fields with the organization and the instant, as the upsert names them.</summary>
    private static DynamicParameters Parameters<TRecord>(TRecord record, Guid orgId, DateTimeOffset now)
    {
        var parameters = new DynamicParameters(record);
        parameters.Add("OrgId", orgId);
        parameters.Add("Now", now);
        return parameters;
    }

    private static DateTime? Utc(DateTimeOffset? instant) => instant?.UtcDateTime;
}
