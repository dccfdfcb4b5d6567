using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>Settings → Security's two-factor part and the organization's switch.</summary>
[Trait("Category", "Unit")]
public sealed class TwoFactorPanelTests : WebUiContext
{
    private const string TwoFactorPath = "/api/identity/me/two-factor";
    private const string OrganizationPath = "/api/identity/organization";
    private const string Uri = "otpauth://totp/BillingOne%3Arita%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=BillingOne&algorithm=SHA1&digits=6&period=30";

    public TwoFactorPanelTests()
    {
        Navigation.NavigateTo("settings/security");
    }

    private static object Status(bool enabled, bool pending = false, bool required = false) => new
    {
        enabled,
        enabledAt = enabled ? new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero) : (DateTimeOffset?)null,
        pending,
        requiredByOrganization = required,
    };

    private static object Organization(bool required) => new
    {
        id = Guid.NewGuid(), name = "Demo MSP", timeZone = "UTC", currency = "AUD", billingGraceDays = 5,
        requireTwoFactor = required,
    };

    [Fact]
    public void Setting_up_shows_the_qr_code_and_the_key_and_a_first_code_turns_it_on()
    {
        SignInAs(TestUser.Finance);
        Gateway.On(HttpMethod.Get, TwoFactorPath, _ => Json(Status(enabled: false)));
        Gateway.On(HttpMethod.Post, $"{TwoFactorPath}/enrollment", _ => Json(new { secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", otpAuthUri = Uri }));
        Gateway.On(HttpMethod.Post, $"{TwoFactorPath}/confirm", _ => Json(Status(enabled: true)));
        var page = Render<SecurityTab>();

        page.WaitForElement("[data-testid=two-factor-state]").TextContent.ShouldBe("Off.");
        page.Find("[data-testid=two-factor-enroll]").Click();

        page.WaitForElement("[data-testid=two-factor-qr]").GetAttribute("src").ShouldStartWith("data:image/png;base64,");
        page.Find("[data-testid=two-factor-secret]").TextContent.ShouldBe("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        page.Find("[data-testid=two-factor-uri]").TextContent.ShouldBe(Uri);
        page.Find("[data-testid=two-factor-code]").Change("123 456");
        page.Find("[data-testid=two-factor-confirm-form]").Submit();

        page.WaitForElement("[data-testid=two-factor-status]").TextContent.ShouldContain("Two-factor is on");
        page.FindAll("[data-testid=two-factor-secret]").ShouldBeEmpty("the key is gone once the app has it");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, $"{TwoFactorPath}/confirm").ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("code").GetString().ShouldBe("123 456");
        page.FindAll("[data-testid=two-factor-organization]").ShouldBeEmpty("finance does not see the organization's switch");
    }

    [Fact]
    public void A_wrong_code_shows_next_to_its_field()
    {
        SignInAs(TestUser.Finance);
        Gateway.On(HttpMethod.Get, TwoFactorPath, _ => Json(Status(enabled: false)));
        Gateway.On(HttpMethod.Post, $"{TwoFactorPath}/enrollment", _ => Json(new { secret = "GEZDGNBV", otpAuthUri = Uri }));
        Gateway.On(HttpMethod.Post, $"{TwoFactorPath}/confirm", _ => Problem(HttpStatusCode.BadRequest,
            "The two-factor code is not valid.", errors: new Dictionary<string, string[]> { ["code"] = ["The code is 6 digits."] }));
        var page = Render<SecurityTab>();
        page.WaitForElement("[data-testid=two-factor-enroll]").Click();
        page.WaitForElement("[data-testid=two-factor-code]").Change("12");
        page.Find("[data-testid=two-factor-confirm-form]").Submit();

        page.WaitForElement("[data-testid=two-factor-code-errors]").TextContent.Trim().ShouldBe("The code is 6 digits.");
        page.Find("[data-testid=two-factor-code]").GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Fact]
    public void Turning_it_off_with_the_password_sends_the_password_alone()
    {
        SignInAs(TestUser.Finance);
        Gateway.On(HttpMethod.Get, TwoFactorPath, _ => Json(Status(enabled: true)));
        Gateway.On(HttpMethod.Post, $"{TwoFactorPath}/disable", _ => Json(Status(enabled: false)));
        var page = Render<SecurityTab>();

        page.WaitForElement("[data-testid=two-factor-disable-password]").Change("my password");
        page.Find("[data-testid=two-factor-disable-form]").Submit();

        page.WaitForElement("[data-testid=two-factor-status]").TextContent.ShouldBe("Two-factor is off.");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, $"{TwoFactorPath}/disable").ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("password").GetString().ShouldBe("my password");
        body.RootElement.GetProperty("code").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void A_user_the_organization_requires_it_of_is_told_so()
    {
        SignInAs(TestUser.ReadOnly);
        Gateway.On(HttpMethod.Get, TwoFactorPath, _ => Json(Status(enabled: false, required: true)));

        var page = Render<SecurityTab>();

        page.WaitForElement("[data-testid=two-factor-required]").TextContent.ShouldContain("requires two-factor");
    }

    [Fact]
    public void An_owner_requires_two_factor_of_everyone()
    {
        SignInAs(TestUser.Owner);
        Gateway.On(HttpMethod.Get, TwoFactorPath, _ => Json(Status(enabled: true)));
        Gateway.On(HttpMethod.Get, OrganizationPath, _ => Json(Organization(required: false)));
        Gateway.On(HttpMethod.Patch, OrganizationPath, _ => Json(Organization(required: true)));
        var page = Render<SecurityTab>();

        page.WaitForElement("[data-testid=two-factor-require]").Change(true);

        page.WaitForElement("[data-testid=two-factor-require-status]").TextContent.ShouldBe("Everyone must now sign in with two-factor.");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Patch, OrganizationPath).ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("requireTwoFactor").GetBoolean().ShouldBeTrue();
        page.Find("[data-testid=two-factor-require]").HasAttribute("checked").ShouldBeTrue();
    }
}
