using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Data;
using Npgsql;

namespace BillingOne.Reconciliation.Consumers;

/// <summary>
/// Keeps the read copy of which client each RMM organization and each Synergy customer account is mapped to. Other
/// vendors' mappings (Pax8 companies, Xero contacts) are not reconciliation's: licences and invoices arrive per client
/// already. An older change arriving after a newer one is ignored. A changed RMM mapping moves devices between clients:
/// the organization's clients are compared again.
/// </summary>
public sealed partial class ClientMappingChangedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientMappingStore mappings,
    ClientReconciler reconciler,
    ILogger<ClientMappingChangedConsumer> logger) : InboxConsumer<ClientMappingChanged>(dataSource, inbox)
{
    /// <summary>How <see cref="ClientMappingChanged.Vendor"/> names RMM organizations' mappings.</summary>
    public const string RmmMappings = "rmm";

    /// <summary>How <see cref="ClientMappingChanged.Vendor"/> names Synergy Wholesale customer accounts' mappings.</summary>
    public const string SynergyMappings = "synergy";

    protected override async Task ApplyAsync(ClientMappingChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.Vendor is not (RmmMappings or SynergyMappings))
        {
            return;
        }
        if (!await mappings.UpsertIfNewerAsync(transaction, message, cancellationToken))
        {
            LogStale(message.Vendor, message.ExternalId, message.ChangedAt);
            return;
        }
        if (message.Vendor == RmmMappings)
        {
            await reconciler.RecomputeAsync(transaction, message.OrgId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Mapping of {Vendor} account {ExternalId} changed at {ChangedAt} ignored: a newer change is applied")]
    private partial void LogStale(string vendor, string externalId, DateTimeOffset changedAt);
}
