namespace BillingOne.BuildingBlocks.Security;

/// <summary>The roles a user or API key acts with, as they appear in the internal token's <c>role</c> claim.</summary>
public static class Roles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    /// <summary>Billing and reporting only (the seeds' Finance role).</summary>
    public const string Finance = "finance";
    public const string ReadOnly = "read-only";
    /// <summary>API keys that only send usage readings.</summary>
    public const string Ingest = "ingest";
    /// <summary>The gateway's own calls to a service's <c>/internal</c> endpoints.</summary>
    public const string Service = "service";

    public static readonly IReadOnlyList<string> UserRoles = [Owner, Admin, Finance, ReadOnly];

    public static readonly IReadOnlyList<string> ApiKeyRoles = [Admin, Finance, ReadOnly, Ingest];
}
