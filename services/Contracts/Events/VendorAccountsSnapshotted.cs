namespace BillingOne.Contracts.Events;

/// <summary>
/// A sync read a vendor's complete list of accounts (Xero and SuperOps contacts in the invoice service, Synergy
/// Wholesale customers in reconciliation). The subscription service keeps them as vendor accounts to map to clients:
/// listed ones are kept, the others marked removed, new ones auto-matched. Pax8 companies and RMM organizations have
/// their own paths and are refused here.
/// </summary>
/// <param name="Vendor"><c>xero</c>, <c>superops</c> or <c>synergy</c>.</param>
public sealed record VendorAccountsSnapshotted(
    Guid OrgId,
    string Vendor,
    Guid SyncRunId,
    DateTimeOffset TakenAt,
    IReadOnlyList<VendorAccount> Accounts) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(VendorAccountsSnapshotted))
        .Require(OrgId != Guid.Empty && !string.IsNullOrWhiteSpace(Vendor), "must carry an organization id and a vendor.")
        .Require(Accounts is not null && Accounts.All(account =>
                !string.IsNullOrWhiteSpace(account.ExternalId) && !string.IsNullOrWhiteSpace(account.Name)),
            $"for {Vendor} lists an account without an id or a name.")
        .ToList();
}

/// <param name="ExternalId">The vendor's id of the account (Xero ContactID, SuperOps accountId, Synergy account).</param>
public sealed record VendorAccount(string ExternalId, string Name);
