using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Money leaves the system: a billed and finalized month of the demo organization becomes DRAFT invoices in the
/// sandbox's Xero organisation, one per client whose contact is mapped; the others wait for a mapping, saying so.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DraftInvoicePushTests(SystemFixture fixture)
{
    [SystemFact]
    public async Task A_finalized_month_is_pushed_to_Xero_as_one_draft_per_mapped_client()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = fixture.System.CreateGatewayClient();
        // Two months back has ended in every time zone whatever the day, and the demo's usage covers it.
        var month = DateTime.UtcNow.AddMonths(-2);
        var period = $"{month:yyyy-MM}";
        await MapRevenueAccountsAsync(api);
        await BillAndFinalizeAsync(api, month.Year, month.Month);

        var drafts = await Eventually.ReturnsAsync(
            async () => await api.GetFromJsonAsync<JsonElement>($"/api/invoice/draft-invoices?period={period}&pageSize=200"),
            page => page.GetProperty("totalCount").GetInt32() > 0 && page.GetProperty("items").EnumerateArray()
                .All(draft => draft.GetProperty("status").GetString() is "pushed" or "needs-mapping"),
            $"every draft of {period} to be pushed or to wait for a mapping", TimeSpan.FromMinutes(4));

        // The demo's billed clients may have no Xero contact yet: map one to a contact, as Clients → Mappings does, and
        // retry its draft until the invoice service has the mapping.
        var waiting = drafts.GetProperty("items").EnumerateArray()
            .FirstOrDefault(draft => draft.GetProperty("status").GetString() == "needs-mapping");
        if (waiting.ValueKind == JsonValueKind.Object)
        {
            waiting.GetProperty("lastError").GetString()!.ShouldContain("no Xero contact");
            // The demo's Xero contacts are its Pax8 clients, all matched by name: move one to the billed client.
            var contacts = await Eventually.ReturnsAsync(
                () => api.GetFromJsonAsync<JsonElement>("/api/subscription/mappings?vendor=xero&pageSize=1"),
                page => page.GetProperty("totalCount").GetInt32() > 0, "the synced Xero contacts to reach the mappings",
                TimeSpan.FromMinutes(3));
            var contact = contacts.GetProperty("items")[0].GetProperty("externalId").GetString();
            using var mapped = await api.PostAsJsonAsync("/api/subscription/mappings/apply",
                new { items = new[] { new { vendor = "xero", externalId = contact, clientId = waiting.GetProperty("clientId").GetGuid() } } });
            mapped.StatusCode.ShouldBe(HttpStatusCode.OK, await mapped.Content.ReadAsStringAsync());
            var draftId = waiting.GetProperty("id").GetGuid();
            var draft = await Eventually.ReturnsAsync(async () =>
                {
                    using var retried = await api.PostAsync($"/api/invoice/draft-invoices/{draftId}/retry", null);
                    return (await api.GetFromJsonAsync<JsonElement>($"/api/invoice/draft-invoices?period={period}&pageSize=200"))
                        .GetProperty("items").EnumerateArray().Single(item => item.GetProperty("id").GetGuid() == draftId);
                }, item => item.GetProperty("status").GetString() == "pushed", "the newly mapped client's draft to be pushed",
                TimeSpan.FromMinutes(3));
            draft.GetProperty("vendorInvoiceNumber").GetString().ShouldNotBeNullOrEmpty();
            drafts = await api.GetFromJsonAsync<JsonElement>($"/api/invoice/draft-invoices?period={period}&pageSize=200");
        }

        var pushed = drafts.GetProperty("items").EnumerateArray()
            .Where(draft => draft.GetProperty("status").GetString() == "pushed").ToList();
        pushed.ShouldNotBeEmpty(drafts.ToString());
        using var sandbox = new HttpClient { BaseAddress = fixture.System.App.GetEndpoint("sandbox", "http") };
        var created = await sandbox.GetFromJsonAsync<JsonElement>("/sandbox/xero/created-invoices");
        var createdById = created.EnumerateArray().ToDictionary(invoice => invoice.GetProperty("InvoiceID").GetString()!);
        foreach (var draft in pushed)
        {
            var invoice = createdById[draft.GetProperty("vendorInvoiceId").GetString()!];
            (invoice.GetProperty("Status").GetString(), invoice.GetProperty("Reference").GetString(),
                    invoice.GetProperty("InvoiceNumber").GetString())
                .ShouldBe(("DRAFT", $"BillingOne {period}", draft.GetProperty("vendorInvoiceNumber").GetString()));
            invoice.GetProperty("LineItems").GetArrayLength().ShouldBe(draft.GetProperty("lines").GetInt32());
        }
    }

    /// <summary>Maps every billing type without a revenue account to the sales account, as Settings → Xero does.</summary>
    private static async Task MapRevenueAccountsAsync(HttpClient api)
    {
        var mapped = (await api.GetFromJsonAsync<JsonElement>("/api/invoice/account-mappings")).GetProperty("items")
            .EnumerateArray().Select(mapping => mapping.GetProperty("billingType").GetString()).ToHashSet();
        var unitTypes = await api.GetFromJsonAsync<JsonElement>("/api/metering/unit-types?pageSize=200");
        foreach (var key in unitTypes.GetProperty("items").EnumerateArray().Select(type => type.GetProperty("key").GetString()!)
                     .Where(key => !mapped.Contains(key)))
        {
            using var saved = await api.PutAsJsonAsync($"/api/invoice/account-mappings/{key}", new { accountCode = "200" });
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Runs billing of the month and finalizes it; a month the system already billed or finalized is taken as it is.</summary>
    private static async Task BillAndFinalizeAsync(HttpClient api, int year, int month)
    {
        using var started = await api.PostAsJsonAsync("/api/metering/billing-runs", new { year, month });
        var body = await started.Content.ReadFromJsonAsync<JsonElement>();
        Guid? runId = started.StatusCode switch
        {
            HttpStatusCode.Accepted => body.GetProperty("id").GetGuid(),
            HttpStatusCode.Conflict when body.TryGetProperty("runId", out var running) => running.GetGuid(),
            HttpStatusCode.Conflict => null,
            _ => throw new ShouldAssertException($"Starting billing answered {(int)started.StatusCode}: {body}"),
        };
        if (runId is { } id)
        {
            var run = await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>($"/api/metering/billing-runs/{id}"),
                run => run.GetProperty("status").GetString() is "completed" or "failed", "the billing run to end",
                TimeSpan.FromMinutes(5));
            run.GetProperty("status").GetString().ShouldBe("completed", run.ToString());
        }
        using var finalized = await api.PostAsync($"/api/metering/billing-periods/{year:D4}-{month:D2}/finalize", null);
        finalized.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Conflict], await finalized.Content.ReadAsStringAsync());
    }
}
