using BillingOne.Web.Components;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Microsoft.AspNetCore.Components;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The organization's branding applied to the signed-in shell: header name, logo and accent colour.</summary>
[Trait("Category", "Unit")]
public sealed class BrandingLayoutTests : WebUiContext
{
    private const string BrandingPath = "/api/identity/organization/branding";

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(layout => layout.Body, (RenderFragment)(builder => builder.AddContent(0, "page"))));

    private void Answer(object branding) => Gateway.On(HttpMethod.Get, BrandingPath, _ => Json(branding));

    [Fact]
    public void The_header_shows_the_display_name_and_logo_and_the_accent_becomes_the_primary_colour()
    {
        Answer(BrandingTabTests.BrandingBody("Acme IT", "#0F766E", "https://cdn.acme.example/logo.svg"));

        var layout = RenderLayout();

        layout.WaitForAssertion(() => layout.Find("[data-testid=branding-header-name]").TextContent.ShouldBe("Acme IT"));
        var logo = layout.Find("[data-testid=branding-header-logo]");
        logo.GetAttribute("src").ShouldBe("https://cdn.acme.example/logo.svg");
        logo.GetAttribute("alt").ShouldBe("Acme IT logo");
        logo.ClassList.ShouldContain("topbar-logo", "the class that fixes its height");
        // The page's CSP takes no inline style: the colour is a class whose rule this origin's stylesheet holds.
        layout.Find("[data-testid=shell]").ClassList.ShouldContain("accent-0f766e");
        layout.Find("[data-testid=accent-stylesheet]").GetAttribute("href").ShouldBe("branding/accent.css?color=0f766e");
    }

    [Fact]
    public void Without_branding_the_header_shows_the_organizations_name_and_the_default_colour()
    {
        Answer(BrandingTabTests.BrandingBody());

        var layout = RenderLayout();

        layout.WaitForAssertion(() => layout.Find("[data-testid=branding-header-name]").TextContent.ShouldBe("Acme MSP"));
        layout.FindAll("[data-testid=branding-header-logo]").ShouldBeEmpty();
        ShouldHaveTheDefaultAccent(layout);
    }

    [Fact]
    public void Values_that_are_not_a_plain_colour_or_an_https_url_never_reach_the_page()
    {
        Answer(BrandingTabTests.BrandingBody("Acme IT", "#000000; background: url(https://evil.example/x)", "javascript:alert(1)"));

        var layout = RenderLayout();

        layout.WaitForAssertion(() => layout.Find("[data-testid=branding-header-name]").TextContent.ShouldBe("Acme IT"));
        ShouldHaveTheDefaultAccent(layout);
        layout.FindAll("[data-testid=branding-header-logo]").ShouldBeEmpty();
        layout.Markup.ShouldNotContain("evil.example");
    }

    [Fact]
    public void A_branding_that_cannot_be_loaded_leaves_the_defaults()
    {
        var layout = RenderLayout();

        layout.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, BrandingPath).ShouldHaveSingleItem());
        layout.FindAll("[data-testid=branding-header]").ShouldBeEmpty();
        ShouldHaveTheDefaultAccent(layout);
        layout.Find("[data-testid=page]").TextContent.ShouldContain("page");
    }

    [Fact]
    public void The_branding_is_fetched_once_while_pages_change_and_a_save_shows_at_once()
    {
        Answer(BrandingTabTests.BrandingBody());
        Gateway.On(HttpMethod.Patch, BrandingPath, _ => Json(BrandingTabTests.BrandingBody("Acme IT", "#0F766E")));
        Navigation.NavigateTo("settings/branding");
        var app = Render<Routes>();
        app.WaitForElement("[data-testid=branding-form]");
        app.WaitForAssertion(() => app.Find("[data-testid=branding-header-name]").TextContent.ShouldBe("Acme MSP"));

        app.Find("[data-testid=branding-display-name]").Input("Acme IT");
        app.Find("[data-testid=branding-accent-color]").Input("#0F766E");
        app.Find("[data-testid=branding-form]").Submit();

        app.WaitForAssertion(() => app.Find("[data-testid=branding-header-name]").TextContent.ShouldBe("Acme IT"));
        app.Find("[data-testid=shell]").ClassList.ShouldContain("accent-0f766e");
        Navigation.NavigateTo("settings");
        app.WaitForElement("[data-testid=organization]");
        app.Find("[data-testid=branding-header-name]").TextContent.ShouldBe("Acme IT");
        // The layout's own fetch; the tab reads the branding for its form.
        Gateway.RequestsTo(HttpMethod.Get, BrandingPath).Count.ShouldBe(2);
    }

    private static void ShouldHaveTheDefaultAccent<T>(IRenderedComponent<T> layout) where T : IComponent
    {
        layout.Find("[data-testid=shell]").ClassList.ShouldNotContain(name => name.StartsWith("accent-", StringComparison.Ordinal));
        layout.FindAll("[data-testid=accent-stylesheet]").ShouldBeEmpty();
    }
}
