using System.Net;
using BillingOne.Web.Components.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>Settings → Email notifications' "Send test mail" (issue #33): offered once a mail server is saved, it shows what became of the mail.</summary>
[Trait("Category", "Unit")]
public sealed class SmtpTestMailTests : WebUiContext
{
    private const string SmtpPath = "/api/identity/organization/smtp";
    private const string TestPath = $"{SmtpPath}/test";

    private static object Saved(bool configured = true) => new
    {
        configured, host = configured ? "smtp.msp.example.com" : null, port = configured ? 587 : (int?)null,
        tlsMode = configured ? "starttls" : null, userName = (string?)null, passwordSet = false,
        fromAddress = configured ? "billing@msp.example.com" : null,
    };

    private IRenderedComponent<SmtpSettingsForm> RenderLoaded()
    {
        var form = Render<SmtpSettingsForm>();
        form.WaitForElement("[data-testid=smtp-form]");
        return form;
    }

    [Fact]
    public void A_sent_test_mail_says_where_it_went()
    {
        Gateway.On(HttpMethod.Get, SmtpPath, _ => Json(Saved()));
        Gateway.On(HttpMethod.Post, TestPath, _ => Json(new
        {
            sent = true, toAddress = "olivia@msp.example.com", server = "smtp.msp.example.com:587",
            detail = "A test mail went to olivia@msp.example.com through smtp.msp.example.com:587.",
        }));
        var form = RenderLoaded();

        form.Find("[data-testid=smtp-send-test]").Click();

        form.WaitForAssertion(() => form.Find("[data-testid=smtp-test-status]").TextContent
            .ShouldBe("A test mail went to olivia@msp.example.com through smtp.msp.example.com:587."));
        form.FindAll("[data-testid=smtp-test-error]").ShouldBeEmpty();
        var request = Gateway.RequestsTo(HttpMethod.Post, TestPath).ShouldHaveSingleItem();
        request.Body.ShouldBeNullOrEmpty("the saved settings are used, not the form's");
        form.Find("[data-testid=smtp-send-test]").TextContent.Trim().ShouldBe("Send test mail");
    }

    [Fact]
    public void A_refused_test_mail_shows_the_mail_servers_error()
    {
        Gateway.On(HttpMethod.Get, SmtpPath, _ => Json(Saved()));
        Gateway.On(HttpMethod.Post, TestPath, _ => Problem(HttpStatusCode.BadGateway, "The mail server did not take the test mail.",
            "The mail server smtp.msp.example.com:587 refused the user name and password: 535: 5.7.8 Authentication failed"));
        var form = RenderLoaded();

        form.Find("[data-testid=smtp-send-test]").Click();

        form.WaitForAssertion(() =>
        {
            var error = form.Find("[data-testid=smtp-test-error]");
            error.QuerySelector("strong")!.TextContent.ShouldBe("The mail server did not take the test mail.");
            error.TextContent.ShouldContain("refused the user name and password: 535: 5.7.8 Authentication failed");
        });
        form.FindAll("[data-testid=smtp-test-status]").ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_saved_mail_server_there_is_nothing_to_test()
    {
        Gateway.On(HttpMethod.Get, SmtpPath, _ => Json(Saved(configured: false)));

        var form = RenderLoaded();

        form.FindAll("[data-testid=smtp-send-test]").ShouldBeEmpty();
        form.Find("[data-testid=smtp-not-configured]");
    }
}
