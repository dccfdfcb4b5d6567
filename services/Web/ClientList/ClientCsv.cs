using System.Globalization;
using BillingOne.Contracts.Money;
using BillingOne.Web.Api;
using BillingOne.Web.Formatting;
using CsvHelper;

namespace BillingOne.Web.ClientList;

/// <summary>
/// The Clients list as CSV for billing reviews: the seed's columns, with MRR as a plain number and its currency
/// in its own column so a spreadsheet can sum it.
/// </summary>
public static class ClientCsv
{
    public static readonly string[] Header = ["Client", "MRR", "Currency", "Subscriptions", "Devices", "Licenses", "Status"];

    // Client names are typed by users: a name starting with "=" must open as text in Excel, not run as a formula.
    // The byte-order mark makes Excel read the file as UTF-8 so accented names survive.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static async Task WriteAsync(IEnumerable<ClientListItem> clients, Stream destination, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(Header);
        foreach (var client in clients)
        {
            csv.WriteField(client.Name);
            // The amount carries exactly its currency's minor units, which the invariant culture writes as they are.
            csv.WriteField(Decimals.Amount(client.Mrr.Amount, client.Mrr.Currency));
            csv.WriteField(client.Mrr.Currency);
            csv.WriteField(client.Subscriptions, default);
            csv.WriteField(client.SnapshotDevices, default);
            csv.WriteField(client.Licenses, default);
            csv.WriteField(ClientStatusLabels.For(client.Status));
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}
