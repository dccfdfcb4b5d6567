namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>A record of a CSV file: its fields and the line it starts on (a quoted field may span lines).</summary>
internal sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields)
{
    /// <summary>The trimmed field of <paramref name="column"/>; empty when the record is shorter (or the column absent, -1).</summary>
    public string Value(int column) => column >= 0 && column < Fields.Count ? Fields[column].Trim() : string.Empty;
}
