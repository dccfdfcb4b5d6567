using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// A Pax8 sync end to end against a stand-in Pax8: what it stores, what a second sync reports after Pax8 changed, and
/// that a malformed answer changes nothing. The tests run in order on one organization, like syncs do.
/// </summary>
[Trait("Category", "Integration")]
[TestCaseOrderer("BillingOne.Subscription.Tests.Sync.DeclarationOrderer", "BillingOne.Subscription.Tests")]
public sealed class Pax8SyncTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private const string Subscriptions = "/api/subscription/subscriptions";
    private readonly HttpClient http = fixture.Client;
    private Pax8World World => fixture.World;

    [Fact, Order(1)]
    public async Task A_first_sync_stores_every_company_product_and_subscription_and_reports_them_added()
    {
        World.Companies.AddRange([Pax8World.Company(1, "Harbourside Dental Pty Ltd"), Pax8World.Company(2, "Northgate Legal"),
            Pax8World.Company(3, "SUMMIT ENGINEERING LLC")]);
        World.Products.AddRange([Pax8World.Product(1, "Microsoft 365 Business Premium", "User", 33.00m),
            Pax8World.Product(2, "Defender for Endpoint P1", "Device", 4.50m)]);
        // 205 subscriptions: two pages of the stub's 200.
        for (var number = 1; number <= 205; number++)
        {
            World.Subscriptions.Add(Pax8World.Subscription(number, 1 + number % 3, 1 + number % 2, 1 + number % 20,
                number % 2 == 0 ? 33.00m : 4.50m, number % 10 == 0 ? "Annual" : "Monthly"));
        }
        // Active in Pax8's words but bought ahead: stored and listed, not counted active before it starts.
        World.Subscriptions[^1]["startDate"] = $"{DateTime.UtcNow.AddDays(30):yyyy-MM-dd}T00:00:00Z";
        World.Serve();

        var run = await fixture.SyncAsync();

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["companies"].ShouldBe(new SyncCounts(3, 0, 0));
        run.Breakdown["products"].ShouldBe(new SyncCounts(2, 0, 0));
        run.Breakdown["subscriptions"].ShouldBe(new SyncCounts(205, 0, 0));
        run.Added.ShouldBe(210);
        run.Skipped.ShouldBeEmpty();
        run.DurationSeconds.ShouldNotBeNull();

        var page = await http.GetFromJsonAsync<Page<JsonElement>>($"{Subscriptions}?pageSize=10&sort=quantity&direction=desc");
        page!.TotalCount.ShouldBe(205);
        page.Items[0].GetProperty("quantity").GetInt32().ShouldBe(20);
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM pax8_subscriptions")).ShouldBe(205);
        var synced = await OutboxPayloadsAsync(connection, "SubscriptionsSynced");
        var announced = JsonSerializer.Deserialize<SubscriptionsSynced>(synced.ShouldHaveSingleItem(), JsonOptions)!;
        announced.SubscriptionsAdded.ShouldBe(205);
        announced.ActiveSubscriptions.ShouldBe(204);
        announced.SyncRunId.ShouldBe(run.Id);
    }

    [Fact, Order(2)]
    public async Task The_subscription_shows_its_money_per_line_and_its_monthly_value()
    {
        // Subscription 10: annual, 11 × 33.00 per year.
        var annual = await http.GetFromJsonAsync<JsonElement>($"{Subscriptions}/{Connectors.Pax8Stub.IdOf(10)}");
        annual.GetProperty("billingTerm").GetString().ShouldBe("annual");
        annual.GetProperty("quantity").GetInt32().ShouldBe(11);
        annual.GetProperty("total").GetProperty("amount").GetDecimal().ShouldBe(363.00m);
        annual.GetProperty("monthlyValue").GetProperty("amount").GetDecimal().ShouldBe(30.25m);
        annual.GetProperty("unitPrice").GetProperty("currency").GetString().ShouldBe("AUD");
        annual.GetProperty("productName").GetString().ShouldBe("Microsoft 365 Business Premium");
        annual.GetProperty("licenceUnit").GetString().ShouldBe("user");
        annual.GetProperty("status").GetString().ShouldBe("active");

        (await http.GetAsync($"{Subscriptions}/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact, Order(3)]
    public async Task The_list_searches_by_product_or_subscription_id_and_refuses_an_unknown_status_naming_it()
    {
        var byProduct = await http.GetFromJsonAsync<Page<JsonElement>>($"{Subscriptions}?search=defender&pageSize=200");
        byProduct!.TotalCount.ShouldBe(103);
        var id = Connectors.Pax8Stub.IdOf(42).ToString();
        var byId = await http.GetFromJsonAsync<Page<JsonElement>>($"{Subscriptions}?search={id[^12..]}");
        byId!.Items.ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(id);

        using var invalid = await http.GetAsync($"{Subscriptions}?status=paused");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        invalid.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("\"status\"");
    }

    [Fact, Order(4)]
    public async Task A_second_sync_reports_exactly_what_changed_at_Pax8()
    {
        World.Subscriptions.Add(Pax8World.Subscription(206, 1, 1, 7, 33.00m));
        World.Subscriptions.Add(Pax8World.Subscription(207, 2, 2, 3, 4.50m));
        World.Subscriptions.Single(item => (Guid)item["id"]! == Connectors.Pax8Stub.IdOf(5))["status"] = "Cancelled";
        World.Subscriptions.Single(item => (Guid)item["id"]! == Connectors.Pax8Stub.IdOf(6))["quantity"] = 99;
        World.Subscriptions.RemoveAll(item => (Guid)item["id"]! == Connectors.Pax8Stub.IdOf(7));
        World.Companies.Add(Pax8World.Company(4, "Bayside Medical Ctr Pty Ltd"));
        World.Serve();

        var run = await fixture.SyncAsync();

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["subscriptions"].ShouldBe(new SyncCounts(2, 2, 1));
        run.Breakdown["companies"].ShouldBe(new SyncCounts(1, 0, 0));
        run.Breakdown["products"].ShouldBe(new SyncCounts(0, 0, 0));
        (await http.GetFromJsonAsync<Page<JsonElement>>($"{Subscriptions}?status=cancelled"))!.Items
            .ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(Connectors.Pax8Stub.IdOf(5).ToString());
        (await http.GetAsync($"{Subscriptions}/{Connectors.Pax8Stub.IdOf(7)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var unchanged = await fixture.SyncAsync();
        unchanged.Added.ShouldBe(0);
        unchanged.Changed.ShouldBe(0);
        unchanged.Removed.ShouldBe(0);
    }

    [Fact, Order(5)]
    public async Task A_malformed_page_fails_the_run_naming_it_and_leaves_what_the_last_sync_stored()
    {
        // 203 subscriptions: the second page of two is the malformed one.
        World.Subscriptions.RemoveRange(0, 3);
        World.Serve();
        World.ServeMalformedPage("subscriptions", 1);

        var run = await fixture.SyncAsync();

        run.Status.ShouldBe(SyncRunStatus.Failed);
        run.Error.ShouldNotBeNull().ShouldContain("subscriptions page 1");
        run.Skipped.ShouldHaveSingleItem().What.ShouldBe("subscriptions page 1");
        run.Added.ShouldBe(0);
        (await http.GetFromJsonAsync<Page<JsonElement>>(Subscriptions))!.TotalCount.ShouldBe(206);
    }

    [Fact, Order(6)]
    public async Task While_a_sync_is_queued_or_running_another_is_refused_naming_it()
    {
        World.Serve(delay: TimeSpan.FromSeconds(2));
        using var first = await http.PostAsJsonAsync(Pax8SyncFixture.SyncPath, new { trigger = "sync-all" });
        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var running = (await first.Content.ReadFromJsonAsync<SyncRunResponse>())!;
        first.Headers.Location!.OriginalString.ShouldBe($"/api/subscription/integrations/sync-runs/{running.Id}");

        using var second = await http.PostAsJsonAsync(Pax8SyncFixture.SyncPath, new { trigger = "manual" });

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await second.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("runId").GetGuid().ShouldBe(running.Id);
        var finished = await fixture.FinishedAsync(running.Id);
        finished.Status.ShouldBe(SyncRunStatus.Completed, finished.Error);
        finished.Trigger.ShouldBe("sync-all");
        finished.Breakdown["subscriptions"].Removed.ShouldBe(3);
    }

    [Fact, Order(7)]
    public async Task One_subscription_with_a_billing_term_the_connector_does_not_know_is_recorded_and_the_rest_stored()
    {
        World.Serve();
        var before = (await http.GetFromJsonAsync<Page<JsonElement>>(Subscriptions))!.TotalCount;
        var unknown = World.Subscriptions[0];
        var term = unknown["billingTerm"];
        unknown["billingTerm"] = "Activation";
        World.Subscriptions[1]["quantity"] = 39;
        World.Serve();

        var run = await fixture.SyncAsync();

        unknown["billingTerm"] = term;
        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        var skipped = run.Skipped.ShouldHaveSingleItem();
        skipped.What.ShouldBe($"Pax8 subscription {unknown["id"]}");
        skipped.Reason.ShouldStartWith("content[0].billingTerm is 'Activation'");
        run.Breakdown["subscriptions"].Changed.ShouldBe(1, "the rest of the page was stored");
        run.Breakdown["subscriptions"].Removed.ShouldBe(0, "the skipped subscription is not taken as gone");
        (await http.GetFromJsonAsync<Page<JsonElement>>(Subscriptions))!.TotalCount.ShouldBe(before);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static async Task<List<string>> OutboxPayloadsAsync(NpgsqlConnection connection, string eventName) =>
        [.. await connection.QueryAsync<string>(
            "SELECT payload::text FROM outbox_messages WHERE message_type LIKE @type ORDER BY sequence",
            new { type = $"%.{eventName}, %" })];
}

public sealed record Page<T>(List<T> Items, [property: System.Text.Json.Serialization.JsonPropertyName("page")] int PageNumber, int PageSize, long TotalCount);
