using Microsoft.Extensions.Configuration;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// When a service's migrations run (<c>Database:Migrations</c>), docs/architecture.md "Migrations as a step".
/// </summary>
public enum MigrationMode
{
    /// <summary><c>at-start</c> (the default): the service applies them as it starts, as a single test host does.</summary>
    AtStart,

    /// <summary><c>only</c>: the migration step; the process applies them as the database's owner and exits.</summary>
    Only,

    /// <summary>
    /// <c>external</c>: a migration step ran before the service (the AppHost's <c>{service}-migrations</c>, a
    /// Kubernetes init container), so the service applies none and holds no owner login.
    /// </summary>
    External,
}

public static class MigrationModes
{
    public const string Key = "Database:Migrations";

    public static MigrationMode Of(IConfiguration configuration) => configuration[Key] switch
    {
        null or "" or "at-start" => MigrationMode.AtStart,
        "only" => MigrationMode.Only,
        "external" => MigrationMode.External,
        var other => throw new InvalidOperationException(
            $"{Key} is '{other}': use at-start, only or external."),
    };
}
