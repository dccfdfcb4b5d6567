using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The sign-in's code step and the enrollment an organization requires, over HTTP against the whole app.</summary>
[Trait("Category", "Integration")]
public sealed class TwoFactorSignInFlowTests : IDisposable
{
    private const string CodePath = "/auth/sign-in/two-factor";
    private static readonly Guid Challenge = Guid.Parse("c4a11e00-0000-4000-8000-000000000001");

    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    private static HttpResponseMessage CodeAsked() =>
        Json(new { twoFactorRequired = true, challenge = Challenge, expiresAt = DateTimeOffset.UtcNow.AddMinutes(5) });

    /// <summary>Posts the code form the page shows, as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string page, string code)
    {
        var form = new HtmlParser().ParseDocument(page).QuerySelector("form[data-testid=sign-in-code-form]")
            ?? throw new ShouldAssertException("The page shows no code form.");
        var values = form.QuerySelectorAll("input[type=hidden]")
            .ToDictionary(input => input.GetAttribute("name")!, input => input.GetAttribute("value") ?? string.Empty);
        values["CodeInput.Code"] = code;
        return await browser.PostAsync("/sign-in?returnUrl=%2Fclients", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task A_right_password_of_a_user_with_two_factor_asks_for_the_code_and_the_code_signs_them_in()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => CodeAsked());
        app.Gateway.On(HttpMethod.Post, CodePath, _ => SignedIn(WebAppHost.SessionToken));
        using var browser = app.CreateBrowser();

        using var password = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password, "/sign-in?returnUrl=%2Fclients");
        var page = await password.Content.ReadAsStringAsync();
        password.StatusCode.ShouldBe(HttpStatusCode.OK);
        password.Headers.Contains("Set-Cookie").ShouldBeFalse("no session before the code");
        page.ShouldNotContain(WebAppHost.Password);

        using var code = await PostCodeAsync(browser, page, " 123456 ");

        code.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        code.Headers.Location!.OriginalString.ShouldBe("/clients");
        code.Headers.GetValues("Set-Cookie").ShouldContain(value => value.StartsWith("BillingOne.Session="));
        using var body = JsonDocument.Parse(app.Gateway.RequestsTo(HttpMethod.Post, CodePath).ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("challenge").GetGuid().ShouldBe(Challenge);
        body.RootElement.GetProperty("code").GetString().ShouldBe("123456");
    }

    [Fact]
    public async Task A_wrong_code_says_so_and_asks_again()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => CodeAsked());
        app.Gateway.On(HttpMethod.Post, CodePath, _ => Problem(HttpStatusCode.Unauthorized, "The code is not right.",
            errors: new Dictionary<string, string[]> { ["code"] = ["The code is not right."] }));
        using var browser = app.CreateBrowser();
        using var password = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password);

        using var wrong = await PostCodeAsync(browser, await password.Content.ReadAsStringAsync(), "000000");
        var html = await wrong.Content.ReadAsStringAsync();

        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = new HtmlParser().ParseDocument(html);
        document.QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldContain("The code is not right.");
        document.QuerySelector("form[data-testid=sign-in-code-form]").ShouldNotBeNull("the code is asked again");
    }

    [Fact]
    public async Task An_ended_sign_in_goes_back_to_the_password()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => CodeAsked());
        app.Gateway.On(HttpMethod.Post, CodePath, _ => Problem(HttpStatusCode.Unauthorized, "Sign in again.",
            errors: new Dictionary<string, string[]> { ["challengeId"] = ["The sign-in has ended."] }));
        using var browser = app.CreateBrowser();
        using var password = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password);

        using var ended = await PostCodeAsync(browser, await password.Content.ReadAsStringAsync(), "123456");
        var document = new HtmlParser().ParseDocument(await ended.Content.ReadAsStringAsync());

        document.QuerySelector("[data-testid=sign-in-error]")!.TextContent.ShouldContain("expired");
        document.QuerySelector("form[data-testid=sign-in-form]").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_user_who_must_set_up_two_factor_is_sent_to_settings_security_from_every_page()
    {
        app.Gateway.On(HttpMethod.Post, "/auth/sign-in", _ => Json(new
        {
            sessionToken = WebAppHost.SessionToken,
            expiresAt = DateTimeOffset.UtcNow.AddHours(8),
            user = new { id = Guid.NewGuid(), name = "Olivia Owner", email = WebAppHost.Email, orgId = Guid.NewGuid(), role = "owner" },
            twoFactorEnrollmentRequired = true,
        }));
        using var browser = app.CreateBrowser();

        using var signedIn = await app.PostSignInAsync(browser, WebAppHost.Email, WebAppHost.Password, "/sign-in?returnUrl=%2Fclients");

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.ShouldBe("/settings/security");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/clients");
        request.Headers.Accept.ParseAdd("text/html");
        using var elsewhere = await browser.SendAsync(request);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        elsewhere.Headers.Location!.OriginalString.ShouldBe("/settings/security");
    }
}
