using System.Net.Http.Headers;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Money;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Connectors.SuperOps;

/// <summary>Where and as whom one organization reads SuperOps.</summary>
/// <param name="Currency">The ISO 4217 code the SuperOps account bills in: SuperOps' invoices carry no currency.</param>
public sealed record SuperOpsConnection(Uri Endpoint, string SubDomain, string ApiToken, string Currency);

/// <summary>A <see cref="SuperOpsClient"/> per organization's API token, over the connector's shared handler pipeline.</summary>
public sealed class SuperOpsClientFactory(IHttpMessageHandlerFactory handlers, IOptions<SuperOpsConnectorOptions> options)
{
    public const string ApiPipeline = "superops-api";

    /// <summary>The setting names of the SuperOps integration.</summary>
    public const string SubDomainSetting = "subDomain";
    public const string ApiTokenSetting = "apiToken";
    public const string EndpointSetting = "endpoint";
    public const string CurrencySetting = "currency";

    /// <summary>The deployment's subdomain and token (the sandbox's in development), or null when none are configured.</summary>
    public IntegrationValues? Defaults => options.Value is { SubDomain.Length: > 0, ApiToken.Length: > 0 } configured
        ? new IntegrationValues(new Dictionary<string, string>
        {
            [SubDomainSetting] = configured.SubDomain,
            [ApiTokenSetting] = configured.ApiToken,
        })
        : null;

    public SuperOpsConnection ConnectionFor(IntegrationValues values) => new(
        values.Address(EndpointSetting) ?? options.Value.Endpoint,
        values[SubDomainSetting] ?? throw new ArgumentException("The SuperOps subdomain is missing.", nameof(values)),
        values[ApiTokenSetting] ?? throw new ArgumentException("The SuperOps API token is missing.", nameof(values)),
        values[CurrencySetting] is { Length: > 0 } currency ? currency : options.Value.Currency);

    public SuperOpsClient Create(SuperOpsConnection connection)
    {
        // Disposing the client leaves the pooled pipeline alone: the factory's handlers ignore Dispose.
        var http = new HttpClient(handlers.CreateHandler(ApiPipeline)) { BaseAddress = connection.Endpoint };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.ApiToken);
        http.DefaultRequestHeaders.Add(SuperOpsClient.SubDomainHeader, connection.SubDomain);
        return new SuperOpsClient(http, options.Value.PageSize);
    }
}

public static class SuperOpsConnectorRegistration
{
    public static IServiceCollection AddSuperOpsConnector(this IServiceCollection services)
    {
        services.AddOptions<SuperOpsConnectorOptions>()
            .BindConfiguration(SuperOpsConnectorOptions.Section)
            .Validate(options => options.PageSize is >= 1 and <= 100,
                $"{SuperOpsConnectorOptions.Section}:PageSize must be between 1 and 100.")
            .Validate(options => Iso4217.TryNormalize(options.Currency, out _),
                $"{SuperOpsConnectorOptions.Section}:Currency must be an ISO 4217 code.")
            .Validate(options => options.Retries.IsValid,
                $"{SuperOpsConnectorOptions.Section}: retries and timeouts must be positive, the total at least one attempt.");
        services.TryAddSingleton<SuperOpsClientFactory>();
        services.AddHttpClient(SuperOpsClientFactory.ApiPipeline)
            .AddVendorRetries(SuperOpsClientFactory.ApiPipeline,
                provider => provider.GetRequiredService<IOptions<SuperOpsConnectorOptions>>().Value.Retries);
        return services;
    }
}
