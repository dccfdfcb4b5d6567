using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class TeamTabTests : WebUiContext
{
    private const string UsersPath = "/api/identity/users";
    private static readonly Guid AnnId = Guid.Parse("5a000000-0000-4000-8000-0000000000a1");
    private static readonly Guid OtherOwnerId = Guid.Parse("5a000000-0000-4000-8000-0000000000a2");

    public TeamTabTests() => Navigation.NavigateTo("settings/team");

    private IRenderedComponent<TeamTab> RenderLoaded()
    {
        var page = Render<TeamTab>();
        page.WaitForElement("[data-testid=team-table]");
        return page;
    }

    private void ListUsers(params object[] users) => Gateway.On(HttpMethod.Get, UsersPath, _ => Json(users));

    private static object Me(TestUser user) => User(user.Name, "me@example.com", role: user.Role, id: user.Id);

    [Fact]
    public void Lists_each_user_with_role_access_and_last_sign_in()
    {
        ListUsers(
            User("Zoe Finance", "zoe@example.com", role: "finance", lastSignInAt: new DateTimeOffset(2025, 3, 13, 22, 15, 0, TimeSpan.Zero)),
            User("Ann Reader", "ann@example.com", role: "read-only", enabled: false, id: AnnId),
            Me(TestUser.Owner));

        var page = RenderLoaded();

        page.FindAll("[data-testid=team-table] thead th").Select(header => header.TextContent.Trim())
            .ShouldBe(["Name", "Email", "Role", "Enabled", "Last sign-in", "Actions"]);
        var rows = page.FindAll("[data-testid=team-row]");
        rows.Select(row => row.QuerySelector("[data-testid=team-email]")!.TextContent)
            .ShouldBe(["ann@example.com", "me@example.com", "zoe@example.com"], "sorted by name");
        rows[0].GetAttribute("data-user-id").ShouldBe(AnnId.ToString());
        rows[0].QuerySelector("[data-testid=team-enabled]")!.TextContent.Trim().ShouldBe("Disabled");
        rows[0].QuerySelector("[data-testid=team-last-sign-in]")!.TextContent.ShouldBe("Never");
        rows[1].QuerySelector("[data-testid=team-name]")!.TextContent.ShouldContain("You");
        rows[2].QuerySelector("[data-testid=team-last-sign-in]")!.TextContent.ShouldBe("2025-03-13 22:15 UTC");
        rows[2].QuerySelector("[data-testid=team-role-select]")!.GetAttribute("value").ShouldBe("finance");
        Gateway.Requests.ShouldAllBe(request => request.Authorization == "Bearer " + SessionToken);
    }

    [Fact]
    public void Nobody_can_change_their_own_role_or_access_here()
    {
        ListUsers(Me(TestUser.Owner));

        var page = RenderLoaded();

        var row = page.Find("[data-testid=team-row]");
        row.QuerySelector("[data-testid=team-role-select]").ShouldBeNull();
        row.QuerySelector("[data-testid=team-role]")!.TextContent.Trim().ShouldBe("Owner");
        row.QuerySelectorAll("button").ShouldBeEmpty();
    }

    [Fact]
    public void Adding_a_user_sends_the_form_and_lists_them()
    {
        ListUsers(Me(TestUser.Owner));
        Gateway.On(HttpMethod.Post, UsersPath, _ => Json(User("Jane Doe", "jane@example.com", role: "finance"), HttpStatusCode.Created));
        var page = RenderLoaded();

        page.Find("[data-testid=user-create-email]").Change(" jane@example.com ");
        page.Find("[data-testid=user-create-name]").Change("Jane Doe");
        page.Find("[data-testid=user-create-role]").Change("finance");
        page.Find("[data-testid=user-create-password]").Change("Initial-pass-2025");
        ListUsers(Me(TestUser.Owner), User("Jane Doe", "jane@example.com", role: "finance"));
        page.Find("[data-testid=user-create-form]").Submit();

        page.WaitForAssertion(() => page.FindAll("[data-testid=team-row]").Count.ShouldBe(2));
        page.Find("[data-testid=user-create-status]").TextContent.ShouldStartWith("Added Jane Doe (jane@example.com) as Finance.");
        Gateway.RequestsTo(HttpMethod.Post, UsersPath).ShouldHaveSingleItem().Body
            .ShouldBe("""{"email":"jane@example.com","name":"Jane Doe","role":"finance","password":"Initial-pass-2025"}""");
        page.Find("[data-testid=user-create-password]").GetAttribute("value").ShouldBe("", "the form is cleared");
    }

    [Fact]
    public void Missing_fields_are_named_before_anything_is_sent()
    {
        ListUsers(Me(TestUser.Owner));
        var page = RenderLoaded();

        page.Find("[data-testid=user-create-form]").Submit();

        page.Find("[data-testid=user-create-email-errors]").TextContent.Trim().ShouldBe("Enter the user's email address.");
        page.Find("[data-testid=user-create-name-errors]").TextContent.Trim().ShouldBe("Enter the user's name.");
        page.Find("[data-testid=user-create-password-errors]").TextContent.Trim().ShouldBe("Enter an initial password.");
        Gateway.RequestsTo(HttpMethod.Post, UsersPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_user_shows_the_server_messages_by_field()
    {
        ListUsers(Me(TestUser.Owner));
        Gateway.On(HttpMethod.Post, UsersPath, _ => Problem(HttpStatusCode.Conflict, "Email already used",
            errors: new Dictionary<string, string[]> { ["email"] = ["A user with this email exists."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=user-create-email]").Change("jane@example.com");
        page.Find("[data-testid=user-create-name]").Change("Jane");
        page.Find("[data-testid=user-create-password]").Change("pw");
        page.Find("[data-testid=user-create-form]").Submit();

        page.WaitForElement("[data-testid=user-create-email-errors]").TextContent.Trim().ShouldBe("A user with this email exists.");
        page.Find("[data-testid=user-create-error]").TextContent.ShouldContain("Email already used");
    }

    [Fact]
    public void Only_an_owner_can_make_owners()
    {
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", role: "read-only", id: AnnId));
        var ownerView = RenderLoaded();
        ownerView.FindAll("[data-testid=user-create-role] option").Select(option => option.GetAttribute("value"))
            .ShouldBe(["owner", "admin", "finance", "read-only"]);

        SignInAs(TestUser.Admin);
        ListUsers(Me(TestUser.Admin), User("Ann Reader", "ann@example.com", role: "read-only", id: AnnId));
        var adminView = RenderLoaded();

        adminView.FindAll("[data-testid=user-create-role] option").Select(option => option.GetAttribute("value"))
            .ShouldBe(["admin", "finance", "read-only"]);
        adminView.Find($"[data-user-id='{AnnId}'] [data-testid=team-role-select]").QuerySelectorAll("option")
            .Select(option => option.GetAttribute("value")).ShouldNotContain("owner");
    }

    [Fact]
    public void An_admin_cannot_touch_an_owner()
    {
        SignInAs(TestUser.Admin);
        ListUsers(Me(TestUser.Admin), User("Other Owner", "o@example.com", role: "owner", id: OtherOwnerId));

        var page = RenderLoaded();

        var owner = page.Find($"[data-user-id='{OtherOwnerId}']");
        owner.QuerySelector("[data-testid=team-role-select]").ShouldBeNull();
        owner.QuerySelectorAll("button").ShouldBeEmpty();
    }

    [Fact]
    public void Changing_a_role_patches_only_the_role()
    {
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", role: "read-only", id: AnnId));
        Gateway.On(HttpMethod.Patch, $"{UsersPath}/{AnnId}", _ => Json(User("Ann Reader", "ann@example.com", role: "finance", id: AnnId)));
        var page = RenderLoaded();

        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", role: "finance", id: AnnId));
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-role-select]").Change("finance");

        page.WaitForElement("[data-testid=team-action-status]").TextContent.ShouldBe("Ann Reader is now Finance.");
        Gateway.RequestsTo(HttpMethod.Patch, $"{UsersPath}/{AnnId}").ShouldHaveSingleItem().Body.ShouldBe("""{"role":"finance"}""");
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-role-select]").GetAttribute("value").ShouldBe("finance");
    }

    [Fact]
    public void A_refused_role_change_keeps_the_old_role()
    {
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", role: "read-only", id: AnnId));
        Gateway.On(HttpMethod.Patch, $"{UsersPath}/{AnnId}", _ => Problem(HttpStatusCode.Forbidden, "Forbidden", "Only an owner may grant the owner role."));
        var page = RenderLoaded();

        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-role-select]").Change("admin");

        page.WaitForElement("[data-testid=team-action-error]").TextContent.ShouldContain("Only an owner may grant the owner role.");
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-role-select]").GetAttribute("value").ShouldBe("read-only");
    }

    [Fact]
    public void Disabling_a_user_is_confirmed_first()
    {
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", id: AnnId));
        Gateway.On(HttpMethod.Post, $"{UsersPath}/{AnnId}/disable", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderLoaded();

        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-disable]").Click();
        page.Find("[data-testid=team-confirm]").TextContent.ShouldContain("Disable Ann Reader? They can no longer sign in.");
        Gateway.RequestsTo(HttpMethod.Post, $"{UsersPath}/{AnnId}/disable").ShouldBeEmpty();
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", id: AnnId, enabled: false));
        page.Find("[data-testid=team-confirm-yes]").Click();

        page.WaitForAssertion(() => page.Find($"[data-user-id='{AnnId}'] [data-testid=team-enabled]").TextContent.Trim().ShouldBe("Disabled"));
        Gateway.RequestsTo(HttpMethod.Post, $"{UsersPath}/{AnnId}/disable").ShouldHaveSingleItem();
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-enable]").ShouldNotBeNull();
    }

    [Fact]
    public void Resetting_two_factor_is_offered_only_for_members_with_it_on_and_confirmed_naming_the_member()
    {
        var bobId = Guid.Parse("5a000000-0000-4000-8000-0000000000b0");
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", id: AnnId, twoFactorEnabled: true),
            User("Bob Plain", "bob@example.com", id: bobId));
        Gateway.On(HttpMethod.Post, $"{UsersPath}/{AnnId}/two-factor/reset",
            _ => Json(User("Ann Reader", "ann@example.com", id: AnnId)));
        var page = RenderLoaded();

        page.FindAll($"[data-user-id='{bobId}'] [data-testid=team-reset-two-factor]").ShouldBeEmpty();
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-reset-two-factor]").Click();
        page.Find("[data-testid=team-reset-two-factor-confirm]").TextContent
            .ShouldContain("Reset two-factor for Ann Reader? Their authenticator is removed and they are signed out everywhere.");
        Gateway.RequestsTo(HttpMethod.Post, $"{UsersPath}/{AnnId}/two-factor/reset").ShouldBeEmpty();
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", id: AnnId),
            User("Bob Plain", "bob@example.com", id: bobId));
        page.Find("[data-testid=team-reset-two-factor-confirm-yes]").Click();

        page.WaitForElement("[data-testid=team-action-status]").TextContent.ShouldStartWith("Ann Reader's two-factor was reset");
        Gateway.RequestsTo(HttpMethod.Post, $"{UsersPath}/{AnnId}/two-factor/reset").ShouldHaveSingleItem();
        page.FindAll("[data-testid=team-reset-two-factor]").ShouldBeEmpty();
    }

    [Fact]
    public void Resetting_two_factor_can_be_cancelled_and_is_not_offered_for_yourself()
    {
        ListUsers(User(TestUser.Owner.Name, "me@example.com", role: TestUser.Owner.Role, id: TestUser.Owner.Id,
                twoFactorEnabled: true),
            User("Ann Reader", "ann@example.com", id: AnnId, twoFactorEnabled: true));
        var page = RenderLoaded();

        page.FindAll($"[data-user-id='{TestUser.Owner.Id}'] [data-testid=team-reset-two-factor]").ShouldBeEmpty();
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-reset-two-factor]").Click();
        page.Find("[data-testid=team-reset-two-factor-confirm-cancel]").Click();

        page.FindAll("[data-testid=team-reset-two-factor-confirm]").ShouldBeEmpty();
        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-reset-two-factor]").ShouldNotBeNull();
        Gateway.RequestsTo(HttpMethod.Post, $"{UsersPath}/{AnnId}/two-factor/reset").ShouldBeEmpty();
    }

    [Fact]
    public void Enabling_a_user_needs_no_confirmation()
    {
        ListUsers(Me(TestUser.Owner), User("Ann Reader", "ann@example.com", id: AnnId, enabled: false));
        Gateway.On(HttpMethod.Post, $"{UsersPath}/{AnnId}/enable", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderLoaded();

        page.Find($"[data-user-id='{AnnId}'] [data-testid=team-enable]").Click();

        page.WaitForElement("[data-testid=team-action-status]").TextContent.ShouldBe("Ann Reader can sign in again.");
        Gateway.RequestsTo(HttpMethod.Post, $"{UsersPath}/{AnnId}/enable").ShouldHaveSingleItem();
    }

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public void Finance_and_read_only_users_see_the_team_but_cannot_change_it(TestUser user)
    {
        SignInAs(user);
        ListUsers(Me(user), User("Ann Reader", "ann@example.com", id: AnnId));

        var page = RenderLoaded();

        page.FindAll("[data-testid=user-create-form]").ShouldBeEmpty();
        page.Find("[data-testid=team-read-only]").TextContent.ShouldContain("Only owners and admins");
        page.FindAll("[data-testid=team-role-select]").ShouldBeEmpty();
        page.Find("[data-testid=team-table]").QuerySelectorAll("button").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_the_problem_when_the_team_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, UsersPath, _ => Problem(HttpStatusCode.Forbidden, "Forbidden"));

        var page = Render<TeamTab>();

        page.WaitForElement("[data-testid=team-error]").TextContent.ShouldContain("Could not load the team: Forbidden");
    }

    [Fact]
    public void The_team_tab_is_highlighted_in_the_settings_tabs()
    {
        ListUsers(Me(TestUser.Owner));

        var page = RenderLoaded();

        page.FindAll("[data-testid=settings-tabs] a").Select(tab => tab.TextContent)
            .ShouldBe(["Organization", "Branding", "Team", "Integrations", "Profile", "Security", "Sessions",
                "Email notifications", "In-app notifications"]);
        page.Find("[data-testid=settings-tabs] a.active").TextContent.ShouldBe("Team");
    }

    public static TheoryData<TestUser> NonAdministrators => new() { TestUser.Finance, TestUser.ReadOnly };
}

