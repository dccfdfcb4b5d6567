using System.Globalization;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;

namespace BillingOne.Reconciliation.Domain;

/// <summary>How the API spells the kinds of missed-billing opportunity.</summary>
public static class MissedBillingKinds
{
    /// <summary>A per-device product with fewer seats than the devices it covers: its variance × its own unit price.</summary>
    public const string UnderLicensed = "under-licensed";

    /// <summary>Devices but no per-device product at all: the devices × the organization's average device-licence price.</summary>
    public const string UnlicensedDevices = "unlicensed-devices";

    /// <summary>A finalized overage no invoice of its month covers.</summary>
    public const string UninvoicedOverage = "uninvoiced-overage";

    public static readonly IReadOnlyList<string> All = [UnderLicensed, UnlicensedDevices, UninvoicedOverage];
}

/// <summary>
/// An opportunity's state: <see cref="Open"/> until a person dismisses it (with a reason) or marks it billed; their
/// decision survives every recomputation.
/// </summary>
public static class MissedBillingStates
{
    public const string Open = "open";
    public const string Dismissed = "dismissed";
    public const string Billed = "billed";

    public static readonly IReadOnlyList<string> All = [Open, Dismissed, Billed];
}

/// <summary>The subscription service's licence figures of one client: its covering products and the currency of its MRR.</summary>
public sealed record ClientLicenses(IReadOnlyList<CoveringProduct> Products, string? Currency);

/// <summary>
/// A bucket's finalized overage of one month (the reading plus adjustments booked in that month).
/// <paramref name="Invoiced"/>: an invoice of the client covers the month (see <see cref="MissedBilling.InvoiceReference"/>).
/// </summary>
public sealed record FinalizedOverage(Guid ClientId, Guid BucketId, string BucketName, int Year, int Month,
    string Currency, decimal Overage, decimal? Usage, decimal? CommitUnits, bool Invoiced);

/// <summary>
/// The organization's average monthly price of a device licence, unrounded: a line multiplies it by the devices and is
/// rounded once (docs/domain.md), so <see cref="ShownPrice"/> is for the evidence only.
/// </summary>
public sealed record AverageDeviceLicensePrice(decimal Price, string Currency)
{
    /// <summary>The price as the evidence shows it: to <see cref="MissedBilling.AveragePriceDecimals"/>, half away from zero.</summary>
    public decimal ShownPrice => Math.Round(Price, MissedBilling.AveragePriceDecimals, MidpointRounding.AwayFromZero);
}

/// <summary>One gap the figures show today, keyed so that a person's decision about it survives recomputation.</summary>
/// <param name="Amount">Monthly estimate rounded to the currency's minor units; null when there is nothing to estimate from.</param>
/// <param name="ProductId">The under-licensed product; null for the other kinds.</param>
public sealed record MissedBillingGap(string Key, string Kind, Guid ClientId, Guid? BucketId, string? BucketName,
    int? Year, int? Month, decimal? Amount, string? Currency, string Evidence, Guid? ProductId = null,
    string? ProductName = null);

/// <summary>Missed billing (docs/domain.md): one client's gaps, each with its estimate and its evidence.</summary>
public static class MissedBilling
{
    public const int AveragePriceDecimals = 4;

    private const string InvoiceReferencePrefix = "BillingOne ";

    /// <summary>The reference the draft invoice push gives the invoice of a month (invoice service, DraftInvoicePlan).</summary>
    public static string InvoiceReference(int year, int month) =>
        $"{InvoiceReferencePrefix}{new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    /// <summary>Whether <paramref name="reference"/> is one the draft invoice push gives (it may cover a month's overage).</summary>
    public static bool IsInvoiceReference(string? reference) =>
        reference is not null && reference.StartsWith(InvoiceReferencePrefix, StringComparison.Ordinal);

