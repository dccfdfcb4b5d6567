namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>
/// A Synergy customer account: the registrant organisation of the reseller's domains. Synergy gives domains no customer
/// id, so the organisation's name, case and spacing folded, is the stable key the client mappings use.
/// </summary>
public sealed record SynergyAccount(string ExternalId, string Name)
{
    public static SynergyAccount? FromOrganisation(string? organisation)
    {
        if (string.IsNullOrWhiteSpace(organisation))
        {
            return null;
        }
        var name = string.Join(' ', organisation.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return new SynergyAccount(name.ToLowerInvariant(), name);
    }
}

/// <param name="Name">The domain name in lower case.</param>
/// <param name="Status">Synergy's status as given (e.g. <c>ok</c>, <c>clientTransferProhibited</c>, <c>Expired</c>).</param>
/// <param name="Registrant">The account the registrant organisation names; null when the domain names none.</param>
public sealed record SynergyDomain(string Name, string Status, DateTimeOffset? ExpiresAt, bool AutoRenew,
    SynergyAccount? Registrant);

/// <param name="Id">Synergy's hosting id (<c>hoid</c>).</param>
/// <param name="DiskUsageMb">Null when the answer does not say; so are the other sizes.</param>
public sealed record SynergyHostingService(string Id, string Domain, string Plan, string Status, DateTimeOffset? RenewsAt,
    decimal? DiskUsageMb, decimal? DiskLimitMb, decimal? BandwidthMb, decimal? BandwidthLimitMb);

/// <param name="Id">Synergy's certificate id (<c>certID</c>).</param>
/// <param name="Product">The product's name, or its id when the answer names none.</param>
public sealed record SynergyCertificate(string Id, string CommonName, string Product, string Status, DateTimeOffset? ExpiresAt);

/// <summary>An item a Synergy listing left out (or kept only in part), and why: the sync records it on the run.</summary>
/// <param name="What">The item by its Synergy id, e.g. <c>Synergy hosting service H042</c>.</param>
public sealed record SynergySkippedItem(string What, string Reason);
