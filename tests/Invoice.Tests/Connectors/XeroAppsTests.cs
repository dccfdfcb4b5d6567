using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Invoice.Connectors.Xero;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Tests.Connectors;

/// <summary>Where an organization's Xero app talks to, from its settings over the deployment's configuration.</summary>
[Trait("Category", "Unit")]
public sealed class XeroAppsTests
{
    private static readonly XeroApps Apps = new(Options.Create(new XeroConnectorOptions
    {
        ClientId = "deployment-app",
        ClientSecret = "deployment-secret",
    }));

    [Fact]
    public void Without_addresses_the_app_talks_to_Xeros_own()
    {
        var app = Apps.AppFor(Apps.Defaults)!;

        app.ClientId.ShouldBe("deployment-app");
        app.TokenUrl.ShouldBe(new Uri("https://identity.xero.com/connect/token"));
        app.RevocationUrl.ShouldBe(new Uri("https://identity.xero.com/connect/revocation"));
        app.AuthorizeAddress.ShouldBe(new Uri("https://login.xero.com/identity/connect/authorize"));
        app.ConnectionsUrl.ShouldBe(new Uri("https://api.xero.com/connections"));
        app.AccountingAddress.ShouldBe(new Uri("https://api.xero.com/api.xro/2.0/"));
    }

    [Fact]
    public void An_organizations_addresses_move_identity_consent_and_api_below_them()
    {
        var app = Apps.AppFor(new IntegrationValues(new Dictionary<string, string>
        {
            [XeroApps.ClientIdSetting] = "own-app",
            [XeroApps.ClientSecretSetting] = "own-secret",
            [XeroApps.IdentityAddressSetting] = "http://localhost:5100/xero/identity",
            [XeroApps.ApiAddressSetting] = "http://localhost:5100/xero",
        }))!;

        app.TokenUrl.ShouldBe(new Uri("http://localhost:5100/xero/identity/connect/token"));
        app.AuthorizeAddress.ShouldBe(new Uri("http://localhost:5100/xero/identity/connect/authorize"));
        app.AccountingAddress.ShouldBe(new Uri("http://localhost:5100/xero/api.xro/2.0/"));
    }

    [Fact]
    public void Without_a_client_secret_there_is_no_app() =>
        Apps.AppFor(new IntegrationValues(new Dictionary<string, string> { [XeroApps.ClientIdSetting] = "own-app" })).ShouldBeNull();

    [Fact]
    public void The_consent_address_carries_the_app_the_scopes_the_return_address_and_the_state_escaped()
    {
        var url = XeroIdentityClient.AuthorizeUrl(Apps.AppFor(Apps.Defaults)!,
            new Uri("https://billing.example/api/invoice/xero/callback"), "a+b/c");

        url.GetLeftPart(UriPartial.Path).ShouldBe("https://login.xero.com/identity/connect/authorize");
        url.Query.ShouldContain("client_id=deployment-app");
        url.Query.ShouldContain("redirect_uri=https%3A%2F%2Fbilling.example%2Fapi%2Finvoice%2Fxero%2Fcallback");
        url.Query.ShouldContain("scope=openid%20profile%20email%20accounting.invoices%20accounting.contacts%20offline_access");
        url.Query.ShouldContain("state=a%2Bb%2Fc");
    }
}
