using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Synergy;
using BillingOne.Reconciliation.Data;

namespace BillingOne.Reconciliation.Integrations;

/// <summary>
/// Synergy Wholesale under Settings → Integrations, and its sync: domains, hosting services and SSL certificates are
/// all read before anything is stored, then applied in one transaction with the customer accounts they belong to.
/// A hosting service or certificate belongs to the account of the domain it is for (or that domain's parent). A
/// malformed item is left out and recorded on the run's skipped items with its Synergy id; the rest is stored.
/// </summary>
public sealed class SynergyIntegration(SynergyConnectorFactory connectors, SynergyStore store) : IIntegration
{
    public const string IntegrationName = "synergy";

    public string Name => IntegrationName;

    public string DisplayName => "Synergy Wholesale";

    public string Category => "Domains & Hosting";

    public IReadOnlyList<IntegrationField> Fields { get; } =
    [
        new(SynergyConnectorFactory.ResellerIdSetting, "Reseller ID"),
        new(SynergyConnectorFactory.ApiKeySetting, "API key", Secret: true,
            Help: "From the reseller portal; the server's IP address must be whitelisted there"),
        new(SynergyConnectorFactory.EndpointSetting, "API address", Required: false, Kind: "url",
            Help: "Leave empty for Synergy Wholesale's own API address", Hosts: ["api.synergywholesale.com"]),
    ];

    public IntegrationValues? Defaults => connectors.Defaults;

    public async Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken)
    {
        SynergyConnector connector;
        try
        {
            connector = connectors.Create(values);
        }
        catch (SynergySettingsException invalid)
        {
            return new ConnectionCheck(false, invalid.Message);
        }
        return await connector.CheckConnectionAsync(cancellationToken) is { } failure
            ? new ConnectionCheck(false, $"Synergy Wholesale could not be read: {failure}")
            : new ConnectionCheck(true, "Synergy Wholesale answered.");
    }

    public async Task SyncAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var connector = connectors.Create(context.Values);
        var domains = await ReadAsync(context, "domains", connector.ListDomainsAsync, cancellationToken);
        var hosting = await ReadAsync(context, "hosting", connector.ListHostingAsync, cancellationToken);
        var certificates = await ReadAsync(context, "certificates", connector.ListCertificatesAsync, cancellationToken);
        foreach (var item in connector.Skipped)
        {
            context.Skip(item.What, item.Reason);
        }

        var registrants = domains.ToDictionary(domain => domain.Name, domain => domain.Registrant, StringComparer.Ordinal);
        var read = new SynergyRead(
            [.. domains.Select(domain => (domain, domain.Registrant))],
            [.. hosting.Select(service => (service, AccountOf(service.Domain, registrants)))],
            [.. certificates.Select(certificate => (certificate, AccountOf(certificate.CommonName, registrants)))]);
        await context.ReportProgressAsync("applying", 0, null, cancellationToken);
        var applied = await store.ApplyAsync(context.OrgId, context.RunId, read, cancellationToken);
        context.Count("domains", applied.Domains);
        context.Count("hosting", applied.Hosting);
        context.Count("certificates", applied.Certificates);
    }

    /// <summary>
    /// The account of the registered domain <paramref name="host"/> is, or is under (<c>*.shop.example.com</c> and
    /// <c>www.example.com</c> are <c>example.com</c>'s); null when Synergy registers none of them.
    /// </summary>
    public static SynergyAccount? AccountOf(string host, IReadOnlyDictionary<string, SynergyAccount?> registrants)
    {
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        while (name.Contains('.', StringComparison.Ordinal))
        {
            if (registrants.TryGetValue(name, out var account))
            {
                return account;
            }
            name = name[(name.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }
        return null;
    }

    /// <summary>One whole listing; an answer rejected as a whole is named as skipped and ends the run, storing nothing.</summary>
    private static async Task<IReadOnlyList<T>> ReadAsync<T>(SyncContext context, string stage,
        Func<CancellationToken, Task<IReadOnlyList<T>>> read, CancellationToken cancellationToken)
    {
        await context.ReportProgressAsync(stage, 0, null, cancellationToken);
        try
        {
            var items = await read(cancellationToken);
            await context.ReportProgressAsync(stage, items.Count, items.Count, cancellationToken);
            return items;
        }
        catch (SynergyAnswerRejectedException rejected)
        {
            context.Skip($"{stage} page {rejected.PageNumber}", $"'{rejected.Field}' {rejected.Reason}");
            throw;
        }
    }
}
