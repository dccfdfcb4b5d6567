namespace BillingOne.BuildingBlocks.Paging;

/// <summary>
/// One page of a list endpoint: 1-based <see cref="Page"/>, <see cref="PageSize"/> rows. Every list API
/// accepts the same <c>page</c>/<c>pageSize</c> query parameters with the same bounds.
/// </summary>
public sealed record PageRequest(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static PageRequest First { get; } = new(1, DefaultPageSize);

    /// <summary>Rows to skip before this page.</summary>
    public long Offset => (long)(Page - 1) * PageSize;

    /// <summary>
    /// Applies the defaults (page 1, <see cref="DefaultPageSize"/>) and adds a message under the query
    /// parameter's name to <paramref name="errors"/> for each value out of bounds.
    /// </summary>
    public static PageRequest Parse(int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var resolvedPage = page ?? 1;
        var resolvedSize = pageSize ?? DefaultPageSize;
        if (resolvedPage < 1)
        {
            errors["page"] = ["page must be 1 or greater."];
        }
        if (resolvedSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        return new PageRequest(Math.Max(resolvedPage, 1), Math.Clamp(resolvedSize, 1, MaxPageSize));
    }
}