    /// <summary>
    /// Σ quantity × monthly unit price ÷ Σ quantity over every client's priced per-device products; null when there is
    /// none. Products in several currencies: the currency with the most seats, over its products only.
    /// </summary>
    public static AverageDeviceLicensePrice? AveragePrice(IEnumerable<CoveringProduct> products)
    {
        var priced = products
            .Where(product => ProductCoverages.IsPerDevice(product.Covers))
            .Where(product => product is { Quantity: > 0, MonthlyUnitPrice: not null, Currency: not null })
            .GroupBy(product => product.Currency!, StringComparer.Ordinal)
            .OrderByDescending(currency => currency.Sum(product => product.Quantity))
            .ThenBy(currency => currency.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        if (priced is null)
        {
            return null;
        }
        var value = priced.Sum(product => product.Quantity * product.MonthlyUnitPrice!.Value);
        var seats = priced.Sum(product => product.Quantity);
        return new AverageDeviceLicensePrice(value / seats, priced.Key);
    }

    /// <summary>
    /// The licence gaps of a client: one per under-licensed per-device product, its variance at that product's own
    /// monthly unit price; or, without any per-device product, its devices at the organization's average price.
    /// </summary>
    /// <param name="currency">The client's currency, for a gap with no estimate.</param>
    public static IEnumerable<MissedBillingGap> LicenceGaps(Guid clientId, ClientComparison comparison, string? currency,
        AverageDeviceLicensePrice? average)
    {
        if (comparison is not { Devices: > 0 and var devices, Variance: > 0 })
        {
            return [];
        }
        var perDevice = comparison.Products.Where(product => ProductCoverages.IsPerDevice(product.Covers)).ToList();
        return perDevice.Count > 0
            ? perDevice.Where(product => product.Variance > 0).Select(product => ProductGap(clientId, product))
            : [UnlicensedDevices(clientId, devices, currency, average)];
    }

    private static MissedBillingGap ProductGap(Guid clientId, ProductComparison product)
    {
        var variance = product.Variance!.Value;
        var evidence = $"{product.CoveredDevices} {CoveredNoun(product.Covers)} in the latest snapshot, " +
            $"{product.Quantity} licences of '{product.ProductName}': {variance} unlicensed";
        (decimal? Amount, string Evidence) priced = product is { MonthlyUnitPrice: { } price, Currency: { } currency }
            ? (Decimals.Amount(variance * price, currency),
                $"{evidence} × {Number(Decimals.UnitPrice(price, currency))} {currency} per licence a month.")
            : (null, $"{evidence}; no estimate: the product has no unit price.");
        return new MissedBillingGap($"{Key(MissedBillingKinds.UnderLicensed, clientId)}:{product.ProductId}",
            MissedBillingKinds.UnderLicensed, clientId, null, null, null, null, priced.Amount, product.Currency,
            priced.Evidence, product.ProductId, product.ProductName);
    }

    private static MissedBillingGap UnlicensedDevices(Guid clientId, int devices, string? currency,
        AverageDeviceLicensePrice? average)
    {
        var found = $"{devices} devices in the latest snapshot and no device licence";
        return average is null
            ? new MissedBillingGap(Key(MissedBillingKinds.UnlicensedDevices, clientId), MissedBillingKinds.UnlicensedDevices,
                clientId, null, null, null, null, null, currency,
                $"{found}; no estimate: the organization has no priced device licence to average.")
            : new MissedBillingGap(Key(MissedBillingKinds.UnlicensedDevices, clientId), MissedBillingKinds.UnlicensedDevices,
                clientId, null, null, null, null, Decimals.Amount(devices * average.Price, average.Currency),
                average.Currency,
                $"{found}: {devices} × {Number(average.ShownPrice)} {average.Currency}, the organization's average device " +
                "licence price a month.");
    }

    private static string CoveredNoun(string coverage) => coverage switch
    {
        ProductCoverages.Workstations => "workstations",
        ProductCoverages.Servers => "servers",
        _ => "devices",
    };

    /// <summary>The overage as a gap when it is positive and no invoice of its month covers it.</summary>
    public static MissedBillingGap? OverageGap(FinalizedOverage overage)
    {
        if (overage.Overage <= 0 || overage.Invoiced)
        {
            return null;
        }
        var period = InvoiceReference(overage.Year, overage.Month)[InvoiceReferencePrefix.Length..];
        var usage = overage is { Usage: { } used, CommitUnits: { } committed }
            ? $" (usage {Number(used)} over a commit of {Number(committed)})"
            : "";
        return new MissedBillingGap(
            $"{Key(MissedBillingKinds.UninvoicedOverage, overage.ClientId)}:{overage.BucketId}:{period}",
            MissedBillingKinds.UninvoicedOverage, overage.ClientId, overage.BucketId, overage.BucketName, overage.Year,
            overage.Month, Decimals.Amount(overage.Overage, overage.Currency), overage.Currency,
            $"Bucket '{overage.BucketName}' finalized {period} with an overage of " +
            $"{Number(Decimals.Amount(overage.Overage, overage.Currency))} {overage.Currency}{usage}; no invoice " +
            $"'{InvoiceReference(overage.Year, overage.Month)}' of the client covers it.");
    }

    private static string Key(string kind, Guid clientId) => $"{kind}:{clientId}";

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
