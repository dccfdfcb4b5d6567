using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>Sign-in, the session cookie and sign-out, over HTTP against the whole app.</summary>
[Trait("Category", "Integration")]
public sealed class SignInFlowTests : IDisposable
{
    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    private IReadOnlyList<RecordedRequest> SignInRequests => app.Gateway.RequestsTo(HttpMethod.Post, "/auth/sign-in");

    private static string ErrorText(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=sign-in-error]")?.TextContent.Trim()
        ?? throw new ShouldAssertException("The page shows no sign-in error.");

    [Theory]
    [InlineData("/clients?status=matched", "/sign-in?returnUrl=%2Fclients%3Fstatus%3Dmatched")]
    [InlineData("/", "/sign-in?returnUrl=%2F")]
    [InlineData("/settings/team", "/sign-in?returnUrl=%2Fsettings%2Fteam")]
    [InlineData("/clients/export.csv", "/sign-in?returnUrl=%2Fclients%2Fexport.csv")]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_back(string page, string signIn)
    {
        using var browser = app.CreateBrowser();

        using var response = await browser.GetAsync(page);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(signIn, "a path: behind the gateway, a host would be the wrong one");
        app.Gateway.Requests.ShouldBeEmpty("nothing is asked of the gateway without a session");
    }

    [Fact]
    public async Task The_sign_in_page_is_a_plain_form_that_needs_no_sign_in_or_script()
    {
        using var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/sign-in?returnUrl=%2Fclients");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelector("form[data-testid=sign-in-form]").ShouldNotBeNull();
        form.GetAttribute("method").ShouldBe("post");
        document.QuerySelector("[data-testid=sign-in-email]")!.GetAttribute("type").ShouldBe("email");
        document.QuerySelector("[data-testid=sign-in-password]")!.GetAttribute("type").ShouldBe("password");
        document.QuerySelector("[data-testid=sign-in-submit]").ShouldNotBeNull();
        document.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull("the post is protected by antiforgery");
        document.QuerySelector("script[src*='blazor.web.js']").ShouldBeNull("a static page opens no circuit");
        document.QuerySelector("[data-testid=nav]").ShouldBeNull("nothing behind sign-in is linked before it");
    }

    [Fact]
    public async Task The_stylesheet_is_served_before_sign_in()
    {
        using var browser = app.CreateBrowser();
        var stylesheet = new HtmlParser().ParseDocument(await browser.GetStringAsync("/sign-in"))
            .QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;

        using var response = await browser.GetAsync("/" + stylesheet.TrimStart('/'));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
    }

