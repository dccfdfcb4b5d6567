using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Microsoft.JSInterop;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ApiKeysPageTests : WebUiContext
{
    private const string KeysPath = "/api/identity/api-keys";
    private const string PlainKey = "bo_k9x2m4q7_4fJ8sLq2Zr7Tn1Vb6Yc3Hw0Pe5Ua9Gd2";
    private static readonly Guid FeedId = Guid.Parse("7e000000-0000-4000-8000-000000000001");
    private static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");

    private IRenderedComponent<ApiKeys> RenderLoaded()
    {
        var page = Render<ApiKeys>();
        page.WaitForElement("[data-testid=api-keys-table]");
        return page;
    }

    private void ListKeys(params object[] keys) => Gateway.On(HttpMethod.Get, KeysPath, _ => Json(keys));

    [Fact]
    public void Lists_each_key_with_the_seed_columns()
    {
        ListKeys(
            ApiKey("RMM usage feed", role: "ingest", clientId: ContosoId, id: FeedId, prefix: "bo_k9x2m4q7",
                lastUsedAt: new DateTimeOffset(2025, 3, 14, 8, 5, 0, TimeSpan.Zero), clientName: "Contoso Ltd"),
            ApiKey("Old export", role: "read-only", enabled: false));

        var page = RenderLoaded();

        page.FindAll("[data-testid=api-keys-table] thead th").Select(header => header.TextContent.Trim())
            .ShouldBe(["ID", "Name", "Role", "Client ID", "Enabled", "Last Used", "Actions"]);
        var rows = page.FindAll("[data-testid=api-key-row]");
        rows.Count.ShouldBe(2);
        rows[0].GetAttribute("data-api-key-id").ShouldBe(FeedId.ToString());
        rows[0].QuerySelector("[data-testid=api-key-id] [data-testid=short-id]")!.GetAttribute("data-id").ShouldBe(FeedId.ToString());
        rows[0].QuerySelector("[data-testid=api-key-name]")!.TextContent.ShouldContain("RMM usage feed");
        rows[0].QuerySelector("[data-testid=api-key-name]")!.TextContent.ShouldContain("bo_k9x2m4q7…");
        rows[0].QuerySelector("[data-testid=api-key-role]")!.TextContent.ShouldBe("Ingest");
        rows[0].QuerySelector("[data-testid=api-key-client] [data-testid=short-id]")!.GetAttribute("data-id").ShouldBe(ContosoId.ToString());
        rows[0].QuerySelector("[data-testid=api-key-client]")!.TextContent.ShouldContain("Contoso Ltd");
        rows[0].QuerySelector("[data-testid=api-key-enabled]")!.TextContent.Trim().ShouldBe("Enabled");
        rows[0].QuerySelector("[data-testid=api-key-last-used]")!.TextContent.ShouldBe("2025-03-14 08:05 UTC");
        rows[1].QuerySelector("[data-testid=api-key-client]")!.TextContent.Trim().ShouldBe("All clients");
        rows[1].QuerySelector("[data-testid=api-key-enabled]")!.TextContent.Trim().ShouldBe("Disabled");
        rows[1].QuerySelector("[data-testid=api-key-last-used]")!.TextContent.ShouldBe("Never");
        page.Markup.ShouldNotContain("bo_k9x2m4q7_", customMessage: "a listed key never shows more than its prefix");
    }

    [Fact]
    public void Revoked_keys_stay_listed_last_without_actions()
    {
        ListKeys(
            ApiKey("Revoked feed", revokedAt: new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.Zero), enabled: false,
                createdAt: new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero)),
            ApiKey("Live feed", createdAt: new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero)));

        var page = RenderLoaded();

        var rows = page.FindAll("[data-testid=api-key-row]");
        rows[0].QuerySelector("[data-testid=api-key-name]")!.TextContent.Trim().ShouldStartWith("Live feed", customMessage: "usable keys first");
        rows[1].QuerySelector("[data-testid=api-key-name]")!.TextContent.Trim().ShouldStartWith("Revoked feed");
        rows[1].QuerySelector("[data-testid=api-key-enabled]")!.TextContent.ShouldContain("Revoked");
        rows[1].QuerySelector("[data-testid=api-key-enabled]")!.TextContent.ShouldContain("2025-03-01 10:00 UTC");
        rows[1].QuerySelectorAll(ChangeButtons).ShouldBeEmpty();
    }

    [Fact]
    public void Says_no_api_keys_when_there_are_none()
    {
        ListKeys();

        var page = RenderLoaded();

        page.Find("[data-testid=api-keys-empty]").TextContent.Trim().ShouldBe("No API keys");
    }

    [Fact]
    public void Shows_the_problem_when_the_list_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, KeysPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Identity service unavailable"));

        var page = Render<ApiKeys>();

        page.WaitForElement("[data-testid=api-keys-error]").TextContent
            .ShouldContain("Could not load API keys: Identity service unavailable");
    }

    [Fact]
    public void Creating_a_key_shows_the_plain_key_once_with_a_warning()
    {
        ListKeys();
        Gateway.On(HttpMethod.Post, KeysPath, _ => Json(new
        {
            id = FeedId, name = "RMM usage feed", prefix = "bo_k9x2m4q7", role = "ingest", clientId = (Guid?)null,
            enabled = true, createdAt = DateTimeOffset.UnixEpoch, key = PlainKey,
        }, HttpStatusCode.Created));
        var page = RenderLoaded();

        page.Find("[data-testid=api-key-create-name]").Change("  RMM usage feed ");
        page.Find("[data-testid=api-key-create-role]").Change("ingest");
        page.Find("[data-testid=api-key-create-form]").Submit();

        var revealed = page.WaitForElement("[data-testid=api-key-revealed]");
        page.Find("[data-testid=api-key-revealed-value]").GetAttribute("value").ShouldBe(PlainKey);
        page.Find("[data-testid=api-key-revealed-value]").HasAttribute("readonly").ShouldBeTrue();
        revealed.TextContent.ShouldContain("You will not see this key again.");
        var create = Gateway.RequestsTo(HttpMethod.Post, KeysPath).ShouldHaveSingleItem();
        create.Body.ShouldBe("""{"name":"RMM usage feed","role":"ingest","clientId":null}""");
        create.Authorization.ShouldBe("Bearer " + SessionToken);
        Gateway.RequestsTo(HttpMethod.Get, KeysPath).Count.ShouldBe(2, "the list is reloaded to show the new key");
        page.Find("[data-testid=api-key-create-name]").GetAttribute("value").ShouldBe("");

        page.Find("[data-testid=api-key-revealed-dismiss]").Click();

        page.FindAll("[data-testid=api-key-revealed]").ShouldBeEmpty();
        page.Markup.ShouldNotContain(PlainKey, customMessage: "once dismissed, the plain key is gone");
    }

    [Fact]
    public void The_revealed_key_can_be_copied()
    {
        ListKeys();
        Gateway.On(HttpMethod.Post, KeysPath, _ => Json(new
        {
            id = FeedId, name = "Feed", prefix = "bo_k9x2m4q7", role = "read-only", clientId = (Guid?)null, enabled = true,
            createdAt = DateTimeOffset.UnixEpoch, key = PlainKey,
        }, HttpStatusCode.Created));
        var copy = JSInterop.SetupVoid("navigator.clipboard.writeText", PlainKey);
        copy.SetVoidResult();
        var page = RenderLoaded();
        page.Find("[data-testid=api-key-create-name]").Change("Feed");
        page.Find("[data-testid=api-key-create-form]").Submit();
        page.WaitForElement("[data-testid=api-key-copy]").Click();

        page.WaitForElement("[data-testid=api-key-copy-status]").TextContent.ShouldBe("Copied to the clipboard.");
        copy.Invocations.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_blocked_clipboard_asks_to_copy_by_hand()
    {
        ListKeys();
        Gateway.On(HttpMethod.Post, KeysPath, _ => Json(new
        {
            id = FeedId, name = "Feed", prefix = "bo_k9x2m4q7", role = "read-only", clientId = (Guid?)null, enabled = true,
            createdAt = DateTimeOffset.UnixEpoch, key = PlainKey,
        }, HttpStatusCode.Created));
        JSInterop.SetupVoid("navigator.clipboard.writeText", PlainKey).SetException(new JSException("NotAllowedError"));
        var page = RenderLoaded();
        page.Find("[data-testid=api-key-create-name]").Change("Feed");
        page.Find("[data-testid=api-key-create-form]").Submit();
        page.WaitForElement("[data-testid=api-key-copy]").Click();

        page.WaitForElement("[data-testid=api-key-copy-status]").TextContent
            .ShouldBe("Copying is not allowed here: select the key and copy it.");
    }

    [Fact]
    public void A_key_can_be_limited_to_a_client_found_by_name()
    {
        ListKeys();
        Gateway.ServeClientChoices([(ContosoId, "Contoso Pty Ltd"), (Guid.NewGuid(), "Contoso Labs"), (Guid.NewGuid(), "Northwind")]);
        Gateway.On(HttpMethod.Post, KeysPath, _ => Json(new
        {
            id = FeedId, name = "Contoso feed", prefix = "bo_k9x2m4q7", role = "ingest", clientId = ContosoId, enabled = true,
            createdAt = DateTimeOffset.UnixEpoch, key = PlainKey,
        }, HttpStatusCode.Created));
        var page = RenderLoaded();

        PickClient(page, "api-key-create-client", "Contoso Pty Ltd");
        page.Find("[data-testid=api-key-create-name]").Change("Contoso feed");
        page.Find("[data-testid=api-key-create-role]").Change("ingest");
        page.Find("[data-testid=api-key-create-form]").Submit();

        page.WaitForElement("[data-testid=api-key-revealed]");
        var search = Gateway.RequestsTo(HttpMethod.Get, MeteringResponses.SubscriptionClientsPath).ShouldHaveSingleItem().Query;
        search["search"].ShouldBe("Contoso Pty Ltd");
        search["sort"].ShouldBe("name");
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, KeysPath).Single().Body!);
        body.RootElement.GetProperty("clientId").GetGuid().ShouldBe(ContosoId);
    }

    [Fact]
    public void A_key_needs_a_name()
    {
        ListKeys();
        var page = RenderLoaded();

        page.Find("[data-testid=api-key-create-form]").Submit();

        page.Find("[data-testid=api-key-create-name-errors]").TextContent.Trim().ShouldBe("Name the key after what will use it.");
        Gateway.RequestsTo(HttpMethod.Post, KeysPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_create_shows_the_server_messages_by_field()
    {
        ListKeys();
        Gateway.On(HttpMethod.Post, KeysPath, _ => Problem(HttpStatusCode.BadRequest, "Validation failed",
            errors: new Dictionary<string, string[]> { ["name"] = ["A key with this name exists."], ["clientId"] = ["Unknown client."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=api-key-create-name]").Change("Feed");
        page.Find("[data-testid=api-key-create-form]").Submit();

        page.WaitForElement("[data-testid=api-key-create-name-errors]").TextContent.Trim().ShouldBe("A key with this name exists.");
        page.Find("[data-testid=api-key-create-client-errors]").TextContent.Trim().ShouldBe("Unknown client.");
        page.Find("[data-testid=api-key-create-error]").TextContent.ShouldContain("Validation failed");
        page.FindAll("[data-testid=api-key-revealed]").ShouldBeEmpty();
    }

    [Fact]
    public void Revoking_asks_first_and_then_revokes()
    {
        ListKeys(ApiKey("Feed", id: FeedId));
        Gateway.On(HttpMethod.Post, $"{KeysPath}/{FeedId}/revoke", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderLoaded();

        page.Find("[data-testid=api-key-revoke]").Click();

        page.Find("[data-testid=api-key-confirm]").TextContent.ShouldContain("Revoke “Feed”?");
        page.Find("[data-testid=api-key-confirm]").TextContent.ShouldContain("cannot be undone");
        Gateway.RequestsTo(HttpMethod.Post, $"{KeysPath}/{FeedId}/revoke").ShouldBeEmpty("nothing happens before the confirmation");

        ListKeys(ApiKey("Feed", id: FeedId, enabled: false, revokedAt: new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero)));
        page.Find("[data-testid=api-key-confirm-yes]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=api-key-enabled]").TextContent.ShouldContain("Revoked"));
        Gateway.RequestsTo(HttpMethod.Post, $"{KeysPath}/{FeedId}/revoke").ShouldHaveSingleItem();
        page.Find("[data-testid=api-key-action-status]").TextContent.ShouldStartWith("“Feed” is revoked");
    }

    [Fact]
    public void A_cancelled_confirmation_does_nothing()
    {
        ListKeys(ApiKey("Feed", id: FeedId));
        var page = RenderLoaded();

        page.Find("[data-testid=api-key-disable]").Click();
        page.Find("[data-testid=api-key-confirm-cancel]").Click();

        page.FindAll("[data-testid=api-key-confirm]").ShouldBeEmpty();
        page.Find("[data-testid=api-key-disable]").ShouldNotBeNull();
        Gateway.Requests.ShouldAllBe(request => request.Method == HttpMethod.Get);
    }

    [Theory]
    [InlineData(true, "disable", "api-key-disable")]
    [InlineData(false, "enable", "api-key-enable")]
    public void Disabling_and_enabling_are_confirmed_then_applied(bool enabled, string action, string button)
    {
        ListKeys(ApiKey("Feed", id: FeedId, enabled: enabled));
        Gateway.On(HttpMethod.Post, $"{KeysPath}/{FeedId}/{action}", _ => Json(ApiKey("Feed", id: FeedId, enabled: !enabled)));
        var page = RenderLoaded();

        page.Find($"[data-testid={button}]").Click();
        page.Find("[data-testid=api-key-confirm-yes]").Click();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Post, $"{KeysPath}/{FeedId}/{action}").ShouldHaveSingleItem());
    }

    [Fact]
    public void A_refused_action_shows_the_problem()
    {
        ListKeys(ApiKey("Feed", id: FeedId));
        Gateway.On(HttpMethod.Post, $"{KeysPath}/{FeedId}/disable",
            _ => Problem(HttpStatusCode.Forbidden, "Forbidden", "Your role may not manage API keys."));
        var page = RenderLoaded();

        page.Find("[data-testid=api-key-disable]").Click();
        page.Find("[data-testid=api-key-confirm-yes]").Click();

        page.WaitForElement("[data-testid=api-key-action-error]").TextContent.ShouldContain("Your role may not manage API keys.");
    }

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public void Finance_and_read_only_users_see_keys_but_cannot_change_them(TestUser user)
    {
        SignInAs(user);
        ListKeys(ApiKey("Feed", id: FeedId));

        var page = RenderLoaded();

        page.FindAll("[data-testid=api-key-create-form]").ShouldBeEmpty();
        page.Find("[data-testid=api-keys-read-only]").TextContent.ShouldContain("Only owners and admins");
        page.Find("[data-testid=api-key-row]").QuerySelectorAll(ChangeButtons).ShouldBeEmpty();
    }

    public static TheoryData<TestUser> NonAdministrators => new() { TestUser.Finance, TestUser.ReadOnly };
}