[Trait("Category", "Unit")]
public sealed class OrganizationTabTests : WebUiContext
{
    private const string OrganizationPath = "/api/identity/organization";
    private static readonly Guid DemoOrgId = Guid.Parse("0b111111-0000-4000-8000-000000000001");

    public OrganizationTabTests() =>
        Gateway.On(HttpMethod.Get, OrganizationPath, _ => Json(new
        {
            id = DemoOrgId, name = "Demo MSP", timeZone = "Australia/Sydney", currency = "AUD", billingGraceDays = 5,
        }));

    private IRenderedComponent<OrganizationTab> RenderLoaded()
    {
        var page = Render<OrganizationTab>();
        page.WaitForElement("[data-testid=organization-form]");
        return page;
    }

    [Fact]
    public void Shows_the_organization_settings()
    {
        var page = RenderLoaded();

        page.Find("[data-testid=organization-name]").GetAttribute("value").ShouldBe("Demo MSP");
        page.Find("[data-testid=organization-time-zone]").GetAttribute("value").ShouldBe("Australia/Sydney");
        page.Find("[data-testid=organization-time-zone] option[value='Australia/Sydney']").ShouldNotBeNull();
        page.Find("[data-testid=organization-currency]").GetAttribute("value").ShouldBe("AUD");
        page.Find("[data-testid=organization-grace-days]").GetAttribute("value").ShouldBe("5");
    }

