using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Tests.Connectors;
using BillingOne.Testing;
using Dapper;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// Approve and adjust against a Pax8 stand-in: proposals from device counts, a bulk approval where Pax8 fails one row
/// with 5xx (every row ends applied or failed with a reason, each applied change audited once), the retry, and an
/// adjustment a crash left applying whose change already reached Pax8, a dismissal and the CSV. The steps build on
/// each other.
/// </summary>
[Trait("Category", "Integration")]
[TestCaseOrderer("BillingOne.Subscription.Tests.Sync.DeclarationOrderer", "BillingOne.Subscription.Tests")]
public sealed class LicenceAdjustmentsTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private const string Adjustments = "/api/subscription/adjustments";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, Guid> Clients = [];
    private static readonly Dictionary<string, Guid> Proposals = [];
    private readonly HttpClient http = fixture.Client;

    private sealed record Adjustment(Guid Id, Guid ClientId, Guid SubscriptionId, int QuantityBefore,
        int ProposedQuantity, int? ApprovedQuantity, int? QuantityAfter, string State, string? Error, int Attempts);

    private sealed record Proposal(Adjustment Adjustment, int RemainingVariance);

    private sealed record RowResult(Guid Id, string? State, int? QuantityAfter, string? Error);

    private sealed record BulkResult(List<RowResult> Results, int Applied, int Failed);

    // Subscription numbers: Alpha 11 (20 devices licensed), Beta 12 (5), Gamma 13 (8), Delta 14 (3).
    private static readonly string[] Names = ["Alpha Dental", "Beta Legal", "Gamma Retail", "Delta Freight"];

    [Fact, Order(1)]
    public async Task Proposals_take_the_quantity_that_removes_each_clients_variance()
    {
        foreach (var name in Names)
        {
            using var created = await http.PostAsJsonAsync("/api/subscription/clients", new { name });
            Clients[name] = (await created.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }
        fixture.World.Products.Add(Pax8World.Product(1, "Defender for Endpoint P1", "Device", 4.50m));
        for (var index = 0; index < Names.Length; index++)
        {
            fixture.World.Companies.Add(Pax8World.Company(index + 1, Names[index]));
            fixture.World.Subscriptions.Add(Pax8World.Subscription(11 + index, index + 1, 1, new[] { 20, 5, 8, 3 }[index], 4.50m));
        }
        fixture.World.Serve();
        (await fixture.SyncAsync()).Status.ShouldBe(SyncRunStatus.Completed);

        var alpha = await ProposeAsync("Alpha Dental", devices: 25);
        var beta = await ProposeAsync("Beta Legal", devices: 7);
        var gamma = await ProposeAsync("Gamma Retail", devices: 6);

        alpha.Adjustment.SubscriptionId.ShouldBe(Pax8Stub.IdOf(11));
        (alpha.Adjustment.QuantityBefore, alpha.Adjustment.ProposedQuantity, alpha.Adjustment.State).ShouldBe((20, 25, "proposed"));
        beta.Adjustment.ProposedQuantity.ShouldBe(7);
        gamma.Adjustment.ProposedQuantity.ShouldBe(6);
        gamma.RemainingVariance.ShouldBe(0);
        // Proposing again replaces the waiting proposal rather than adding one.
        var again = await ProposeAsync("Alpha Dental", devices: 26);
        again.Adjustment.Id.ShouldBe(alpha.Adjustment.Id);
        again.Adjustment.ProposedQuantity.ShouldBe(26);
        Proposals["Alpha Dental"] = alpha.Adjustment.Id;
        Proposals["Beta Legal"] = beta.Adjustment.Id;
        Proposals["Gamma Retail"] = gamma.Adjustment.Id;
    }

    [Fact, Order(2)]
    public async Task Bad_input_is_a_400_naming_the_field_and_a_matched_client_has_nothing_to_adjust()
    {
        using var negative = await http.PostAsJsonAsync(Adjustments, new { clientId = Clients["Delta Freight"], devices = -1 });
        using var missing = await http.PostAsJsonAsync(Adjustments, new { devices = 3 });
        using var matched = await http.PostAsJsonAsync(Adjustments, new { clientId = Clients["Delta Freight"], devices = 3 });
        using var unknown = await http.PostAsJsonAsync(Adjustments, new { clientId = Guid.NewGuid(), devices = 3 });
        using var badQuantity = await http.PostAsJsonAsync($"{Adjustments}/{Proposals["Alpha Dental"]}/approve",
            new { quantity = -1 });
        using var badState = await http.GetAsync($"{Adjustments}?state=done");
        // Per product: Delta's 3 Defender seats cover its 3 devices; a product it has no subscription of has none to change.
        var defender = Pax8Stub.IdOf(2_000_001);
        using var matchedProduct = await http.PostAsJsonAsync(Adjustments,
            new { clientId = Clients["Delta Freight"], devices = 3, productId = defender });
        using var otherProduct = await http.PostAsJsonAsync(Adjustments,
            new { clientId = Clients["Delta Freight"], devices = 9, productId = Guid.NewGuid() });
        using var badProduct = await http.PostAsJsonAsync(Adjustments,
            new { clientId = Clients["Delta Freight"], devices = 9, productId = "defender" });

        (await negative.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldContain("devices");
        (await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldContain("clientId");
        await matched.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await matchedProduct.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await otherProduct.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await badProduct.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await badQuantity.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldContain("quantity");
        (await badState.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldContain("state");
        (await GetAsync(Proposals["Alpha Dental"])).State.ShouldBe("proposed");
    }

    [Fact, Order(3)]
    public async Task A_bulk_approval_with_a_vendor_5xx_mid_list_ends_every_row_applied_or_failed_with_a_reason()
    {
        GivenUpdateAnswers(11, 26);
        GivenUpdateFailsWith503(12);
        GivenUpdateAnswers(13, 6);

        using var response = await http.PostAsJsonAsync($"{Adjustments}/approve", new { });
        var bulk = await response.ShouldBeJsonAsync<BulkResult>(HttpStatusCode.OK);

        bulk.Results.Select(result => result.Id).ShouldBe(
            [Proposals["Alpha Dental"], Proposals["Beta Legal"], Proposals["Gamma Retail"]], ignoreOrder: true);
        bulk.Results.ShouldAllBe(result => result.State == "applied" || (result.State == "failed" && result.Error != null));
        (bulk.Applied, bulk.Failed).ShouldBe((2, 1));
        var beta = await GetAsync(Proposals["Beta Legal"]);
        beta.State.ShouldBe("failed");
        beta.Error.ShouldBe($"Pax8 answered 503 for subscriptions/{Pax8Stub.IdOf(12)}: Service unavailable");
        (await GetAsync(Proposals["Alpha Dental"])).QuantityAfter.ShouldBe(26);
        (await StoredQuantityAsync(11)).ShouldBe(26);
        (await StoredQuantityAsync(12)).ShouldBe(5);
        (await AuditedChangesAsync(11)).ShouldBe(["{\"quantity\": 20} → {\"quantity\": 26}"]);
        (await AuditedChangesAsync(13)).ShouldHaveSingleItem();
        (await AuditedChangesAsync(12)).ShouldBeEmpty();
        // The client's licence figures move at once, so reconciliation compares again.
        (await LicenceEventsAsync(Clients["Alpha Dental"])).Last().DeviceLicenses.ShouldBe(26);
    }

    [Fact, Order(4)]
    public async Task A_failed_row_is_retried_once_pax8_answers_and_only_then_audited()
    {
        fixture.World.Serve();
        GivenUpdateAnswers(12, 7);

        using var retried = await http.PostAsync($"{Adjustments}/{Proposals["Beta Legal"]}/retry", null);
        using var again = await http.PostAsync($"{Adjustments}/{Proposals["Beta Legal"]}/retry", null);
        using var approvedTwice = await http.PostAsJsonAsync($"{Adjustments}/{Proposals["Alpha Dental"]}/approve", new { });

        var beta = await retried.ShouldBeJsonAsync<Adjustment>(HttpStatusCode.OK);
        (beta.State, beta.QuantityAfter, beta.Attempts, beta.Error).ShouldBe(("applied", (int?)7, 2, (string?)null));
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await approvedTwice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await AuditedChangesAsync(12)).ShouldBe(["{\"quantity\": 5} → {\"quantity\": 7}"]);
        (await AuditedChangesAsync(11)).Count.ShouldBe(1);
    }

    [Fact, Order(5)]
    public async Task An_edited_approval_sets_the_persons_quantity()
    {
        var proposal = await ProposeAsync("Delta Freight", devices: 9);
        GivenUpdateAnswers(14, 8);

        using var approved = await http.PostAsJsonAsync($"{Adjustments}/{proposal.Adjustment.Id}/approve", new { quantity = 8 });

        var delta = await approved.ShouldBeJsonAsync<Adjustment>(HttpStatusCode.OK);
        (delta.ProposedQuantity, delta.ApprovedQuantity, delta.QuantityAfter, delta.State).ShouldBe((9, (int?)8, (int?)8, "applied"));
        var sent = fixture.Stub.Server.LogEntries.Last(entry => entry.RequestMessage.Method == "PUT");
        JsonDocument.Parse(sent.RequestMessage.Body!).RootElement.GetProperty("quantity").GetInt32().ShouldBe(8);
    }

    [Fact, Order(6)]
    public async Task An_adjustment_a_crash_left_applying_completes_without_a_second_update_when_pax8_has_it()
    {
        var proposal = await ProposeAsync("Gamma Retail", devices: 10);
        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            await connection.ExecuteAsync(
                "UPDATE licence_adjustments SET state = 'applying', approved_quantity = proposed_quantity, attempts = 1 WHERE id = @id",
                new { id = proposal.Adjustment.Id });
        }
        // Pax8 took the change before the crash.
        var gamma = fixture.World.Subscriptions.Single(subscription => (Guid)subscription["id"]! == Pax8Stub.IdOf(13));
        gamma["quantity"] = 10;
        fixture.World.Serve();

        using var retried = await http.PostAsync($"{Adjustments}/{proposal.Adjustment.Id}/retry", null);

        (await retried.ShouldBeJsonAsync<Adjustment>(HttpStatusCode.OK)).State.ShouldBe("applied");
        fixture.Stub.Server.LogEntries.ShouldNotContain(entry => entry.RequestMessage.Method == "PUT");
        (await AuditedChangesAsync(13)).ShouldBe(["{\"quantity\": 8} → {\"quantity\": 6}", "{\"quantity\": 6} → {\"quantity\": 10}"]);
        var listed = await http.GetFromJsonAsync<JsonElement>($"{Adjustments}?clientId={Clients["Gamma Retail"]}&state=applied");
        listed.GetProperty("totalCount").GetInt64().ShouldBe(2);
    }

    [Fact, Order(7)]
    public async Task A_dismissed_proposal_sends_nothing_frees_the_subscription_and_shows_in_the_csv()
    {
        fixture.World.Serve();
        var proposal = await ProposeAsync("Beta Legal", devices: 4);

        using var dismissed = await http.PostAsync($"{Adjustments}/{proposal.Adjustment.Id}/dismiss", null);
        using var again = await http.PostAsync($"{Adjustments}/{proposal.Adjustment.Id}/dismiss", null);
        using var applied = await http.PostAsync($"{Adjustments}/{Proposals["Alpha Dental"]}/dismiss", null);
        using var unknown = await http.PostAsync($"{Adjustments}/{Guid.NewGuid()}/dismiss", null);

        (await dismissed.ShouldBeJsonAsync<Adjustment>(HttpStatusCode.OK)).State.ShouldBe("dismissed");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await applied.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        fixture.Stub.Server.LogEntries.ShouldNotContain(entry => entry.RequestMessage.Method == "PUT");
        (await StoredQuantityAsync(12)).ShouldBe(7);
        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            (await connection.QuerySingleAsync<string>("""
                SELECT (old_values->>'state') || ' → ' || (new_values->>'state') FROM audit_log
                WHERE table_name = 'licence_adjustments' AND record_id = @id ORDER BY created_at DESC, id DESC LIMIT 1
                """, new { id = proposal.Adjustment.Id.ToString() })).ShouldBe("proposed → dismissed");
        }
        // The subscription may be proposed again: the dismissed row no longer holds it.
        var next = await ProposeAsync("Beta Legal", devices: 4);
        next.Adjustment.Id.ShouldNotBe(proposal.Adjustment.Id);

        using var export = await http.GetAsync($"{Adjustments}/export?clientId={Clients["Beta Legal"]}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType?.MediaType.ShouldBe("text/csv");
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("Adjustment ID,Client ID,Subscription ID,Product,Devices,Quantity Before,Proposed Quantity," +
            "Approved Quantity,Quantity After,State,Error,Attempts,Proposed By,Proposed At,Approved By,Approved At,Applied At");
        var listed = (await http.GetFromJsonAsync<JsonElement>($"{Adjustments}?clientId={Clients["Beta Legal"]}"))
            .GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid().ToString()).ToList();
        lines.Skip(1).Select(line => line.Split(',')[0]).ShouldBe(listed, "the CSV holds the list's rows in its order");
        var rows = lines.Skip(1).Select(line => line.Split(',')).ToDictionary(fields => Guid.Parse(fields[0]));
        rows[proposal.Adjustment.Id][3..10].ShouldBe(["Defender for Endpoint P1", "4", "7", "4", "", "", "dismissed"]);
        rows[Proposals["Beta Legal"]][3..12].ShouldBe(["Defender for Endpoint P1", "7", "5", "7", "7", "7", "applied", "", "2"]);
        using var badState = await http.GetAsync($"{Adjustments}/export?state=done");
        (await badState.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldContain("state");
    }

    private async Task<Proposal> ProposeAsync(string client, int devices)
    {
        using var response = await http.PostAsJsonAsync(Adjustments, new { clientId = Clients[client], devices });
        return await response.ShouldBeJsonAsync<Proposal>(HttpStatusCode.Created);
    }

    private async Task<Adjustment> GetAsync(Guid id) => (await http.GetFromJsonAsync<Adjustment>($"{Adjustments}/{id}", Json))!;

    private void GivenUpdateAnswers(int number, int quantity)
    {
        var updated = new Dictionary<string, object?>(
            fixture.World.Subscriptions.Single(subscription => (Guid)subscription["id"]! == Pax8Stub.IdOf(number)))
        {
            ["quantity"] = quantity,
        };
        fixture.Stub.Server.Given(Request.Create().WithPath($"/v1/subscriptions/{Pax8Stub.IdOf(number)}").UsingPut())
            .AtPriority(5).RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(updated));
    }

    private void GivenUpdateFailsWith503(int number) =>
        fixture.Stub.Server.Given(Request.Create().WithPath($"/v1/subscriptions/{Pax8Stub.IdOf(number)}").UsingPut())
            .AtPriority(5).RespondWith(Response.Create().WithStatusCode(503).WithBodyAsJson(new { title = "Service unavailable" }));

    private async Task<int> StoredQuantityAsync(int number)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        return await connection.ExecuteScalarAsync<int>("SELECT quantity FROM pax8_subscriptions WHERE id = @id",
            new { id = Pax8Stub.IdOf(number) });
    }

    /// <summary>The subscription's audited quantity changes, oldest first, as "old → new" quantities.</summary>
    private async Task<List<string>> AuditedChangesAsync(int number)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        return [.. await connection.QueryAsync<string>("""
            SELECT jsonb_build_object('quantity', old_values->'quantity')::text || ' → ' ||
                   jsonb_build_object('quantity', new_values->'quantity')::text
            FROM audit_log WHERE table_name = 'pax8_subscriptions' AND record_id = @id
            ORDER BY created_at, id
            """, new { id = Pax8Stub.IdOf(number).ToString() })];
    }

    private async Task<List<ClientLicensesChanged>> LicenceEventsAsync(Guid clientId)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        return [.. (await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE '%.ClientLicensesChanged, %' AND payload->>'clientId' = @clientId
            ORDER BY sequence
            """, new { clientId = clientId.ToString() }))
            .Select(payload => JsonSerializer.Deserialize<ClientLicensesChanged>(payload, Json)!)];
    }
}
