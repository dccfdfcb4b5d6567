using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>The integrations this service owns, by name; each is resolved per scope (it may write audited changes).</summary>
public sealed class IntegrationCatalog(IEnumerable<IntegrationRegistration> registrations)
{
    public IReadOnlyList<string> Names { get; } = [.. registrations.Select(registration => registration.Name)];

    public bool Contains(string name) => Names.Contains(name, StringComparer.Ordinal);

    public static IIntegration Resolve(IServiceProvider scope, string name) => scope.GetRequiredKeyedService<IIntegration>(name);
}

public sealed record IntegrationRegistration(string Name);

/// <summary>Where an integration's settings come from for one organization.</summary>
public static class IntegrationSettingsSource
{
    /// <summary>The organization saved its own.</summary>
    public const string Saved = "saved";

    /// <summary>The deployment's configured defaults (the sandbox in development).</summary>
    public const string Default = "default";

    /// <summary>Neither: the integration cannot run until the organization enters settings.</summary>
    public const string None = "none";

    /// <summary>The values a sync or test runs with, and where they come from.</summary>
    public static (IntegrationValues? Values, string Source) Effective(IIntegration integration, SavedIntegrationSettings? saved) =>
        saved is not null ? (saved.Values, Saved)
        : integration.Defaults is { } defaults ? (defaults, Default)
        : (null, None);
}
