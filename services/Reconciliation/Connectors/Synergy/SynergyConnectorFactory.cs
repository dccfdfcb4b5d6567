using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Integrations;
using Microsoft.Extensions.Options;

namespace BillingOne.Reconciliation.Connectors.Synergy;

/// <summary>A <see cref="SynergyConnector"/> per organization's settings, over the shared Synergy handler pipeline.</summary>
public sealed class SynergyConnectorFactory(IHttpClientFactory httpClients, IOptions<SynergyOptions> options)
{
    /// <summary>The setting names of the Synergy integration.</summary>
    public const string ResellerIdSetting = "resellerId";
    public const string ApiKeySetting = "apiKey";
    public const string EndpointSetting = "endpoint";

    /// <summary>The deployment's reseller credentials (the sandbox's in development), or null when none are configured.</summary>
    public IntegrationValues? Defaults => options.Value is { ResellerId.Length: > 0, ApiKey.Length: > 0 } configured
        ? new IntegrationValues(new Dictionary<string, string>
        {
            [ResellerIdSetting] = configured.ResellerId,
            [ApiKeySetting] = configured.ApiKey,
        })
        : null;

    /// <exception cref="SynergySettingsException">The reseller id or API key is missing.</exception>
    public SynergyConnector Create(IntegrationValues values)
    {
        var resellerId = values[ResellerIdSetting] ?? throw new SynergySettingsException("The Synergy Wholesale reseller ID is missing.");
        var apiKey = values[ApiKeySetting] ?? throw new SynergySettingsException("The Synergy Wholesale API key is missing.");
        return new SynergyConnector(httpClients.CreateClient(SynergyConnector.ApiPipeline),
            values.Address(EndpointSetting) ?? options.Value.Endpoint, new SynergyCredentials(resellerId, apiKey),
            options.Value.PageSize);
    }

    /// <summary>Registers the factory, its options and the pipeline every organization's calls run over.</summary>
    public static void Register(IServiceCollection services)
    {
        services.AddOptions<SynergyOptions>()
            .BindConfiguration(SynergyOptions.Section)
            .Validate(settings => settings.PageSize > 0 && settings.MaxRetryAttempts > 0
                    && settings.AttemptTimeout > TimeSpan.Zero && settings.TotalRequestTimeout >= settings.AttemptTimeout,
                $"{SynergyOptions.Section} needs a positive PageSize and MaxRetryAttempts and an AttemptTimeout within TotalRequestTimeout.");
        services.AddSingleton<SynergyConnectorFactory>();
        // A SOAP fault comes as a 500 with an XML body: that is Synergy's answer (wrong key, unknown call), not a
        // passing failure, so it is not retried.
        services.AddHttpClient(SynergyConnector.ApiPipeline).AddVendorRetries(SynergyConnector.ApiPipeline,
            provider => provider.GetRequiredService<IOptions<SynergyOptions>>().Value.Retries, IsSoapFault);
    }

    private static bool IsSoapFault(HttpResponseMessage response) =>
        (int)response.StatusCode == 500
        && response.Content.Headers.ContentType?.MediaType is "text/xml" or "application/soap+xml";
}
