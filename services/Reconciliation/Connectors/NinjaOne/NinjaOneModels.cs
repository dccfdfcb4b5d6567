namespace BillingOne.Reconciliation.Connectors.NinjaOne;

// The wire shapes of NinjaOne's API v2, every field nullable so that a missing one is reported by name
// instead of silently becoming 0 or false. Only the fields the connector maps are read.

internal sealed record NinjaOneOrganization(int? Id, string? Name);

/// <param name="ApprovalStatus"><c>APPROVED</c>, or <c>PENDING</c> while the device awaits a technician's approval.</param>
/// <param name="LastContact">Unix epoch seconds with a fraction.</param>
internal sealed record NinjaOneDevice(int? Id, int? OrganizationId, string? SystemName, string? NodeClass,
    string? ApprovalStatus, bool? Offline, double? LastContact);
