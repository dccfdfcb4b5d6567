using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.BuildingBlocks.Integrations;
using Microsoft.Extensions.Options;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>Where and as whom one organization reads Pax8.</summary>
public sealed record Pax8Connection(Uri BaseAddress, Uri TokenUrl, string ClientId, string ClientSecret, string Audience);

/// <summary>
/// A <see cref="Pax8Client"/> per organization's credentials, over the connector's shared handler pipeline (retries,
/// timeouts) and a token source kept per credentials.
/// </summary>
public sealed class Pax8ClientFactory(
    AuthorizedHttpClients clients,
    IHttpClientFactory httpClientFactory,
    IOptions<Pax8ConnectorOptions> options,
    TimeProvider clock)
{
    public const string ApiPipeline = "pax8-api";

    /// <summary>The setting names of the Pax8 integration.</summary>
    public const string ClientIdSetting = "clientId";
    public const string ClientSecretSetting = "clientSecret";
    public const string BaseUrlSetting = "baseUrl";
    public const string TokenUrlSetting = "tokenUrl";

    /// <summary>The deployment's credentials (the sandbox's in development), or null when none are configured.</summary>
    public IntegrationValues? Defaults => options.Value is { ClientId.Length: > 0, ClientSecret.Length: > 0 } configured
        ? new IntegrationValues(new Dictionary<string, string>
        {
            [ClientIdSetting] = configured.ClientId,
            [ClientSecretSetting] = configured.ClientSecret,
        })
        : null;

    /// <summary>
    /// The connection <paramref name="values"/> describe; addresses left empty are the deployment's (the real Pax8 in
    /// production, the sandbox in development).
    /// </summary>
    public Pax8Connection ConnectionFor(IntegrationValues values) => new(
        values.Address(BaseUrlSetting) ?? options.Value.BaseAddress,
        values.Address(TokenUrlSetting) ?? options.Value.TokenUrl,
        values[ClientIdSetting] ?? throw new ArgumentException("The Pax8 client id is missing.", nameof(values)),
        values[ClientSecretSetting] ?? throw new ArgumentException("The Pax8 client secret is missing.", nameof(values)),
        options.Value.Audience);

    public Pax8Client Create(Pax8Connection connection)
    {
        var tokens = clients.TokenSource(connection.TokenUrl, connection.ClientId, connection.ClientSecret,
            () => new Pax8TokenProvider(httpClientFactory, connection, clock));
        return new Pax8Client(clients.Create(ApiPipeline, tokens, connection.BaseAddress), options.Value.PageSize);
    }
}
