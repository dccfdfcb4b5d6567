using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Approve and adjust in a browser against the sandbox's Pax8, on an under-licensed client of the test's own: the
/// proposal is approved while Pax8 refuses the update (the row is left failed with the reason, nothing changed), then
/// retried once Pax8 answers again (applied with Pax8's new quantity).
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class LicenceAdjustmentBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions PastPax8Retries = new() { Timeout = 180_000 };

    [SystemFact]
    public async Task An_approved_adjustment_refused_by_Pax8_fails_visibly_and_a_retry_applies_it()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        var callers = new GatewayCallers(Fixture.System);
        var client = (await UnderLicensedDataset.AddAsync(Fixture.System, callers, (7, 4))).Single();

        var page = await SignedInPageAsync(Fixture.System.Gateway, $"reconciliation/{client.Id}");
        await page.GetByTestId("licence-adjustments-propose").ClickAsync();
        var row = page.GetByTestId("licence-adjustment");
        // The approve button is enabled once the proposal's round trip is over and the panel has settled.
        var approve = row.GetByTestId("licence-adjustment-approve");
        await Assertions.Expect(approve).ToBeEnabledAsync();
        await Assertions.Expect(row.GetByTestId("licence-adjustment-quantity")).ToHaveValueAsync("7");
        var proposed = (await callers.Admin.GetFromJsonAsync<JsonElement>($"/api/subscription/adjustments?clientId={client.Id}"))
            .GetProperty("items").EnumerateArray().Single();
        proposed.GetProperty("state").GetString().ShouldBe("proposed");
        var subscriptionId = proposed.GetProperty("subscriptionId").GetGuid();
        await ShotAsync(page, "licence-adjustment-proposed.png");

        using var sandbox = new HttpClient { BaseAddress = Fixture.System.App.GetEndpoint("sandbox", "http") };
        (await sandbox.PutAsync($"/sandbox/faults/pax8-subscription-updates/{subscriptionId}", null)).EnsureSuccessStatusCode();
        try
        {
            await approve.ClickAsync();
            await Assertions.Expect(page.GetByTestId("licence-adjustments-confirm-summary")).ToContainTextAsync("→ 7");
            await page.GetByTestId("licence-adjustments-confirm-yes").ClickAsync();
            await Assertions.Expect(row.GetByTestId("licence-adjustment-state")).ToContainTextAsync("failed", PastPax8Retries);
            (await row.GetByTestId("licence-adjustment-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
            await ShotAsync(page, "licence-adjustment-failed.png");
        }
        finally
        {
            (await sandbox.DeleteAsync($"/sandbox/faults/pax8-subscription-updates/{subscriptionId}")).EnsureSuccessStatusCode();
        }

        var retry = row.GetByTestId("licence-adjustment-retry");
        await Assertions.Expect(retry).ToBeEnabledAsync();
        await retry.ClickAsync();
        await Assertions.Expect(row.GetByTestId("licence-adjustment-state")).ToContainTextAsync("applied", PastPax8Retries);
        var applied = await callers.Admin.GetFromJsonAsync<JsonElement>(
            $"/api/subscription/adjustments/{proposed.GetProperty("id").GetGuid()}");
        (applied.GetProperty("state").GetString(), applied.GetProperty("quantityAfter").GetInt32())
            .ShouldBe(("applied", 7), "Pax8's answer to the update holds the approved quantity");
        await ShotAsync(page, "licence-adjustment-applied.png");
    }
}
