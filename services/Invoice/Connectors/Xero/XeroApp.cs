using BillingOne.BuildingBlocks.Integrations;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>One Xero app (its client id and secret) and the Xero addresses it talks to.</summary>
public sealed record XeroApp(string ClientId, string ClientSecret, Uri IdentityAddress, Uri AuthorizeAddress, Uri ApiAddress)
{
    public Uri TokenUrl => new(IdentityAddress, "connect/token");

    public Uri RevocationUrl => new(IdentityAddress, "connect/revocation");

    public Uri ConnectionsUrl => new(ApiAddress, "connections");

    public Uri AccountingAddress => new(ApiAddress, "api.xro/2.0/");
}

/// <summary>The Xero integration's settings, and the app they describe over the deployment's defaults.</summary>
public sealed class XeroApps(IOptions<XeroConnectorOptions> options)
{
    public const string ClientIdSetting = "clientId";
    public const string ClientSecretSetting = "clientSecret";
    public const string IdentityAddressSetting = "identityAddress";
    public const string ApiAddressSetting = "apiAddress";

    /// <summary>The deployment's app (the sandbox's in development), or null when none is configured.</summary>
    public IntegrationValues? Defaults => options.Value is { ClientId.Length: > 0, ClientSecret.Length: > 0 } configured
        ? new IntegrationValues(new Dictionary<string, string>
        {
            [ClientIdSetting] = configured.ClientId,
            [ClientSecretSetting] = configured.ClientSecret,
        })
        : null;

    public XeroConnectorOptions Options => options.Value;

    /// <summary>
    /// The app <paramref name="values"/> describe, or null without a client id and secret. An address left empty is
    /// the deployment's; an identity address entered by the organization also moves the consent page below it.
    /// </summary>
    public XeroApp? AppFor(IntegrationValues? values)
    {
        if (values?[ClientIdSetting] is not { } clientId || values[ClientSecretSetting] is not { } clientSecret)
        {
            return null;
        }
        var identity = WithSlash(values.Address(IdentityAddressSetting));
        var configured = options.Value;
        return new XeroApp(clientId, clientSecret,
            identity ?? WithSlash(configured.IdentityAddress)!,
            identity is not null ? new Uri(identity, "connect/authorize")
                : configured.AuthorizeAddress ?? new Uri(WithSlash(configured.IdentityAddress)!, "connect/authorize"),
            WithSlash(values.Address(ApiAddressSetting)) ?? WithSlash(configured.ApiAddress)!);
    }

    /// <summary>The app of <paramref name="orgId"/>'s saved Xero settings, or of the deployment's when it saved none.</summary>
    public async Task<XeroApp?> AppOfAsync(IntegrationSettingsStore settings, Guid orgId, CancellationToken cancellationToken)
    {
        var saved = await settings.FindAsync(orgId, Integrations.XeroIntegration.IntegrationName, cancellationToken);
        return AppFor(saved is not null ? saved.Values : Defaults);
    }

    // Relative paths resolve below an address only when it ends with a slash.
    private static Uri? WithSlash(Uri? address) =>
        address is null ? null
        : address.AbsoluteUri.EndsWith('/') ? address
        : new Uri(address.AbsoluteUri + "/");
}
