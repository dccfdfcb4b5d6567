namespace BillingOne.BuildingBlocks.Paging;

public enum SortDirection
{
    Ascending,
    Descending,
}

public static class SortDirections
{
    /// <summary>
    /// Reads the <c>direction</c> query parameter (<c>asc</c> or <c>desc</c>, any case); absent means
    /// <paramref name="defaultDirection"/>. Adds an error under <c>direction</c> for anything else.
    /// </summary>
    public static SortDirection Parse(string? value, SortDirection defaultDirection, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return defaultDirection;
        }
        switch (value.Trim().ToLowerInvariant())
        {
            case "asc":
                return SortDirection.Ascending;
            case "desc":
                return SortDirection.Descending;
            default:
                errors["direction"] = ["direction must be 'asc' or 'desc'."];
                return defaultDirection;
        }
    }

    public static string ToSql(this SortDirection direction) =>
        direction == SortDirection.Descending ? "DESC" : "ASC";
}
