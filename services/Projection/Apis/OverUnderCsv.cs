using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The Over/Under tables as CSV (a header row, invariant numbers, names people typed escaped so they open as text). The
/// columns are a contract for the files people keep: add at the end, never reorder. Unit types are joined with "; ".
/// </summary>
public static class OverUnderCsv
{
    public static readonly string[] ClientsHeader =
    [
        "Period", "Client ID", "Client", "Unit Types", "Status", "Currency", "Final Cost", "Committed", "vs Commit",
        "Overage", "Buffer",
    ];

    public static readonly string[] RightSizeHeader =
    [
        "Period", "Client ID", "Client", "Unit Types", "Currency", "Committed", "Buffer", "Buffer Units", "% Unused",
    ];

    public static readonly string[] UnitTypesHeader =
        ["Period", "Unit Type", "Currency", "Buckets", "Delta Units", "Overage", "Buffer"];

    private const string UnitTypeSeparator = "; ";

    public static byte[] Clients(string? period, IEnumerable<OverUnderClientResponse> rows) =>
        CsvFiles.Write(ClientsHeader, rows, (csv, row) =>
        {
            csv.WriteField(period ?? "");
            csv.WriteField(row.ClientId.ToString());
            csv.WriteField(row.ClientName ?? "");
            csv.WriteField(string.Join(UnitTypeSeparator, row.UnitTypes));
            csv.WriteField(row.Status);
            csv.WriteField(row.Currency);
            csv.WriteField(row.FinalCost);
            csv.WriteField(row.Committed);
            csv.WriteField(row.VsCommit);
            csv.WriteField(row.Overage);
            csv.WriteField(row.Buffer);
        });

    public static byte[] RightSize(RightSizeResponse response) =>
        CsvFiles.Write(RightSizeHeader, response.Items, (csv, row) =>
        {
            csv.WriteField(response.Period ?? "");
            csv.WriteField(row.ClientId.ToString());
            csv.WriteField(row.ClientName ?? "");
            csv.WriteField(string.Join(UnitTypeSeparator, row.UnitTypes));
            csv.WriteField(response.Currency ?? "");
            csv.WriteField(row.Committed);
            csv.WriteField(row.Buffer);
            csv.WriteField(row.BufferUnits);
            csv.WriteField(row.PercentUnused);
        });

    public static byte[] UnitTypes(UnitTypeOverUnderResponse response) =>
        CsvFiles.Write(UnitTypesHeader, response.Items, (csv, row) =>
        {
            csv.WriteField(response.Period ?? "");
            csv.WriteField(row.UnitTypeKey);
            csv.WriteField(response.Currency ?? "");
            csv.WriteField(row.Buckets);
            csv.WriteField(row.DeltaUnits);
            csv.WriteField(row.Overage);
            csv.WriteField(row.Buffer);
        });
}
