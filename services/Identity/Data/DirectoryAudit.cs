using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Data;

/// <summary>
/// What the audit log shows of each directory record: the fields people change, never a password hash or a key
/// hash. Table names are the database's.
/// </summary>
internal static class DirectoryAudit
{
    public const string OrganizationsTable = "organizations";
    public const string UsersTable = "users";
    public const string ApiKeysTable = "api_keys";

    public static object Values(Organization organization) => new
    {
        organization.Name,
        organization.TimeZone,
        organization.Currency,
        organization.BillingGraceDays,
        organization.RequireTwoFactor,
    };

    public static object Values(User user) => new { user.Email, user.Name, user.Role, user.Enabled };

    public static object Values(ApiKey key) => new
    {
        key.Name,
        key.Prefix,
        key.Role,
        key.ClientId,
        key.Enabled,
        key.RevokedAt,
    };
}
