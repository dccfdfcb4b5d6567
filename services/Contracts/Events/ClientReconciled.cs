namespace BillingOne.Contracts.Events;

/// <summary>
/// The reconciliation service compared a client's devices (latest device snapshot, RMM organizations mapped to the
/// client) with its device licences. <see cref="Version"/> grows with every comparison of the client: read copies
/// keep the highest.
/// </summary>
/// <param name="Devices">Live devices in the latest snapshot; null when no snapshot covers the client (status no-data).</param>
/// <param name="Variance">Devices − device licences (positive = under-licensed); null with no data.</param>
/// <param name="Status"><c>matched</c>, <c>under-licensed</c>, <c>over-licensed</c> or <c>no-data</c>.</param>
/// <param name="MissedBillingOpen">Monthly $ of the client's open missed-billing opportunities, in <see cref="Currency"/>.</param>
public sealed record ClientReconciled(
    Guid OrgId,
    Guid ClientId,
    long Version,
    DateTimeOffset ReconciledAt,
    Guid? SnapshotId,
    DateTimeOffset? SnapshotTakenAt,
    int? Devices,
    int DeviceLicenses,
    int? Variance,
    string Status,
    decimal MissedBillingOpen,
    string? Currency) : IIntegrationEvent
{
    /// <summary>How a client's devices compare with its licences, as every service spells it.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["matched", "under-licensed", "over-licensed", "no-data"];

    public IReadOnlyList<string> Validate() => new EventProblems(nameof(ClientReconciled))
        .Require(OrgId != Guid.Empty && ClientId != Guid.Empty, "must carry an organization id and a client id.")
        .Require(Version >= 1, $"for client {ClientId} has version {Version}; versions start at 1.")
        .Require(Statuses.Contains(Status), $"has status '{Status}'; it is one of {string.Join(", ", Statuses)}.")
        .Require(Devices is null or >= 0, "has a negative device count.")
        .Require(Currency is null || EventProblems.IsCurrencyCode(Currency), $"has currency '{Currency}', not an ISO 4217 code.")
        .ToList();
}
