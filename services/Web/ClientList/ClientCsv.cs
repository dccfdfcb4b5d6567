using BillingOne.Contracts.Money;
using BillingOne.Web.Api;
using BillingOne.Web.Formatting;

namespace BillingOne.Web.ClientList;

/// <summary>
/// The Clients list as CSV for billing reviews: the list's columns, with money as plain numbers and their currencies
/// in columns of their own so a spreadsheet can sum them. Spreadsheets read columns by position, so new columns go
/// at the end.
/// </summary>
public static class ClientCsv
{
    public static readonly string[] Header =
    [
        "Client", "MRR", "Currency", "Subscriptions", "Devices", "Licenses", "Status",
        "Variance", "Total spend", "Total spend currency", "Billing contact",
    ];

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
            csv.WriteField(client.Variance, default);
            csv.WriteField(client.TotalSpend is { } spend ? Decimals.Amount(spend.Amount, spend.Currency) : (decimal?)null, default);
            csv.WriteField(client.TotalSpend?.Currency);
            csv.WriteField(client.BillingContact);
        }, destination, cancellationToken);
}
