using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Data;
using Npgsql;

namespace BillingOne.Invoice.Consumers;

/// <summary>
/// Keeps the read copy of which client each Xero or SuperOps contact is mapped to, so invoices show their client. Other
/// vendors' mappings are not the invoice service's; an older change arriving after a newer one is ignored. When the
/// contact's client really changes, its invoices are announced again with the new client.
/// </summary>
public sealed partial class ClientMappingChangedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientCopyStore mappings,
    InvoiceEvents invoiceEvents,
    ILogger<ClientMappingChangedConsumer> logger) : InboxConsumer<ClientMappingChanged>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientMappingChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (!ClientCopyStore.InvoiceVendors.Contains(message.Vendor))
        {
            return;
        }
        var previousClient = await mappings.MappedClientAsync(transaction, message.OrgId, message.Vendor,
            message.ExternalId, cancellationToken);
        if (!await mappings.UpsertMappingAsync(transaction, message, cancellationToken))
        {
            LogStale(message.Vendor, message.ExternalId, message.ChangedAt);
        }
        else if (previousClient != message.ClientId)
        {
            await invoiceEvents.EnqueueForContactAsync(transaction, message.OrgId, message.Vendor, message.ExternalId,
                cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Mapping of {Vendor} contact {ExternalId} changed at {ChangedAt} ignored: a newer change is applied")]
    private partial void LogStale(string vendor, string externalId, DateTimeOffset changedAt);
}
