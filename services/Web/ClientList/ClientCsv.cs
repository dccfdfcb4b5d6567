using BillingOne.Contracts.Money;
using BillingOne.Web.Api;
using BillingOne.Web.Formatting;

namespace BillingOne.Web.ClientList;

/// <summary>
/// The Clients list as CSV for billing reviews: the seed's columns, with MRR as a plain number and its currency
/// in its own column so a spreadsheet can sum it.
/// </summary>
public static class ClientCsv
{
    public static readonly string[] Header = ["Client", "MRR", "Currency", "Subscriptions", "Devices", "Licenses", "Status"];

    public static Task WriteAsync(IEnumerable<ClientListItem> clients, Stream destination, CancellationToken cancellationToken) =>
        SpreadsheetCsv.WriteAsync(Header, clients, (csv, client) =>
        {
            csv.WriteField(client.Name);
            // The amount carries exactly its currency's minor units, which the invariant culture writes as they are.
            csv.WriteField(Decimals.Amount(client.Mrr.Amount, client.Mrr.Currency));
            csv.WriteField(client.Mrr.Currency);
            csv.WriteField(client.Subscriptions, default);
            csv.WriteField(client.SnapshotDevices, default);
            csv.WriteField(client.Licenses, default);
            csv.WriteField(ClientStatusLabels.For(client.Status));
        }, destination, cancellationToken);
}
