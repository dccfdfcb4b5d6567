using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Approve and adjust in a browser over the default run: an under-licensed client's proposal is approved while the
/// sandbox's Pax8 refuses the update (the row is left failed with the reason, nothing changed), then retried once Pax8
/// answers again (applied: Pax8 answers the new quantity).
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class LicenceAdjustmentBrowserTests(SystemFixture fixture) : BrowserTest
{
    [Fact]
    public async Task An_approved_adjustment_refused_by_Pax8_fails_visibly_and_a_retry_applies_it()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = fixture.System.CreateGatewayClient();
        var underLicensed = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/reconciliation/clients?status=under-licensed&pageSize=100"),
            page => page.GetProperty("items").GetArrayLength() > 0, "an under-licensed demo client", TimeSpan.FromMinutes(4));
        // The last of them: the other browser tests start from the first.
        var clientId = underLicensed.GetProperty("items").EnumerateArray().Last().GetProperty("clientId").GetGuid();

        var page = await SignedInPageAsync(fixture.System.Gateway, $"reconciliation/{clientId}");
        await page.GetByTestId("licence-adjustments-propose").ClickAsync();
        var row = page.GetByTestId("licence-adjustment");
        await Assertions.Expect(row.GetByTestId("licence-adjustment-state")).ToContainTextAsync("proposed");
        var proposed = (await api.GetFromJsonAsync<JsonElement>($"/api/subscription/adjustments?clientId={clientId}"))
            .GetProperty("items").EnumerateArray().Single(adjustment => adjustment.GetProperty("state").GetString() == "proposed");
        var subscriptionId = proposed.GetProperty("subscriptionId").GetGuid();
        var target = proposed.GetProperty("proposedQuantity").GetInt32();
        await ShotAsync(page, "licence-adjustment-proposed.png");

        using var sandbox = new HttpClient { BaseAddress = fixture.System.App.GetEndpoint("sandbox", "http") };
        (await sandbox.PutAsync($"/sandbox/faults/pax8-subscription-updates/{subscriptionId}", null)).EnsureSuccessStatusCode();
        try
        {
            await row.GetByTestId("licence-adjustment-approve").ClickAsync();
            await Assertions.Expect(row.GetByTestId("licence-adjustment-state")).ToContainTextAsync("failed",
                new() { Timeout = 120_000 });
            (await row.GetByTestId("licence-adjustment-error").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
            await ShotAsync(page, "licence-adjustment-failed.png");
        }
        finally
        {
            (await sandbox.DeleteAsync($"/sandbox/faults/pax8-subscription-updates/{subscriptionId}"))
                .StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NoContent);
        }

        await row.GetByTestId("licence-adjustment-retry").ClickAsync();
        await Assertions.Expect(row.GetByTestId("licence-adjustment-state")).ToContainTextAsync("applied",
            new() { Timeout = 120_000 });
        var applied = await api.GetFromJsonAsync<JsonElement>($"/api/subscription/adjustments/{proposed.GetProperty("id").GetGuid()}");
        (applied.GetProperty("state").GetString(), applied.GetProperty("quantityAfter").GetInt32())
            .ShouldBe(("applied", target), "Pax8's answer to the update holds the approved quantity");
        await ShotAsync(page, "licence-adjustment-applied.png");
    }
}
