using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Api;

/// <summary>The services' <c>PagedResult&lt;T&gt;</c>: one page of a list and the size of the whole list.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount)
{
    public int PageCount => PageSize <= 0 ? 0 : (int)((TotalCount + PageSize - 1) / PageSize);
}

/// <summary>A list query's page.</summary>
public interface IPagedQuery<TQuery> where TQuery : IPagedQuery<TQuery>
{
    int Page { get; }

    TQuery WithPage(int page);
}

/// <summary>A list's search, sort and page as the page changes them; the filters are the list's own.</summary>
public interface IListQuery<TQuery> : IPagedQuery<TQuery> where TQuery : IListQuery<TQuery>
{
    string Sort { get; }

    string Direction { get; }

    /// <summary>The order a column sorts in when it is chosen.</summary>
    static abstract string DefaultDirection(string column);

    TQuery WithSearch(string? search);

    TQuery WithOrder(string sort, string direction);
}

/// <summary>Builds a relative request URI from query parameters, leaving out those without a value.</summary>
public static class ApiQuery
{
    /// <summary>
    /// The services' largest page (pageSize 1–200): enough for an organization's unit types, never for its clients,
    /// which the client picker finds by name instead.
    /// </summary>
    public const int MaxPageSize = 200;

    public static string Build(string path, params (string Name, object? Value)[] parameters) =>
        QueryHelpers.AddQueryString(path, parameters
            .Select(parameter => new KeyValuePair<string, string?>(parameter.Name, Format(parameter.Value)))
            .Where(parameter => !string.IsNullOrWhiteSpace(parameter.Value)));

    // The services read booleans as "true"/"false", never .NET's "True", and days as YYYY-MM-DD.
    private static string? Format(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        string text => text.Trim(),
        DateOnly day => BillingOne.Web.Formatting.DayText.Write(day),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

public static class PagedLists
{
    /// <summary>
    /// Every page of a list, for an export: collected before anything is written so a failure midway is an error
    /// answer, not a truncated file. Stops at an empty page too, should the total promise more than there is.
    /// </summary>
    /// <param name="loadPage">Loads a page (1-based) of <paramref name="pageSize"/> rows.</param>
    public static async Task<IReadOnlyList<T>> LoadAllAsync<T>(
        Func<int, int, CancellationToken, Task<PagedList<T>>> loadPage, int pageSize, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        for (var page = 1; ; page++)
        {
            var result = await loadPage(page, pageSize, cancellationToken);
            items.AddRange(result.Items);
            if (result.Items.Count == 0 || items.Count >= result.TotalCount)
            {
                return items;
            }
        }
    }
}
