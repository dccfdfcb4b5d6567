using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Onboarding;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class OnboardingPageTests : WebUiContext
{
    private static readonly Guid OrganizationId = Guid.Parse("0b111111-0000-4000-8000-000000000001");
    private static readonly string StorageKey = OnboardingStore.Key(OrganizationId);

    public OnboardingPageTests()
    {
        Gateway.On(HttpMethod.Get, "/api/identity/organization", _ => Json(new
        {
            id = OrganizationId, name = "Demo MSP", timeZone = "UTC", currency = "AUD", billingGraceDays = 5,
        }));
        JSInterop.SetupVoid("localStorage.setItem", _ => true).SetVoidResult();
    }

    private void Stored(string? json) => JSInterop.Setup<string?>("localStorage.getItem", StorageKey).SetResult(json);

    private OnboardingProgress LastSaved()
    {
        var saved = JSInterop.Invocations["localStorage.setItem"][^1];
        saved.Arguments[0].ShouldBe(StorageKey);
        return JsonSerializer.Deserialize<OnboardingProgress>((string)saved.Arguments[1]!, JsonSerializerOptions.Web)!;
    }

    private static string CurrentStep(IRenderedComponent<Onboarding> page) =>
        page.Find("[data-testid=onboarding-current]").GetAttribute("data-step")!;

    [Fact]
    public void Starts_with_the_organization_and_remembers_each_finished_step_for_the_organization()
    {
        Stored(null);
        var page = Render<Onboarding>();

        page.WaitForElement("[data-testid=organization-form]");
        CurrentStep(page).ShouldBe("organization");
        page.FindAll("[data-testid=onboarding-back]").ShouldBeEmpty();

        page.Find("[data-testid=onboarding-continue]").Click();

        CurrentStep(page).ShouldBe("integrations");
        var saved = LastSaved();
        saved.Step.ShouldBe("integrations");
        saved.Completed.ShouldBe(["organization"]);
        saved.Skipped.ShouldBeEmpty();
        page.Find("[data-testid=onboarding-step-organization]").TextContent.ShouldContain("done");
    }

    [Fact]
    public void Resumes_where_it_was_left_and_runs_the_first_sync_as_the_onboarding()
    {
        Stored("""{"step":"first-sync","completed":["organization"],"skipped":["integrations"]}""");
        var runId = Guid.NewGuid();
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Json(SyncRun(runId), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(SyncRun(runId, integration: "rmm"), HttpStatusCode.Accepted));
        var page = Render<Onboarding>();

        page.WaitForElement("[data-testid=sync-all-start]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=sync-all-status]").TextContent.ShouldBe("Sync All has finished."));
        CurrentStep(page).ShouldBe("first-sync");
        page.Find("[data-testid=onboarding-step-integrations]").TextContent.ShouldContain("skipped");
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, $"{Pax8Path}/sync").ShouldHaveSingleItem().Body!)
            .RootElement.GetProperty("trigger").GetString().ShouldBe("onboarding");
    }

    [Fact]
    public void A_skipped_step_is_marked_skipped_and_the_last_step_offers_to_start_over()
    {
        Stored("""{"step":"mappings","completed":["organization","integrations","first-sync"],"skipped":[]}""");
        var page = Render<Onboarding>();
        page.WaitForElement("[data-testid=onboarding-review-mappings]").GetAttribute("href").ShouldBe("clients/mappings?state=suggested");

        page.Find("[data-testid=onboarding-skip]").Click();

        CurrentStep(page).ShouldBe("done");
        LastSaved().Skipped.ShouldBe(["mappings"]);
        page.Find("[data-testid=onboarding-done]").TextContent.ShouldContain("BillingOne is set up.");
        page.Find("[data-testid=onboarding-restart]").Click();
        CurrentStep(page).ShouldBe("organization");
        LastSaved().Completed.ShouldBeEmpty();
    }

    [Fact]
    public void Unreadable_stored_progress_starts_over()
    {
        Stored("not json");

        var page = Render<Onboarding>();

        page.WaitForAssertion(() => CurrentStep(page).ShouldBe("organization"));
    }
}
