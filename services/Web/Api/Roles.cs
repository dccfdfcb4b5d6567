namespace BillingOne.Web.Api;

/// <summary>Roles a person signs in with, as the services spell them.</summary>
public static class UserRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Finance = "finance";
    public const string ReadOnly = "read-only";

    public static readonly IReadOnlyList<string> All = [Owner, Admin, Finance, ReadOnly];

    /// <summary>Owners and admins manage users, API keys and organization settings.</summary>
    public static bool CanAdminister(string? role) => role is Owner or Admin;

    /// <summary>Owners, admins and finance change billing data such as clients; read-only users only look.</summary>
    public static bool CanChangeBilling(string? role) => role is Owner or Admin or Finance;
}

/// <summary>Roles an API key acts with (never owner: a key cannot manage people).</summary>
public static class ApiKeyRoles
{
    public const string Admin = "admin";
    public const string Finance = "finance";
    public const string ReadOnly = "read-only";
    /// <summary>Only sends usage readings.</summary>
    public const string Ingest = "ingest";

    public static readonly IReadOnlyList<string> All = [Admin, Finance, ReadOnly, Ingest];
}

/// <summary>How a role reads on screen (the seeds call them Owner, Admin, Finance and Read-only).</summary>
public static class RoleLabels
{
    public static string For(string? role) => role switch
    {
        UserRoles.Owner => "Owner",
        UserRoles.Admin => "Admin",
        UserRoles.Finance => "Finance",
        UserRoles.ReadOnly => "Read-only",
        ApiKeyRoles.Ingest => "Ingest",
        null or "" => "—",
        // A role added by the services before the UI knows it is shown as is rather than hidden.
        _ => role,
    };
}
