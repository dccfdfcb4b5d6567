using System.Net;
using AngleSharp.Html.Parser;
using BillingOne.Web.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>
/// The whole web app in process, its gateway answered by <see cref="Gateway"/>, with helpers to sign in through
/// the real sign-in page (form post with its antiforgery token) the way a browser does.
/// </summary>
public sealed class WebAppHost : IDisposable
{
    public const string SessionToken = "eyJhbGciOiJIUzI1NiJ9.session-token-for-tests.c2lnbmF0dXJl";
    public const string Email = "owner@demo.billingone.dev";
    public const string Password = "BillingOne-demo-2026!";

    private readonly WebApplicationFactory<Program> app;

    public WebAppHost()
    {
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            // Service discovery resolves http://gateway from here, exactly as under the AppHost.
            host.UseSetting("services:gateway:http:0", "http://127.0.0.1:5999");
            host.ConfigureTestServices(services =>
                services.AddHttpClient<GatewayClient>().ConfigurePrimaryHttpMessageHandler(() => Gateway));
        });
    }

    public StubGatewayHandler Gateway { get; } = new();

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient CreateBrowser() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Opens the sign-in page at <paramref name="signInUrl"/> and posts the form with these credentials.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(
        HttpClient browser, string email, string password, string signInUrl = "/sign-in",
        IDictionary<string, string>? headers = null)
    {
        var page = await browser.GetStringAsync(signInUrl);
        var form = new HtmlParser().ParseDocument(page).QuerySelector("form[data-testid=sign-in-form]")
            ?? throw new InvalidOperationException("The sign-in page has no sign-in form.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(input => input.GetAttribute("name")!, input => input.GetAttribute("value") ?? string.Empty);
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;

        using var request = new HttpRequestMessage(HttpMethod.Post, signInUrl) { Content = new FormUrlEncodedContent(fields) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }

        return await browser.SendAsync(request);
    }

    /// <summary>A browser signed in as the demo owner (the gateway stub accepts the credentials).</summary>
    public async Task<HttpClient> SignedInBrowserAsync()
    {
        Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn(SessionToken));
        var browser = CreateBrowser();
        using var response = await PostSignInAsync(browser, Email, Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, "signing in answers with a redirect to the page asked for");
        return browser;
    }

    public void Dispose() => app.Dispose();
}
