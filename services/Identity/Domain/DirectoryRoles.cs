using BillingOne.BuildingBlocks.Security;

namespace BillingOne.Identity.Domain;

/// <summary>Reads the roles a user or an API key may be given.</summary>
public static class DirectoryRoles
{
    /// <summary><c>owner</c>, <c>admin</c>, <c>finance</c> or <c>read-only</c> (any case), or null with an error under <c>role</c>.</summary>
    public static string? ParseUserRole(string? value, IDictionary<string, string[]> errors) =>
        Parse(value, Roles.UserRoles, errors);

    /// <summary><c>admin</c>, <c>finance</c>, <c>read-only</c> or <c>ingest</c> (any case), or null with an error under <c>role</c>.</summary>
    public static string? ParseApiKeyRole(string? value, IDictionary<string, string[]> errors) =>
        Parse(value, Roles.ApiKeyRoles, errors);

    private static string? Parse(string? value, IReadOnlyList<string> allowed, IDictionary<string, string[]> errors)
    {
        var normalized = value?.Trim().ToLowerInvariant();
        if (normalized is not null && allowed.Contains(normalized))
        {
            return normalized;
        }
        errors["role"] = [$"role must be one of {string.Join(", ", allowed.Select(role => $"'{role}'"))}."];
        return null;
    }
}
