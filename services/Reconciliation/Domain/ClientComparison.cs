using BillingOne.Contracts.Events;

namespace BillingOne.Reconciliation.Domain;

/// <summary>How the API and <c>ClientReconciled</c> spell a client's (and a product's) reconciliation status.</summary>
public static class ReconciliationStatuses
{
    public const string Matched = "matched";
    public const string UnderLicensed = "under-licensed";
    public const string OverLicensed = "over-licensed";
    public const string NoData = "no-data";

    /// <summary>A per-user product: no user count is known, so it is shown with its quantity and compared with nothing.</summary>
    public const string NotCompared = "not-compared";

    /// <summary>The statuses a client can have (a product can also be <see cref="NotCompared"/>).</summary>
    public static readonly IReadOnlyList<string> All = [Matched, UnderLicensed, OverLicensed, NoData];

    /// <summary>The status of a variance (covered − licensed): positive under-licensed, negative over-licensed.</summary>
    public static string Of(int variance) => variance switch
    {
        > 0 => UnderLicensed,
        < 0 => OverLicensed,
        _ => Matched,
    };
}

/// <summary>A client's managed devices in the latest snapshot, by class (NinjaOne <c>nodeClass</c>, Datto device category).</summary>
public sealed record DeviceCounts(int Workstations, int Servers, int Other)
{
    public int Total => Workstations + Servers + Other;

    /// <summary>The devices a product covering <paramref name="coverage"/> should license; null for a per-user product.</summary>
    public int? Covered(string coverage) => coverage switch
    {
        ProductCoverages.Workstations => Workstations,
        ProductCoverages.Servers => Servers,
        ProductCoverages.Devices => Total,
        _ => null,
    };
}

/// <summary>
/// One covering product of a client against the devices it covers (docs/domain.md "Licences: coverage per product").
/// </summary>
/// <param name="CoveredDevices">The client's devices of the product's class; null for a per-user product or without a snapshot.</param>
/// <param name="Variance">Covered devices − quantity: positive = under-licensed; null when nothing is compared.</param>
public sealed record ProductComparison(Guid ProductId, string ProductName, string Covers, int? CoveredDevices,
    int Quantity, int? Variance, string Status, decimal? MonthlyUnitPrice, string? Currency);

/// <summary>
/// A client's devices against its covering products, product by product. <see cref="Devices"/> is null when no
/// snapshot covers the client (no snapshot at all, or none of its RMM organizations in the latest one).
/// </summary>
/// <param name="Devices">Managed devices of every class.</param>
/// <param name="DeviceLicenses">The quantity of the least-covered per-device product (0 without one).</param>
/// <param name="Variance">The largest per-product variance (the devices themselves without a per-device product): positive = under-licensed.</param>
/// <param name="Status">Under-licensed if any product is under, else over-licensed if any is over, else matched; no-data without a snapshot.</param>
/// <param name="Products">Every covering product, per-device ones first by variance (largest first), then per-user ones.</param>
public sealed record ClientComparison(int? Devices, int DeviceLicenses, int? Variance, string Status,
    IReadOnlyList<ProductComparison> Products)
{
    public static ClientComparison Of(DeviceCounts? devices, IReadOnlyCollection<CoveringProduct> products)
    {
        var compared = products
            .Select(product => Compare(devices, product))
            .OrderBy(product => ProductCoverages.IsPerDevice(product.Covers) ? 0 : 1)
            .ThenByDescending(product => product.Variance ?? int.MinValue)
            .ThenBy(product => product.Quantity)
            .ThenBy(product => product.ProductName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(product => product.ProductId)
            .ToList();
        var perDevice = compared.Where(product => ProductCoverages.IsPerDevice(product.Covers)).ToList();
        // The least-covered per-device product: the largest variance, then the fewest seats (the order above).
        var leastCovered = perDevice.FirstOrDefault();
        if (devices is null)
        {
            return new ClientComparison(null, perDevice.Count == 0 ? 0 : perDevice.Min(product => product.Quantity), null,
                ReconciliationStatuses.NoData, compared);
        }
        if (leastCovered is null)
        {
            return new ClientComparison(devices.Total, 0, devices.Total, ReconciliationStatuses.Of(devices.Total), compared);
        }
        var status = perDevice.Any(product => product.Status == ReconciliationStatuses.UnderLicensed)
            ? ReconciliationStatuses.UnderLicensed
            : perDevice.Any(product => product.Status == ReconciliationStatuses.OverLicensed)
                ? ReconciliationStatuses.OverLicensed
                : ReconciliationStatuses.Matched;
        return new ClientComparison(devices.Total, leastCovered.Quantity, leastCovered.Variance, status, compared);
    }

    private static ProductComparison Compare(DeviceCounts? devices, CoveringProduct product)
    {
        var covered = devices?.Covered(product.Covers);
        var (variance, status) = covered switch
        {
            { } count => (count - product.Quantity, ReconciliationStatuses.Of(count - product.Quantity)),
            null when devices is null && ProductCoverages.IsPerDevice(product.Covers) =>
                ((int?)null, ReconciliationStatuses.NoData),
            null => (null, ReconciliationStatuses.NotCompared),
        };
        return new ProductComparison(product.ProductId, product.ProductName, product.Covers, covered, product.Quantity,
            variance, status, product.MonthlyUnitPrice, product.Currency);
    }
}