    [Fact]
    public void Saving_sends_every_field_cleaned_up()
    {
        Gateway.On(HttpMethod.Patch, OrganizationPath, _ => Json(new
        {
            id = DemoOrgId, name = "Demo MSP Pty Ltd", timeZone = "Europe/London", currency = "GBP", billingGraceDays = 7,
        }));
        var page = RenderLoaded();

        page.Find("[data-testid=organization-name]").Change(" Demo MSP Pty Ltd ");
        page.Find("[data-testid=organization-time-zone]").Change("Europe/London");
        page.Find("[data-testid=organization-currency]").Change("gbp");
        page.Find("[data-testid=organization-grace-days]").Change("7");
        page.Find("[data-testid=organization-form]").Submit();

        page.WaitForElement("[data-testid=organization-status]").TextContent.ShouldBe("Saved.");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Patch, OrganizationPath).ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("name").GetString().ShouldBe("Demo MSP Pty Ltd");
        body.RootElement.GetProperty("timeZone").GetString().ShouldBe("Europe/London");
        body.RootElement.GetProperty("currency").GetString().ShouldBe("GBP");
        body.RootElement.GetProperty("billingGraceDays").GetInt32().ShouldBe(7);
    }

    [Fact]
    public void A_refused_save_shows_the_messages_next_to_the_fields()
    {
        Gateway.On(HttpMethod.Patch, OrganizationPath, _ => Problem(HttpStatusCode.BadRequest, "Validation failed",
            errors: new Dictionary<string, string[]> { ["currency"] = ["XYZ is not an ISO 4217 currency."], ["billingGraceDays"] = ["Must be 0 to 60."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=organization-currency]").Change("XYZ");
        page.Find("[data-testid=organization-form]").Submit();

        page.WaitForElement("[data-testid=organization-currency-errors]").TextContent.Trim().ShouldBe("XYZ is not an ISO 4217 currency.");
        page.Find("[data-testid=organization-grace-days-errors]").TextContent.Trim().ShouldBe("Must be 0 to 60.");
        page.Find("[data-testid=organization-currency]").GetAttribute("aria-invalid").ShouldBe("true");
        page.FindAll("[data-testid=organization-status]").ShouldBeEmpty();
    }

    [Fact]
    public void A_time_zone_the_system_does_not_know_is_still_shown()
    {
        Gateway.On(HttpMethod.Get, OrganizationPath, _ => Json(new
        {
            id = DemoOrgId, name = "Demo MSP", timeZone = "Mars/Olympus_Mons", currency = "AUD", billingGraceDays = 5,
        }));

        var page = RenderLoaded();

        page.Find("[data-testid=organization-time-zone] option").GetAttribute("value").ShouldBe("Mars/Olympus_Mons");
    }

    [Fact]
    public void Finance_users_see_the_settings_without_changing_them()
    {
        SignInAs(TestUser.Finance);

        var page = RenderLoaded();

        page.Find("[data-testid=organization-form] fieldset").HasAttribute("disabled").ShouldBeTrue();
        page.FindAll("[data-testid=organization-save]").ShouldBeEmpty();
        page.Find("[data-testid=organization-read-only]").TextContent.ShouldContain("Only owners and admins");
    }

    [Fact]
    public void Shows_the_problem_when_the_organization_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, OrganizationPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Identity service unavailable"));

        var page = Render<OrganizationTab>();

        page.WaitForElement("[data-testid=organization-error]").TextContent
            .ShouldContain("Could not load the organization: Identity service unavailable");
    }
}
