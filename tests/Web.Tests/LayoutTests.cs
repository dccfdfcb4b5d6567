using System.Net;
using BillingOne.Web.Components;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The signed-in shell: who is signed in, signing out, and what happens when the session ends.</summary>
[Trait("Category", "Unit")]
public sealed class LayoutTests : WebUiContext
{
    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(layout => layout.Body, (RenderFragment)(builder => builder.AddContent(0, "page"))));

    [Fact]
    public void The_sidebar_shows_who_is_signed_in_and_offers_sign_out()
    {
        SignInAs(TestUser.Finance);

        var layout = RenderLayout();

        layout.Find("[data-testid=current-user-name]").TextContent.ShouldBe("Fiona Finance");
        layout.Find("[data-testid=current-user-role]").TextContent.ShouldBe("Finance");
        var form = layout.Find("[data-testid=sign-out-form]");
        form.GetAttribute("method").ShouldBe("post");
        form.GetAttribute("action").ShouldBe("auth/sign-out");
        form.QuerySelector("[data-testid=sign-out]")!.TextContent.ShouldBe("Sign out");
    }

    [Fact]
    public void An_ended_session_sends_the_user_to_sign_in_and_back_to_this_page()
    {
        Navigation.NavigateTo("api-keys?view=all");
        RenderLayout();

        Session.ReportExpired();

        var navigation = (BunitNavigationManager)Navigation;
        navigation.History.First().Uri.ShouldBe("/sign-in?returnUrl=%2Fapi-keys%3Fview%3Dall&reason=expired");
        navigation.History.First().Options.ForceLoad.ShouldBeTrue("the static sign-in page needs a full load");
    }

    [Fact]
    public void A_session_refused_before_the_layout_listened_still_ends()
    {
        Navigation.NavigateTo("audit-log");
        Session.ReportExpired();

        RenderLayout();

        ((BunitNavigationManager)Navigation).History.First().Uri.ShouldBe("/sign-in?returnUrl=%2Faudit-log&reason=expired");
    }

    [Fact]
    public void A_gateway_401_on_any_page_ends_the_session()
    {
        Gateway.OnGetClients(_ => Problem(HttpStatusCode.Unauthorized, "Session expired"));
        Navigation.NavigateTo("clients");

        var app = Render<Routes>();

        var navigation = (BunitNavigationManager)Navigation;
        app.WaitForAssertion(() => navigation.History.First().Uri.ShouldBe("/sign-in?returnUrl=%2Fclients&reason=expired"));
        // The page's list and the header's client scope, each with the session's token.
        Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients").ShouldHaveSingleItem();
        Gateway.Requests.ShouldAllBe(request => request.Authorization == "Bearer " + SessionToken);
    }

    [Fact]
    public void A_signed_out_user_is_sent_to_sign_in_by_the_router()
    {
        Authorization.SetNotAuthorized();
        Navigation.NavigateTo("settings/team");

        Render<Routes>();

        var navigation = (BunitNavigationManager)Navigation;
        navigation.History.First().Uri.ShouldBe("/sign-in?returnUrl=%2Fsettings%2Fteam");
        navigation.History.First().Options.ForceLoad.ShouldBeTrue();
        Gateway.Requests.ShouldBeEmpty("the page behind sign-in never loaded");
    }

    [Fact]
    public void On_a_phone_the_menu_button_opens_the_menu_and_a_chosen_page_closes_it()
    {
        var layout = RenderLayout();
        layout.Find(".shell").ClassList.ShouldNotContain("menu-open");
        layout.Find("[data-testid=page]").TextContent.ShouldContain("page");

        layout.Find("[data-testid=menu-button]").Click();
        layout.Find(".shell").ClassList.ShouldContain("menu-open");
        layout.Find("[data-testid=menu-button]").GetAttribute("aria-expanded").ShouldBe("true");

        Navigation.NavigateTo("clients");
        layout.WaitForAssertion(() => layout.Find(".shell").ClassList.ShouldNotContain("menu-open"));
    }
}
