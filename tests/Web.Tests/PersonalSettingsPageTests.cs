using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ProfileTabTests : WebUiContext
{
    private const string MePath = "/api/identity/me";

    public ProfileTabTests()
    {
        SignInAs(TestUser.ReadOnly);
        Navigation.NavigateTo("settings/profile");
        Gateway.On(HttpMethod.Get, MePath, _ => Json(Profile("Rita Reader")));
    }

    private static object Profile(string name, DateTimeOffset? lastSignInAt = null) => new
    {
        id = TestUser.ReadOnly.Id,
        name,
        email = "rita@example.com",
        role = "read-only",
        clientScope = new { clientId = (Guid?)null, clientName = (string?)null },
        organizationName = "Demo MSP",
        createdAt = new DateTimeOffset(2025, 1, 6, 8, 0, 0, TimeSpan.Zero),
        lastSignInAt,
    };

    private IRenderedComponent<ProfileTab> RenderLoaded()
    {
        var page = Render<ProfileTab>();
        page.WaitForElement("[data-testid=profile-form]");
        return page;
    }

    [Fact]
    public void Shows_the_signed_in_users_profile_with_the_email_read_only()
    {
        var page = RenderLoaded();

        page.Find("[data-testid=profile-name]").GetAttribute("value").ShouldBe("Rita Reader");
        var email = page.Find("[data-testid=profile-email]");
        email.GetAttribute("value").ShouldBe("rita@example.com");
        email.HasAttribute("readonly").ShouldBeTrue();
        page.Find("[data-testid=profile]").TextContent.ShouldContain("an owner or admin changes it on the Team tab");
        page.Find("[data-testid=profile-role]").TextContent.ShouldBe("Read-only");
        page.Find("[data-testid=profile-organization]").TextContent.ShouldBe("Demo MSP");
        page.Find("[data-testid=profile-client-scope]").TextContent.ShouldBe("Whole organization");
        page.Find("[data-testid=profile-last-sign-in]").TextContent.Trim().ShouldBe("Never");
    }

    [Fact]
    public void A_read_only_user_saves_their_new_name()
    {
        Gateway.On(HttpMethod.Patch, MePath, _ => Json(Profile("Rita R.")));
        var page = RenderLoaded();

        page.Find("[data-testid=profile-name]").Change("Rita R.");
        page.Find("[data-testid=profile-form]").Submit();

        page.WaitForElement("[data-testid=profile-status]").TextContent.ShouldStartWith("Saved.");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Patch, MePath).ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("name").GetString().ShouldBe("Rita R.");
        page.Find("[data-testid=profile-name]").GetAttribute("value").ShouldBe("Rita R.");
    }

    [Fact]
    public void A_refused_name_shows_the_message_next_to_the_field()
    {
        Gateway.On(HttpMethod.Patch, MePath, _ => Problem(HttpStatusCode.BadRequest, "The profile is not valid.",
            errors: new Dictionary<string, string[]> { ["name"] = ["Name is required."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=profile-name]").Change(" ");
        page.Find("[data-testid=profile-form]").Submit();

        page.WaitForElement("[data-testid=profile-name-errors]").TextContent.Trim().ShouldBe("Name is required.");
        page.Find("[data-testid=profile-name]").GetAttribute("aria-invalid").ShouldBe("true");
        page.FindAll("[data-testid=profile-status]").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_the_problem_when_the_profile_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, MePath, _ => Problem(HttpStatusCode.Forbidden, "Only a signed-in user has a profile."));

        var page = Render<ProfileTab>();

        page.WaitForElement("[data-testid=profile-error]").TextContent
            .ShouldContain("Could not load your profile: Only a signed-in user has a profile.");
    }

    [Fact]
    public void The_profile_tab_is_highlighted_among_the_settings_tabs()
    {
        var page = RenderLoaded();

        page.FindAll("[data-testid=settings-tabs] a").Select(tab => tab.TextContent).TakeLast(5)
            .ShouldBe(["Profile", "Security", "Sessions", "Email notifications", "In-app notifications"]);
        page.Find("[data-testid=settings-tabs] a.active").TextContent.ShouldBe("Profile");
    }
}

[Trait("Category", "Unit")]
public sealed class SecurityTabTests : WebUiContext
{
    private const string PasswordPath = "/api/identity/me/password";

    public SecurityTabTests()
    {
        SignInAs(TestUser.Finance);
        Navigation.NavigateTo("settings/security");
    }

    private IRenderedComponent<SecurityTab> FillIn(string current, string newPassword, string confirmation)
    {
        var page = Render<SecurityTab>();
        page.Find("[data-testid=password-current]").Change(current);
        page.Find("[data-testid=password-new]").Change(newPassword);
        page.Find("[data-testid=password-confirm]").Change(confirmation);
        page.Find("[data-testid=password-form]").Submit();
        return page;
    }

    [Fact]
    public void Changing_the_password_sends_both_and_says_how_many_other_sessions_ended()
    {
        Gateway.On(HttpMethod.Post, PasswordPath, _ => Json(new { endedSessions = 2 }));

        var page = FillIn("old passphrase here", "a brand new passphrase", "a brand new passphrase");

        page.WaitForElement("[data-testid=password-status]").TextContent
            .ShouldBe("Password changed. 2 other session(s) were signed out.");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, PasswordPath).ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("currentPassword").GetString().ShouldBe("old passphrase here");
        body.RootElement.GetProperty("newPassword").GetString().ShouldBe("a brand new passphrase");
        page.Find("[data-testid=password-current]").GetAttribute("value").ShouldBeNullOrEmpty("the form is cleared");
    }

    [Fact]
    public void A_confirmation_that_differs_is_refused_before_anything_is_sent()
    {
        var page = FillIn("old passphrase here", "a brand new passphrase", "a brand new passfrase");

        page.WaitForElement("[data-testid=password-confirm-errors]").TextContent.Trim()
            .ShouldBe("The new password and its confirmation differ.");
        Gateway.RequestsTo(HttpMethod.Post, PasswordPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_wrong_current_password_shows_next_to_its_field()
    {
        Gateway.On(HttpMethod.Post, PasswordPath, _ => Problem(HttpStatusCode.BadRequest, "The password change is not valid.",
            errors: new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is not right."] }));

        var page = FillIn("not it at all", "a brand new passphrase", "a brand new passphrase");

        page.WaitForElement("[data-testid=password-current-errors]").TextContent.Trim()
            .ShouldBe("The current password is not right.");
        page.Find("[data-testid=password-current]").GetAttribute("aria-invalid").ShouldBe("true");
        page.FindAll("[data-testid=password-status]").ShouldBeEmpty();
    }
}

[Trait("Category", "Unit")]
public sealed class SessionsTabTests : WebUiContext
{
    private const string SessionsPath = "/api/identity/me/sessions";
    private static readonly Guid CurrentId = Guid.Parse("5e000000-0000-4000-8000-000000000001");
    private static readonly Guid LaptopId = Guid.Parse("5e000000-0000-4000-8000-000000000002");

    public SessionsTabTests()
    {
        SignInAs(TestUser.ReadOnly);
        Navigation.NavigateTo("settings/sessions");
    }

    private const string ChromeOnWindows =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static object MySession(Guid id, bool current, string? ipAddress = "203.0.113.7",
        string? userAgent = ChromeOnWindows) => new
        {
            id,
            createdAt = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
            lastSeenAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero),
            expiresAt = new DateTimeOffset(2025, 3, 14, 21, 0, 0, TimeSpan.Zero),
            ipAddress,
            current,
            userAgent,
        };

    private void ListSessions(params object[] sessions) => Gateway.On(HttpMethod.Get, SessionsPath, _ => Json(sessions));

    private IRenderedComponent<SessionsTab> RenderLoaded()
    {
        var page = Render<SessionsTab>();
        page.WaitForElement("[data-testid=sessions-table]");
        return page;
    }

    [Fact]
    public void Lists_the_sessions_with_the_current_one_marked_and_no_way_to_end_it_here()
    {
        ListSessions(MySession(CurrentId, current: true), MySession(LaptopId, current: false, ipAddress: null));

        var page = RenderLoaded();

        var rows = page.FindAll("[data-testid=session-row]");
        rows.Select(row => row.GetAttribute("data-session-id")).ShouldBe([CurrentId.ToString(), LaptopId.ToString()]);
        rows[0].QuerySelector("[data-testid=session-current]")!.TextContent.ShouldBe("This session");
        rows[0].QuerySelector("[data-testid=session-end]").ShouldBeNull();
        rows[0].QuerySelector("[data-testid=session-address]")!.TextContent.ShouldBe("203.0.113.7");
        rows[1].QuerySelector("[data-testid=session-address]")!.TextContent.ShouldBe("Unknown");
        page.FindAll("[data-testid=sessions-empty]").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_each_sessions_browser_readably_with_the_full_user_agent_as_tooltip()
    {
        ListSessions(MySession(CurrentId, current: true), MySession(LaptopId, current: false, userAgent: null));

        var page = RenderLoaded();

        var browsers = page.FindAll("[data-testid=session-browser]");
        browsers[0].TextContent.ShouldBe("Chrome on Windows");
        browsers[0].GetAttribute("title").ShouldBe(ChromeOnWindows);
        browsers[1].TextContent.ShouldBe("Unknown browser");
        browsers[1].HasAttribute("title").ShouldBeFalse();
    }

    [Fact]
    public void With_only_this_session_it_says_no_other_sessions()
    {
        ListSessions(MySession(CurrentId, current: true));

        var page = RenderLoaded();

        page.Find("[data-testid=sessions-empty]").TextContent.ShouldBe("No other sessions");
        page.FindAll("[data-testid=sessions-end-others]").ShouldBeEmpty();
    }

    [Fact]
    public void Signing_out_another_session_ends_it_and_reloads_the_list()
    {
        ListSessions(MySession(CurrentId, current: true), MySession(LaptopId, current: false));
        Gateway.On(HttpMethod.Delete, $"{SessionsPath}/{LaptopId}", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderLoaded();

        ListSessions(MySession(CurrentId, current: true));
        page.Find("[data-testid=session-end]").Click();

        page.WaitForElement("[data-testid=sessions-status]").TextContent.ShouldBe("Session signed out.");
        Gateway.RequestsTo(HttpMethod.Delete, $"{SessionsPath}/{LaptopId}").ShouldHaveSingleItem();
        page.WaitForElement("[data-testid=sessions-empty]");
    }

    [Fact]
    public void Signing_out_all_others_asks_first_then_ends_them()
    {
        ListSessions(MySession(CurrentId, current: true), MySession(LaptopId, current: false));
        Gateway.On(HttpMethod.Post, $"{SessionsPath}/end-others", _ => Json(new { endedSessions = 1 }));
        var page = RenderLoaded();

        page.Find("[data-testid=sessions-end-others]").Click();
        Gateway.RequestsTo(HttpMethod.Post, $"{SessionsPath}/end-others").ShouldBeEmpty("nothing happens before the confirmation");
        ListSessions(MySession(CurrentId, current: true));
        page.Find("[data-testid=sessions-end-others-confirm-yes]").Click();

        page.WaitForElement("[data-testid=sessions-status]").TextContent.ShouldBe("1 other session(s) signed out.");
        page.WaitForElement("[data-testid=sessions-empty]");
    }

    [Fact]
    public void A_session_that_cannot_be_ended_shows_the_problem()
    {
        ListSessions(MySession(CurrentId, current: true), MySession(LaptopId, current: false));
        Gateway.On(HttpMethod.Delete, $"{SessionsPath}/{LaptopId}", _ => Problem(HttpStatusCode.NotFound, "Session not found."));
        var page = RenderLoaded();

        page.Find("[data-testid=session-end]").Click();

        page.WaitForElement("[data-testid=sessions-end-error]").TextContent.ShouldContain("Session not found.");
        page.FindAll("[data-testid=sessions-status]").ShouldBeEmpty();
    }
}
