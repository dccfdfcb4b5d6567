using BillingOne.BuildingBlocks.Validation;
using BillingOne.BuildingBlocks.Security;

namespace BillingOne.Identity.Domain;

/// <summary>A validated request to create an API key.</summary>
public sealed record NewApiKey(string Name, string Role, Guid? ClientId)
{
    /// <summary>
    /// Validates name (1–100 characters), role (admin, finance, read-only, ingest) and the optional client scope.
    /// Whether the client belongs to the organization is checked against the database when the key is stored.
    /// </summary>
    public static NewApiKey? Create(string? name, string? role, Guid? clientId, IDictionary<string, string[]> errors)
    {
        var validName = DisplayName.Normalize(name, ApiKey.MaxNameLength, out var nameError);
        if (nameError is not null)
        {
            errors["name"] = [nameError];
        }
        var validRole = DirectoryRoles.ParseApiKeyRole(role, errors);
        if (clientId == Guid.Empty)
        {
            errors["clientId"] = ["clientId must be a client id, or absent for a key that sees every client."];
        }
        else if (clientId is not null && validRole == Roles.Admin)
        {
            // Administration (users, keys, settings) is organization-wide: a client-scoped admin key could
            // create unscoped keys and so escape its own scope.
            errors["clientId"] = ["An admin key cannot be scoped to a client; use finance, read-only or ingest."];
        }
        return errors.Count == 0 ? new NewApiKey(validName!, validRole!, clientId) : null;
    }
}
