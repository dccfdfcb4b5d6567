namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// One vendor integration a service owns (Pax8 in subscription, the RMM in reconciliation, Xero in invoice): what an
/// organization configures, how its connection is tested and how its data is synced. The settings, the sync jobs,
/// their schedule and the API around them are shared (<see cref="IntegrationsApi"/>, <see cref="SyncWorker"/>).
/// </summary>
public interface IIntegration
{
    /// <summary>The route and storage key: lower-case, e.g. <c>pax8</c>.</summary>
    string Name { get; }

    string DisplayName { get; }

    /// <summary>
    /// The name people know an organization's integration by with <paramref name="values"/>, e.g. in a failed sync's
    /// notification: <see cref="DisplayName"/> unless the settings choose a vendor (the RMM: NinjaOne or Datto RMM).
    /// </summary>
    string DisplayNameFor(IntegrationValues values) => DisplayName;

    /// <summary>What kind of vendor it is (Distributor, RMM, Accounting), for grouping on the settings page.</summary>
    string Category { get; }

    IReadOnlyList<IntegrationField> Fields { get; }

    /// <summary>
    /// What the service runs with for an organization that saved no settings (the sandbox in development); null when
    /// the deployment configures none, so the organization must enter its own.
    /// </summary>
    IntegrationValues? Defaults { get; }

    /// <summary>Reaches the vendor with <paramref name="values"/> and says whether it answered, never throwing for a vendor fault.</summary>
    Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the vendor and applies what changed. Either everything read is applied consistently, or the run throws and
    /// nothing it read is stored; pages it could not use are named with <see cref="SyncContext.Skip"/>.
    /// </summary>
    Task SyncAsync(SyncContext context, CancellationToken cancellationToken);
}

/// <summary>One setting of an integration as the settings form shows it.</summary>
/// <param name="Secret">Write-only: stored encrypted, never returned, only whether it is set.</param>
/// <param name="Choices">The allowed values when the setting is a choice; null for free text.</param>
/// <param name="Kind"><c>text</c>, <c>url</c> or <c>choice</c>.</param>
/// <param name="Hosts">For an address (<c>url</c>): the vendor's hosts it may name outside Development (exact, or
/// <c>*.suffix</c>); see <see cref="VendorAddress"/>.</param>
/// <param name="CustomHosts">For an address: the vendor lets customers use hosts of their own (self-hosted), so any
/// public https host is accepted.</param>
public sealed record IntegrationField(
    string Name,
    string Label,
    bool Secret = false,
    bool Required = true,
    string Kind = "text",
    IReadOnlyList<string>? Choices = null,
    string? Help = null,
    IReadOnlyList<string>? Hosts = null,
    bool CustomHosts = false);

/// <param name="Message">What the vendor answered, or why it could not be reached, fit to show an operator.</param>
public sealed record ConnectionCheck(bool Succeeded, string Message);

/// <summary>An integration's settings by field name; absent and empty are the same.</summary>
public sealed class IntegrationValues(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> All { get; } = values
        .Where(pair => !string.IsNullOrWhiteSpace(pair.Value))
        .ToDictionary(pair => pair.Key, pair => pair.Value.Trim(), StringComparer.Ordinal);

    public string? this[string name] => All.GetValueOrDefault(name);

    /// <summary>An absolute http(s) address, or null when the setting is empty.</summary>
    public Uri? Address(string name) =>
        this[name] is { } text && Uri.TryCreate(text, UriKind.Absolute, out var address) ? address : null;
}
