using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Data;

/// <summary>
/// An asset's id and <see cref="AssetState"/> as SQL selects them with <see cref="Columns"/> (alias <c>a</c>), for
/// every change that is audited with the state before and after.
/// </summary>
internal sealed record AssetStateRow(Guid Id, string? Name, Guid? ClientId, string? AssignedBy, DateTime? AcknowledgedAt,
    bool Enabled, DateTime? DisregardedAt, string Source, string ExternalId)
{
    /// <summary>The audit log's table name for assets.</summary>
    public const string AuditTable = "assets";

    public const string Columns = """
        a.id AS Id, a.name AS Name, a.client_id AS ClientId, a.assigned_by AS AssignedBy,
        a.acknowledged_at AS AcknowledgedAt, a.enabled AS Enabled, a.disregarded_at AS DisregardedAt,
        a.source AS Source, a.external_id AS ExternalId
        """;

    /// <summary>What ingestion needs to know when the asset's client changed.</summary>
    public AssetClientChanged ClientChanged(Guid orgId, Guid? clientId, DateTimeOffset changedAt) =>
        new(orgId, Id, Source, ExternalId, clientId, changedAt);

    public AssetState ToState() => new(Name, ClientId, AssignedBy, Utc(AcknowledgedAt), Enabled, Utc(DisregardedAt));

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
    public static DateTimeOffset? Utc(DateTime? instant) =>
        instant is { } value ? new DateTimeOffset(value, TimeSpan.Zero) : null;
}
