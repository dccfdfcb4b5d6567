using BillingOne.Contracts.Events;

namespace BillingOne.Reconciliation.Domain;

/// <summary>What is known about one client: its devices in the latest snapshot (null: none covers it) and its licences.</summary>
public sealed record ClientFacts(Guid ClientId, DeviceCounts? Devices, ClientLicenses? Licenses);

/// <summary>
/// One client's comparison and the gaps it shows, in the client's currency. <see cref="DeviceLicenseUnitPrice"/> is
/// the monthly unit price of the product its row's licences count (the least-covered per-device product).
/// </summary>
public sealed record ClientOutcome(Guid ClientId, ClientComparison Comparison, string? Currency,
    decimal? DeviceLicenseUnitPrice, IReadOnlyList<MissedBillingGap> Gaps);

/// <summary>An opportunity as stored: its key and the state a person gave it.</summary>
public sealed record StoredOpportunity(Guid Id, string Key, string State, decimal? Amount, string? Currency,
    string Evidence, string? BucketName, bool GapOpen);

/// <summary>What recomputation does to the stored opportunities.</summary>
/// <param name="Added">New gaps, stored open.</param>
/// <param name="Changed">Gaps already stored whose figures or evidence moved (their state stays).</param>
/// <param name="Removed">Open opportunities whose gap is gone.</param>
/// <param name="Closed">Dismissed or billed opportunities whose gap is gone: kept as history.</param>
public sealed record OpportunityChanges(
    IReadOnlyList<MissedBillingGap> Added,
    IReadOnlyList<(Guid Id, MissedBillingGap Gap)> Changed,
    IReadOnlyList<Guid> Removed,
    IReadOnlyList<Guid> Closed);

/// <summary>
/// Compares every client of an organization at once, product by product (docs/domain.md "Licences: coverage per
/// product"): devices with no per-device product at all are priced at the organization's average.
/// </summary>
public static class OrganizationReconciliation
{
    public static IReadOnlyList<ClientOutcome> Compute(IReadOnlyCollection<ClientFacts> clients,
        IReadOnlyCollection<FinalizedOverage> overages)
    {
        var average = MissedBilling.AveragePrice(clients.SelectMany(client => client.Licenses?.Products ?? []));
        var overagesByClient = overages.ToLookup(overage => overage.ClientId);
        return [.. clients.Select(client =>
        {
            var comparison = ClientComparison.Of(client.Devices, client.Licenses?.Products ?? []);
            var clientOverages = overagesByClient[client.ClientId].OrderBy(overage => overage.Year)
                .ThenBy(overage => overage.Month).ThenBy(overage => overage.BucketId).ToList();
            var currency = client.Licenses?.Currency ?? average?.Currency ?? clientOverages.FirstOrDefault()?.Currency;
            var gaps = MissedBilling.LicenceGaps(client.ClientId, comparison, client.Licenses?.Currency, average)
                .Concat(clientOverages.Select(MissedBilling.OverageGap).OfType<MissedBillingGap>())
                .ToList();
            var shownPrice = comparison.Products
                .FirstOrDefault(product => ProductCoverages.IsPerDevice(product.Covers))?.MonthlyUnitPrice;
            return new ClientOutcome(client.ClientId, comparison, currency, shownPrice, gaps);
        })];
    }

    /// <summary>
    /// Matches today's gaps with the stored opportunities by key: a person's decision stays with its gap; an open
    /// opportunity whose gap is gone goes, a decided one stays as history.
    /// </summary>
    public static OpportunityChanges Plan(IReadOnlyCollection<StoredOpportunity> stored, IEnumerable<MissedBillingGap> gaps)
    {
        var byKey = stored.ToDictionary(opportunity => opportunity.Key, StringComparer.Ordinal);
        var current = gaps.ToList();
        var currentKeys = current.Select(gap => gap.Key).ToHashSet(StringComparer.Ordinal);
        var added = new List<MissedBillingGap>();
        var changed = new List<(Guid, MissedBillingGap)>();
        foreach (var gap in current)
        {
            if (!byKey.TryGetValue(gap.Key, out var existing))
            {
                added.Add(gap);
            }
            else if (!existing.GapOpen || existing.Amount != gap.Amount || existing.Currency != gap.Currency
                || existing.Evidence != gap.Evidence || existing.BucketName != gap.BucketName)
            {
                changed.Add((existing.Id, gap));
            }
        }
        var gone = stored.Where(opportunity => !currentKeys.Contains(opportunity.Key)).ToList();
        return new OpportunityChanges(added, changed,
            [.. gone.Where(opportunity => opportunity.State == MissedBillingStates.Open).Select(opportunity => opportunity.Id)],
            [.. gone.Where(opportunity => opportunity.State != MissedBillingStates.Open && opportunity.GapOpen)
                .Select(opportunity => opportunity.Id)]);
    }

    /// <summary>
    /// Σ of the client's open opportunities in <paramref name="currency"/> once <paramref name="gaps"/> are applied: new
    /// gaps are open, known ones keep their stored state.
    /// </summary>
    public static decimal OpenAmount(IEnumerable<MissedBillingGap> gaps, IReadOnlyDictionary<string, string> storedStates,
        string? currency) =>
        gaps.Where(gap => gap.Currency == currency
                && storedStates.GetValueOrDefault(gap.Key, MissedBillingStates.Open) == MissedBillingStates.Open)
            .Sum(gap => gap.Amount ?? 0m);
}