    [Fact]
    public async Task Signing_in_sets_an_encrypted_http_only_cookie_and_returns_to_the_page_asked_for()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn(WebAppHost.SessionToken));
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, " owner@demo.billingone.dev ", WebAppHost.Password,
            "/sign-in?returnUrl=%2Fclients%3Fstatus%3Dmatched");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/clients?status=matched");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("BillingOne.Session="));
        cookie.ShouldContain("httponly", Case.Insensitive);
        cookie.ShouldContain("samesite=lax", Case.Insensitive);
        cookie.ShouldNotContain(WebAppHost.SessionToken, customMessage: "the token travels only encrypted");
        cookie.ShouldNotContain("session-token-for-tests");

        var signIn = SignInRequests.ShouldHaveSingleItem();
        signIn.Authorization.ShouldBeNull("there is no session yet");
        using var body = JsonDocument.Parse(signIn.Body!);
        body.RootElement.GetProperty("email").GetString().ShouldBe("owner@demo.billingone.dev");
        body.RootElement.GetProperty("password").GetString().ShouldBe(WebAppHost.Password);

        (await browser.GetAsync("/clients")).StatusCode.ShouldBe(HttpStatusCode.OK, "the cookie signs the next request in");
    }

    [Fact]
    public async Task Signing_in_passes_the_browser_address_on_for_the_gateway_rate_limit()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn(WebAppHost.SessionToken));
        using var browser = app.CreateBrowser();

        // The gateway in front of the web app names the browser's address the same way.
        using var response = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password,
            headers: new Dictionary<string, string> { ["X-Forwarded-For"] = "203.0.113.7" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        SignInRequests.ShouldHaveSingleItem().ForwardedFor.ShouldBe("203.0.113.7");
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task A_return_url_to_another_site_lands_on_the_dashboard(string returnUrl)
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn(WebAppHost.SessionToken));
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password,
            "/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/");
    }

    [Fact]
    public async Task Wrong_credentials_say_so_generically_and_set_no_session()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in",
            _ => Problem(HttpStatusCode.Unauthorized, "No user with this email", "Unknown email"));
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, WebAppHost.Email, "not-the-password");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        ErrorText(html).ShouldBe("The email or password is incorrect.");
        html.ShouldNotContain("not-the-password", customMessage: "the password is never echoed into the page");
        html.ShouldContain(WebAppHost.Email, customMessage: "the email stays filled in");
        response.Headers.TryGetValues("Set-Cookie", out var cookies);
        (cookies ?? []).ShouldNotContain(value => value.StartsWith("BillingOne.Session="));
    }

    [Fact]
    public async Task Someone_in_several_organizations_chooses_one_and_signs_in_to_it()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", request =>
        {
            using var body = JsonDocument.Parse(request.Body!);
            if (body.RootElement.GetProperty("organizationId").ValueKind == JsonValueKind.Null)
            {
                return Json(new
                {
                    title = "Choose an organization.",
                    status = 409,
                    organizations = new[] { new { id = first, name = "Alpha IT" }, new { id = second, name = "Beta MSP" } },
                }, HttpStatusCode.Conflict);
            }
            return SignedIn(WebAppHost.SessionToken);
        });
        using var browser = app.CreateBrowser();

        using var ambiguous = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password);
        var page = new HtmlParser().ParseDocument(await ambiguous.Content.ReadAsStringAsync());

        ErrorText(page.DocumentElement.OuterHtml).ShouldStartWith("You belong to more than one organization");
        page.QuerySelectorAll("[data-testid=sign-in-organization] option").Select(option => option.TextContent)
            .ShouldBe(["Alpha IT", "Beta MSP"]);
        using var chosen = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password,
            fields: new Dictionary<string, string> { ["Input.OrganizationId"] = second.ToString() });

        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var sent = JsonDocument.Parse(SignInRequests[^1].Body!);
        sent.RootElement.GetProperty("organizationId").GetGuid().ShouldBe(second);
    }

    [Fact]
    public async Task Too_many_attempts_say_when_to_try_again()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ =>
        {
            var answer = Problem(HttpStatusCode.TooManyRequests, "Too many requests");
            answer.Headers.RetryAfter = new(TimeSpan.FromSeconds(30));
            return answer;
        });
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, WebAppHost.Email, "wrong");
        var error = ErrorText(await response.Content.ReadAsStringAsync());

        error.ShouldStartWith("Too many sign-in attempts.");
        error.ShouldEndWith("Try again in 30 seconds.");
    }

    [Fact]
    public async Task An_unreachable_gateway_is_not_reported_as_wrong_credentials()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => throw new HttpRequestException("Connection refused"));
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password);

        ErrorText(await response.Content.ReadAsStringAsync()).ShouldStartWith("Signing in is not possible right now.");
    }

    [Fact]
    public async Task Empty_fields_are_refused_without_asking_the_gateway()
    {
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, "", "");
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain("Enter your email address.");
        html.ShouldContain("Enter your password.");
        SignInRequests.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_ended_session_is_explained_on_the_sign_in_page()
    {
        using var browser = app.CreateBrowser();

        var html = await browser.GetStringAsync("/sign-in?returnUrl=%2Fapi-keys&reason=expired");

        new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=sign-in-notice]")!.TextContent
            .ShouldBe("Your session has ended. Sign in again to continue.");
    }

    [Fact]
    public async Task Signing_out_removes_the_session()
    {
        app.Gateway.On(HttpMethod.Delete, "/auth/session", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        using var browser = await app.SignedInBrowserAsync();
        (await browser.GetAsync("/clients")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var response = await browser.PostAsync("/auth/sign-out", content: null);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/sign-in");
        response.Headers.GetValues("Set-Cookie").ShouldContain(value => value.StartsWith("BillingOne.Session=;"));
        (await browser.GetAsync("/clients")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "signed out again");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_is_refused()
    {
        var signedOut = false;
        app.Gateway.On(HttpMethod.Delete, "/auth/session", _ =>
        {
            signedOut = true;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        // The gateway as it is: the session's token works until the session is ended.
        app.Gateway.OnGetClients(_ => signedOut
            ? Problem(HttpStatusCode.Unauthorized, "Invalid credentials", "The session is invalid or has expired: sign in again.")
            : ClientPage([Client("Acme")]));
        using var browser = await app.SignedInBrowserAsync();
        (await browser.GetAsync("/clients/export.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var cookie = app.SessionCookie.ShouldNotBeNull();

        (await browser.PostAsync("/auth/sign-out", content: null)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        app.Gateway.RequestsTo(HttpMethod.Delete, "/auth/session").ShouldHaveSingleItem().Authorization
            .ShouldBe($"Bearer {WebAppHost.SessionToken}");
        using var thief = app.CreateBrowser();
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/clients/export.csv");
        replay.Headers.Add("Cookie", cookie);
        using var replayed = await thief.SendAsync(replay);
        replayed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_cookie_is_secure_when_a_trusted_proxy_says_the_request_was_https()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn(WebAppHost.SessionToken));
        using var browser = app.CreateBrowser();

        using var response = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password,
            headers: new Dictionary<string, string>
            {
                ["X-Forwarded-Proto"] = "https",
                [WebAppHost.RemoteAddressHeader] = "127.0.0.1",
            });

        SetCookie(response).ShouldContain("secure", Case.Insensitive);
    }

    [Fact]
    public async Task X_forwarded_proto_from_an_untrusted_address_is_ignored()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => SignedIn(WebAppHost.SessionToken));
        using var browser = app.CreateBrowser();

        using var untrusted = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password,
            headers: new Dictionary<string, string>
            {
                ["X-Forwarded-Proto"] = "https",
                ["X-Forwarded-For"] = "203.0.113.50",
                [WebAppHost.RemoteAddressHeader] = "198.51.100.23",
            });

        SetCookie(untrusted).ShouldNotContain("secure", Case.Insensitive);
        SignInRequests[^1].ForwardedFor.ShouldBe("198.51.100.23", "nor is its claim of another browser address believed");
    }

    [Fact]
    public async Task Pages_carry_a_content_security_policy_whose_nonce_lets_only_blazors_own_inline_script_run()
    {
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/clients");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        policy.ShouldContain("default-src 'self'");
        policy.ShouldContain("frame-ancestors 'none'");
        policy.ShouldContain("object-src 'none'");
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldNotContain("unsafe-eval");
        policy.ShouldContain("style-src 'self';", customMessage: "no inline style: an accent colour is a stylesheet of this origin");
        policy.ShouldContain("img-src 'self' data: https:;", customMessage: "an organization's logo is an https URL of its choosing");
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        nonce.ShouldNotBeNullOrEmpty();
        var document = new HtmlParser().ParseDocument(html);
        document.QuerySelectorAll("script:not([src])").ShouldAllBe(script => script.GetAttribute("nonce") == nonce,
            "every inline script carries this answer's nonce");
        document.QuerySelectorAll("script[src]").ShouldAllBe(script => !script.GetAttribute("src")!.Contains("//"),
            "scripts come from this origin");
        (await browser.GetAsync("/clients")).Headers.GetValues("Content-Security-Policy").Single().ShouldNotContain(nonce,
            customMessage: "a nonce is used once");
    }

    private static string SetCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("BillingOne.Session="));

    [Fact]
    public async Task The_session_ends_when_the_gateway_token_expires()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in",
            _ => SignedIn(WebAppHost.SessionToken, expiresAt: DateTimeOffset.UtcNow.AddSeconds(-1)));
        using var browser = app.CreateBrowser();

        using var signIn = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password);

        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/clients")).StatusCode.ShouldBe(HttpStatusCode.Redirect,
            "a cookie never outlives the token inside it");
    }
}
