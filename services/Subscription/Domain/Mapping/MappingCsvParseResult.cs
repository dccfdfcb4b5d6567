namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>The rows of a mapping import, or why the file as a whole cannot be read (then there are no rows).</summary>
public sealed record MappingCsvParseResult(IReadOnlyList<MappingCsvRow> Rows, string? Error)
{
    public bool Succeeded => Error is null;
}
