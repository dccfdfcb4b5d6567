using System.Net;
using AngleSharp.Html.Parser;
using BillingOne.Web.Api;
using Microsoft.AspNetCore.Builder;
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

    /// <summary>
    /// Sets the address the request seems to come from (the in-memory server has none), before the app's forwarded
    /// headers middleware decides whether to believe the request's X-Forwarded-* headers.
    /// </summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    private readonly WebApplicationFactory<Program> app;

    public WebAppHost()
    {
        app = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            // Service discovery resolves http://gateway from here, exactly as under the AppHost.
            host.UseSetting("services:gateway:http:0", "http://127.0.0.1:5999");
            host.ConfigureTestServices(services =>
            {
                services.AddHttpClient<GatewayClient>().ConfigurePrimaryHttpMessageHandler(() => Gateway);
                services.AddTransient<IStartupFilter, RemoteAddressFilter>();
            });
        });
    }

    public StubGatewayHandler Gateway { get; } = new();

    /// <summary>The session cookie (name=value) the last <see cref="SignedInBrowserAsync"/> was given.</summary>
    public string? SessionCookie { get; private set; }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects (tests assert them).</summary>
    public HttpClient CreateBrowser() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Opens the sign-in page at <paramref name="signInUrl"/> and posts the form with these credentials.</summary>
    public async Task<HttpResponseMessage> PostSignInAsync(
        HttpClient browser, string email, string password, string signInUrl = "/sign-in",
        IDictionary<string, string>? headers = null, IDictionary<string, string>? fields = null)
    {
        var page = await browser.GetStringAsync(signInUrl);
        var form = new HtmlParser().ParseDocument(page).QuerySelector("form[data-testid=sign-in-form]")
            ?? throw new InvalidOperationException("The sign-in page has no sign-in form.");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(input => input.GetAttribute("name")!, input => input.GetAttribute("value") ?? string.Empty);
        values["Input.Email"] = email;
        values["Input.Password"] = password;
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            values[name] = value;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, signInUrl) { Content = new FormUrlEncodedContent(values) };
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
        SessionCookie = response.Headers.GetValues("Set-Cookie")
            .Single(value => value.StartsWith("BillingOne.Session=", StringComparison.Ordinal)).Split(';')[0];
        return browser;
    }

    private sealed class RemoteAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[RemoteAddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public void Dispose() => app.Dispose();
}
