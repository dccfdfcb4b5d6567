using BillingOne.Invoice.Apis;
using BillingOne.Invoice.Connectors.Xero;
using Microsoft.AspNetCore.Http;

namespace BillingOne.Invoice.Tests.Connectors;

/// <summary>The redirect URI sent to Xero is configuration (the gateway's public address), never the request's host.</summary>
[Trait("Category", "Unit")]
public sealed class XeroRedirectUriTests
{
    private static HttpRequest InternalRequest()
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("invoice", 8080);
        return context.Request;
    }

    [Fact]
    public void Outside_development_the_configured_https_address_is_used()
    {
        var options = new XeroConnectorOptions { RedirectUri = new Uri("https://app.example.com/api/invoice/xero/callback") };

        XeroConnectionApi.RedirectUriOf(options, development: false, InternalRequest())
            .ShouldBe(new Uri("https://app.example.com/api/invoice/xero/callback"));
    }

    [Fact]
    public void Outside_development_without_a_configured_address_there_is_none_and_never_the_internal_host()
    {
        XeroConnectionApi.RedirectUriOf(new XeroConnectorOptions(), development: false, InternalRequest()).ShouldBeNull();
    }

    [Fact]
    public void Outside_development_an_http_address_is_refused()
    {
        var options = new XeroConnectorOptions { RedirectUri = new Uri("http://app.example.com/api/invoice/xero/callback") };

        XeroConnectionApi.RedirectUriOf(options, development: false, InternalRequest()).ShouldBeNull();
    }

    [Fact]
    public void A_development_run_without_one_uses_the_address_the_request_came_in_on()
    {
        XeroConnectionApi.RedirectUriOf(new XeroConnectorOptions(), development: true, InternalRequest())
            .ShouldBe(new Uri("http://invoice:8080/api/invoice/xero/callback"));
    }
}
