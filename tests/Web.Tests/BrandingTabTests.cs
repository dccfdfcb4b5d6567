using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>Settings → Branding: the form, its live preview, the service's messages by field, and who may change it.</summary>
[Trait("Category", "Unit")]
public sealed class BrandingTabTests : WebUiContext
{
    private const string BrandingPath = "/api/identity/organization/branding";

    public BrandingTabTests() => Navigation.NavigateTo("settings/branding");

    public static object BrandingBody(string? displayName = null, string? accentColor = null, string? logoUrl = null,
        string? supportEmail = null, string organizationName = "Acme MSP") =>
        new { organizationName, displayName, accentColor, logoUrl, supportEmail };

    private IRenderedComponent<BrandingTab> RenderLoaded(LayoutBranding? layout = null)
    {
        var page = Render<BrandingTab>(parameters => parameters.AddCascadingValue(layout ?? new LayoutBranding()));
        page.WaitForElement("[data-testid=branding-form]");
        return page;
    }

    [Fact]
    public void Shows_the_defaults_with_the_organizations_name_in_the_preview()
    {
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(BrandingBody()));

        var page = RenderLoaded();

        page.Find("[data-testid=branding-display-name]").GetAttribute("value").ShouldBeNullOrEmpty();
        page.Find("[data-testid=branding-display-name]").GetAttribute("placeholder").ShouldBe("Acme MSP");
        page.Find("[data-testid=branding-preview-name]").TextContent.ShouldBe("Acme MSP");
        page.Find("[data-testid=branding-preview]").ClassList.ShouldNotContain(name => name.StartsWith("accent-", StringComparison.Ordinal));
        page.FindAll("[data-testid=accent-stylesheet]").ShouldBeEmpty("the default accent");
        page.FindAll("[data-testid=branding-preview-logo]").ShouldBeEmpty();
        page.FindAll("[data-testid=branding-read-only]").ShouldBeEmpty();
    }

    [Fact]
    public void The_preview_follows_what_is_typed_and_ignores_what_the_header_would_refuse()
    {
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(BrandingBody()));
        var page = RenderLoaded();

        page.Find("[data-testid=branding-display-name]").Input("Acme IT");
        page.Find("[data-testid=branding-accent-color]").Input("#0F766E");
        page.Find("[data-testid=branding-logo-url]").Input("https://cdn.acme.example/logo.svg");

        page.Find("[data-testid=branding-preview-name]").TextContent.ShouldBe("Acme IT");
        page.Find("[data-testid=branding-preview]").ClassList.ShouldContain("accent-0f766e");
        page.Find("[data-testid=accent-stylesheet]").GetAttribute("href").ShouldBe("branding/accent.css?color=0f766e");
        var logo = page.Find("[data-testid=branding-preview-logo]");
        logo.GetAttribute("src").ShouldBe("https://cdn.acme.example/logo.svg");
        logo.GetAttribute("alt").ShouldBe("Acme IT logo");

        page.Find("[data-testid=branding-accent-color]").Input("red;background:url(x)");
        page.Find("[data-testid=branding-logo-url]").Input("javascript:alert(1)");

        page.Find("[data-testid=branding-preview]").ClassList.ShouldNotContain(name => name.StartsWith("accent-", StringComparison.Ordinal));
        page.FindAll("[data-testid=accent-stylesheet]").ShouldBeEmpty();
        page.FindAll("[data-testid=branding-preview-logo]").ShouldBeEmpty();
    }

    [Fact]
    public void Saving_sends_every_member_with_blanks_as_null_and_tells_the_layout()
    {
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(BrandingBody(supportEmail: "old@acme.example")));
        Gateway.On(HttpMethod.Patch, BrandingPath, _ => Json(BrandingBody(displayName: "Acme IT", accentColor: "#0F766E")));
        var layout = new LayoutBranding();
        var page = RenderLoaded(layout);

        page.Find("[data-testid=branding-display-name]").Input(" Acme IT ");
        page.Find("[data-testid=branding-accent-color]").Input("#0f766e");
        page.Find("[data-testid=branding-support-email]").Change(" ");
        page.Find("[data-testid=branding-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=branding-status]").TextContent.ShouldBe("Saved."));
        var sent = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Patch, BrandingPath).ShouldHaveSingleItem().Body!).RootElement;
        sent.GetProperty("displayName").GetString().ShouldBe("Acme IT");
        sent.GetProperty("accentColor").GetString().ShouldBe("#0f766e");
        sent.GetProperty("logoUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        sent.GetProperty("supportEmail").ValueKind.ShouldBe(JsonValueKind.Null, "a blank field clears the member");
        layout.Current!.HeaderName.ShouldBe("Acme IT");
        layout.Current.AccentColor.ShouldBe("#0F766E");
        page.Find("[data-testid=branding-accent-color]").GetAttribute("value").ShouldBe("#0F766E", "the form shows what was saved");
    }

    [Fact]
    public void Reset_to_defaults_clears_the_form_and_saves_nothing_until_save()
    {
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(BrandingBody("Acme IT", "#0F766E", "https://acme.example/logo.png", "help@acme.example")));
        var page = RenderLoaded();

        page.Find("[data-testid=branding-reset]").Click();

        foreach (var field in new[] { "display-name", "accent-color", "logo-url", "support-email" })
        {
            page.Find($"[data-testid=branding-{field}]").GetAttribute("value").ShouldBeNullOrEmpty(field);
        }
        page.Find("[data-testid=branding-preview-name]").TextContent.ShouldBe("Acme MSP");
        page.Find("[data-testid=branding-status]").TextContent.ShouldContain("save to apply");
        Gateway.RequestsTo(HttpMethod.Patch, BrandingPath).ShouldBeEmpty();
    }

    [Fact]
    public void The_services_messages_show_next_to_their_fields()
    {
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(BrandingBody()));
        Gateway.On(HttpMethod.Patch, BrandingPath, _ => Problem(HttpStatusCode.BadRequest, "The branding is not valid.", errors: new Dictionary<string, string[]>
        {
            ["accentColor"] = ["accentColor must be a hex colour '#RRGGBB' such as '#2563EB'; send null for the default."],
            ["logoUrl"] = ["logoUrl must be an absolute https URL such as 'https://example.com/logo.png'; send null for no logo."],
        }));
        var page = RenderLoaded();
        page.Find("[data-testid=branding-accent-color]").Input("#12345");
        page.Find("[data-testid=branding-logo-url]").Input("http://acme.example/logo.png");

        page.Find("[data-testid=branding-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=branding-accent-color-errors]").TextContent.ShouldContain("#RRGGBB"));
        page.Find("[data-testid=branding-logo-url-errors]").TextContent.ShouldContain("absolute https URL");
        page.Find("[data-testid=branding-accent-color]").GetAttribute("aria-invalid").ShouldBe("true");
        page.FindAll("[data-testid=branding-display-name-errors]").ShouldBeEmpty();
        page.FindAll("[data-testid=branding-status]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("read-only")]
    public void Roles_that_may_not_change_it_see_it_read_only(string role)
    {
        SignInAs(role == "finance" ? TestUser.Finance : TestUser.ReadOnly);
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(BrandingBody("Acme IT", "#0F766E")));

        var page = RenderLoaded();

        page.Find("[data-testid=branding-read-only]").TextContent.ShouldContain("Only owners and admins");
        page.Find("[data-testid=branding-form] fieldset").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-testid=branding-display-name]").GetAttribute("value").ShouldBe("Acme IT");
        page.FindAll("[data-testid=branding-save]").ShouldBeEmpty();
        page.FindAll("[data-testid=branding-reset]").ShouldBeEmpty();
    }

    [Fact]
    public void A_branding_that_cannot_be_loaded_says_why()
    {
        Gateway.On(HttpMethod.Get, BrandingPath, _ => Problem(HttpStatusCode.NotFound, "Organization not found."));

        var page = Render<BrandingTab>(parameters => parameters.AddCascadingValue(new LayoutBranding()));

        page.WaitForAssertion(() => page.Find("[data-testid=branding-error]").TextContent.ShouldContain("Organization not found."));
        page.FindAll("[data-testid=branding-form]").ShouldBeEmpty();
    }
}
