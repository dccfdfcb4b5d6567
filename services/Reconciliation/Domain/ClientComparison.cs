namespace BillingOne.Reconciliation.Domain;

/// <summary>How the API and <c>ClientReconciled</c> spell a client's reconciliation status.</summary>
public static class ReconciliationStatuses
{
    public const string Matched = "matched";
    public const string UnderLicensed = "under-licensed";
    public const string OverLicensed = "over-licensed";
    public const string NoData = "no-data";

    public static readonly IReadOnlyList<string> All = [Matched, UnderLicensed, OverLicensed, NoData];
}

/// <summary>
/// A client's devices against its device licences. <see cref="Devices"/> is null when no snapshot covers the client
/// (no snapshot at all, or none of its RMM organizations in the latest one): then there is nothing to compare.
/// </summary>
/// <param name="Variance">Devices − device licences: positive = under-licensed.</param>
public sealed record ClientComparison(int? Devices, int DeviceLicenses, int? Variance, string Status)
{
    public static ClientComparison Of(int? devices, int deviceLicenses)
    {
        if (devices is not { } counted)
        {
            return new ClientComparison(null, deviceLicenses, null, ReconciliationStatuses.NoData);
        }
        var variance = counted - deviceLicenses;
        var status = variance switch
        {
            > 0 => ReconciliationStatuses.UnderLicensed,
            < 0 => ReconciliationStatuses.OverLicensed,
            _ => ReconciliationStatuses.Matched,
        };
        return new ClientComparison(counted, deviceLicenses, variance, status);
    }
}
