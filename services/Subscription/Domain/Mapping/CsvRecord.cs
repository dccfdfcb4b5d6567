namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>A record of a CSV file: its fields and the line it starts on (a quoted field may span lines).</summary>
internal sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields);
