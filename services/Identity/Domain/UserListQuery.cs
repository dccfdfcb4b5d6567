using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Identity.Domain;

/// <summary>A validated request for a page of the Team list, ordered by name.</summary>
public sealed record UserListQuery(string? Search, PageRequest Page)
{
    public const int MaxSearchLength = EmailAddress.MaxLength;

    /// <summary>
    /// Reads <c>search</c> (part of the name or email, any case), <c>page</c> and <c>pageSize</c>. Errors are
    /// keyed by the parameter they concern.
    /// </summary>
    public static UserListQuery? Parse(string? search, int? page, int? pageSize, IDictionary<string, string[]> errors)
    {
        var trimmedSearch = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (trimmedSearch?.Length > MaxSearchLength)
        {
            errors["search"] = [$"search must be at most {MaxSearchLength} characters."];
        }
        var pageRequest = PageRequest.Parse(page, pageSize, errors);
        return errors.Count == 0 ? new UserListQuery(trimmedSearch, pageRequest) : null;
    }
}
