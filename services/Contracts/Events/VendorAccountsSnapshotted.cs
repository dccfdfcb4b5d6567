namespace BillingOne.Contracts.Events;

/// <summary>
/// A vendor sync read every account the vendor lists for the organization (Xero or SuperOps contacts, Synergy
/// Wholesale domain owners…): the subscription service keeps them as accounts to map to clients, auto-matches new
/// ones by name and announces each mapping with <see cref="ClientMappingChanged"/>. Accounts missing from a snapshot
/// are marked removed; a snapshot older than one already applied for the vendor changes nothing.
/// </summary>
/// <param name="Vendor">The mapping vendor key: <c>xero</c>, <c>superops</c> or <c>synergy</c>.</param>
public sealed record VendorAccountsSnapshotted(
    Guid OrgId,
    string Vendor,
    Guid SyncRunId,
    DateTimeOffset TakenAt,
    IReadOnlyList<VendorAccountSnapshot> Accounts);

/// <param name="ExternalId">The vendor's id of the account (Xero ContactID, SuperOps client id, …).</param>
/// <param name="Attributes">What helps a person tell similar names apart (email, domain, city), as shown on Client mappings.</param>
public sealed record VendorAccountSnapshot(
    string ExternalId,
    string Name,
    IReadOnlyDictionary<string, string> Attributes);
