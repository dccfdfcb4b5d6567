using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using Microsoft.Extensions.Options;

namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>
/// An <see cref="IRmmConnector"/> per organization's settings: the vendor they name, over that vendor's shared handler
/// pipeline (retries, timeouts) with a token source kept per credentials.
/// </summary>
public sealed class RmmConnectorFactory(
    AuthorizedHttpClients clients,
    IHttpClientFactory httpClientFactory,
    IOptions<NinjaOneOptions> ninjaOne,
    IOptions<DattoRmmOptions> dattoRmm,
    TimeProvider clock)
{
    /// <summary>The setting names of the RMM integration.</summary>
    public const string VendorSetting = "vendor";
    public const string ClientIdSetting = "clientId";
    public const string ClientSecretSetting = "clientSecret";
    public const string BaseUrlSetting = "baseUrl";
    public const string TokenUrlSetting = "tokenUrl";

    /// <summary>The deployment's NinjaOne credentials (the sandbox's in development), or null when none are configured.</summary>
    public IntegrationValues? Defaults => ninjaOne.Value is { ClientId.Length: > 0, ClientSecret.Length: > 0 } configured
        ? new IntegrationValues(new Dictionary<string, string>
        {
            [VendorSetting] = RmmVendors.NinjaOneKey,
            [ClientIdSetting] = configured.ClientId,
            [ClientSecretSetting] = configured.ClientSecret,
        })
        : null;

    /// <summary>
    /// The connection <paramref name="values"/> describe. Addresses left empty are the deployment's for the vendor (the
    /// sandbox in development); a token URL left empty is the vendor's token path on the base URL.
    /// </summary>
    /// <exception cref="RmmSettingsException">A setting the connection needs is missing or not valid.</exception>
    public RmmConnection ConnectionFor(IntegrationValues values)
    {
        var vendor = RmmVendors.FromKey(values[VendorSetting]) ?? throw new RmmSettingsException(
            $"The RMM vendor is '{values[VendorSetting]}'; it must be one of {string.Join(", ", RmmVendors.Keys)}.");
        RmmConnectorOptions options = vendor == RmmVendor.NinjaOne ? ninjaOne.Value : dattoRmm.Value;
        var givenBaseAddress = values.Address(BaseUrlSetting);
        var baseAddress = givenBaseAddress ?? options.BaseUrl ?? throw new RmmSettingsException(
            $"{vendor.DisplayName()} needs the API address of the account (baseUrl).");
        var tokenUrl = values.Address(TokenUrlSetting)
            ?? (givenBaseAddress is null ? options.TokenUrl : null)
            ?? new Uri(baseAddress, options.DefaultTokenPath);
        return new RmmConnection(vendor, baseAddress, tokenUrl,
            values[ClientIdSetting] ?? throw Missing(vendor, "client id"),
            values[ClientSecretSetting] ?? throw Missing(vendor, "client secret"));
    }

    /// <summary>A connector of the vendor <paramref name="values"/> name, reading as the organization they belong to.</summary>
    /// <exception cref="RmmSettingsException">A setting the connection needs is missing or not valid.</exception>
    public IRmmConnector Create(IntegrationValues values)
    {
        var connection = ConnectionFor(values);
        return connection.Vendor switch
        {
            RmmVendor.NinjaOne => new NinjaOneConnector(Authorized(NinjaOneConnector.ApiPipeline, connection,
                () => new NinjaOneTokenSource(httpClientFactory, connection, ninjaOne.Value.Scope, clock)),
                ninjaOne.Value.PageSize),
            RmmVendor.DattoRmm => new DattoRmmConnector(Authorized(DattoRmmConnector.ApiPipeline, connection,
                () => new DattoRmmTokenSource(httpClientFactory, connection, clock)),
                dattoRmm.Value.PageSize),
            _ => throw new RmmSettingsException($"There is no connector for {connection.Vendor}."),
        };
    }

    private HttpClient Authorized<TTokenSource>(string pipeline, RmmConnection connection, Func<TTokenSource> createTokens)
        where TTokenSource : AccessTokenSource =>
        clients.Create(pipeline,
            clients.TokenSource(connection.TokenUrl, connection.ClientId, connection.ClientSecret, createTokens),
            connection.BaseAddress);

    private static RmmSettingsException Missing(RmmVendor vendor, string setting) =>
        new($"The {vendor.DisplayName()} {setting} is missing.");
}
