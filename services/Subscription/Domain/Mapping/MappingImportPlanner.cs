namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>Decides, without changing anything, what importing each row of a mapping file would do.</summary>
public static class MappingImportPlanner
{
    /// <summary>
    /// One result per row, in order. <paramref name="findClientByNameOrId"/> resolves a row's client text;
    /// <paramref name="vendorAccountExists"/> is asked with the lower-case vendor and the vendor id. Vendor ids are
    /// compared ignoring case, as Pax8's GUIDs come in either.
    /// </summary>
    public static IReadOnlyList<MappingImportRow> Plan(
        IReadOnlyList<MappingCsvRow> rows,
        Func<string, ClientCandidate?> findClientByNameOrId,
        Func<string, string, bool> vendorAccountExists)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(findClientByNameOrId);
        ArgumentNullException.ThrowIfNull(vendorAccountExists);
        var firstLineByAccount = VendorKinds.All.ToDictionary(
            vendor => vendor, _ => new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));
        return rows.Select(row => PlanRow(row, firstLineByAccount, findClientByNameOrId, vendorAccountExists)).ToList();
    }

    private static MappingImportRow PlanRow(
        MappingCsvRow row,
        Dictionary<string, Dictionary<string, int>> firstLineByAccount,
        Func<string, ClientCandidate?> findClientByNameOrId,
        Func<string, string, bool> vendorAccountExists)
    {
        MappingImportRow Result(string vendor, MappingImportOutcome outcome, string reason, Guid? clientId = null) =>
            new(row.LineNumber, vendor, row.VendorId, row.Client, clientId, outcome, reason);

        var missing = new List<string>();
        if (row.Vendor.Length == 0)
        {
            missing.Add("vendor");
        }
        if (row.VendorId.Length == 0)
        {
            missing.Add("vendor_id");
        }
        if (row.Client.Length == 0)
        {
            missing.Add("client");
        }
        if (missing.Count > 0)
        {
            return Result(row.Vendor, MappingImportOutcome.Invalid, $"Missing {string.Join(" and ", missing)}.");
        }
        var vendor = VendorKinds.All.FirstOrDefault(known => known.Equals(row.Vendor, StringComparison.OrdinalIgnoreCase));
        if (vendor is null)
        {
            return Result(row.Vendor, MappingImportOutcome.UnknownVendor,
                $"Unknown vendor '{row.Vendor}': expected one of {VendorKinds.Listed}.");
        }
        if (!firstLineByAccount[vendor].TryAdd(row.VendorId, row.LineNumber))
        {
            var firstLine = firstLineByAccount[vendor][row.VendorId];
            return Result(vendor, MappingImportOutcome.Duplicate,
                $"Line {firstLine} already maps {vendor} account '{row.VendorId}'; the first row wins.");
        }
        if (!vendorAccountExists(vendor, row.VendorId))
        {
            return Result(vendor, MappingImportOutcome.UnknownVendorId,
                $"No {vendor} account has the id '{row.VendorId}'.");
        }
        var client = findClientByNameOrId(row.Client);
        return client is null
            ? Result(vendor, MappingImportOutcome.UnknownClient, $"No client has the name or id '{row.Client}'.")
            : Result(vendor, MappingImportOutcome.Applied,
                $"Would map {vendor} account '{row.VendorId}' to {client.Name}.", client.ClientId);
    }
}
