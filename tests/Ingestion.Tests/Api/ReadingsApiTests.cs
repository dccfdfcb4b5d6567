using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using static BillingOne.Ingestion.Tests.Api.SentReadings;

namespace BillingOne.Ingestion.Tests.Api;

[Trait("Category", "Integration")]
public sealed class ReadingsApiTests(IngestionApiFixture fixture) : IClassFixture<IngestionApiFixture>, IAsyncLifetime
{
    private const string Readings = "/api/ingestion/readings";

    // Tests of one class share a database: each one acts in its own organization, so events and counts are its own.
    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid keyId = Guid.NewGuid();

    public Task InitializeAsync() => fixture.KnowUnitTypesAsync(orgId, UnitType);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task New_readings_are_accepted_and_announced_together_in_one_event_in_canonical_form()
    {
        var observedAt = new DateTimeOffset(DateTime.UtcNow.AddHours(-2).Ticks / 10 * 10 + 7, TimeSpan.Zero);

        var response = await IngestAsync(JsonArray(
            Reading("r-1", quantity: 12.50m, observedAt: observedAt.ToOffset(TimeSpan.FromHours(2)))
                .With("description", "  nightly  "),
            Reading("r-2", quantity: "3.000")));

        response.BatchId.ShouldNotBeNull();
        (response.Accepted, response.Duplicates, response.Conflicts, response.Rejected, response.Suppressed)
            .ShouldBe((2, 0, 0, 0, 0));
        response.Outcomes.ShouldBe(
            [new OutcomeDto(0, "r-1", "accepted", null), new OutcomeDto(1, "r-2", "accepted", null)]);
        var accepted = (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem();
        (accepted.BatchId, accepted.OrgId, accepted.ActorId, accepted.ClientScope)
            .ShouldBe((response.BatchId.Value, orgId, keyId, (Guid?)null));
        accepted.Readings.Select(reading => reading.Id).ShouldBe(["r-1", "r-2"]);
        var first = accepted.Readings[0];
        (first.AssetSource, first.AssetExternalId, first.UnitTypeKey, first.Quantity, first.Description)
            .ShouldBe(("veeam", "srv-01", UnitType, 12.5m, "nightly"));
        first.ObservedAt.ShouldBe(observedAt.AddTicks(-7));
        first.ObservedAt.Offset.ShouldBe(TimeSpan.Zero);
        accepted.Readings[1].Quantity.ShouldBe(3m);
        accepted.Readings[1].Description.ShouldBeNull();
    }

    [Fact]
    public async Task Ndjson_is_read_line_by_line_and_a_broken_line_is_rejected_on_its_own()
    {
        var body = Body(
            $"{JsonSerializer.Serialize(Reading("a"))}\nnot json\n\n{JsonSerializer.Serialize(Reading("b"))}\n",
            "application/x-ndjson");

        var response = await IngestAsync(body);

        response.Outcomes.ShouldBe([
            new OutcomeDto(0, "a", "accepted", null),
            new OutcomeDto(1, null, "rejected", "Line 2 is not valid JSON (byte 2)."),
            new OutcomeDto(2, "b", "accepted", null),
        ]);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["a", "b"]);
    }

    public static TheoryData<string, object?, string> InvalidReadings => new()
    {
        { "quantity", -1, "quantity must be 0 or more" },
        { "quantity", "NaN", "quantity 'NaN' is not a finite decimal number" },
        { "quantity", "-Infinity", "quantity '-Infinity' is not a finite decimal number" },
        { "quantity", "twelve", "quantity 'twelve' is not a finite decimal number" },
        { "quantity", 1.1234567, "quantity must have at most 6 decimal places" },
        { "quantity", "100000000000000", "quantity must be at most 99999999999999.999999" },
        { "quantity", 1e30, "quantity must be at most 99999999999999.999999" },
        { "quantity", null, "quantity is required" },
        { "quantity", true, "Quantity must be a number or a numeric string." },
        { "id", "   ", "id is required" },
        { "id", new string('i', 129), "id must be at most 128 characters" },
        { "assetSource", null, "assetSource is required" },
        { "assetSource", new string('s', 257), "assetSource must be at most 256 characters" },
        { "assetExternalId", "", "assetExternalId is required" },
        { "assetExternalId", new string('e', 257), "assetExternalId must be at most 256 characters" },
        { "assetExternalId", "srv\u000001", "assetExternalId must not contain control characters" },
        { "unitTypeKey", "nope", "unitTypeKey 'nope' is not a known unit type" },
        { "unitTypeKey", "BACKUP-GB", "unitTypeKey 'BACKUP-GB' is not a known unit type" },
        { "unitTypeKey", new string('u', 257), "unitTypeKey must be at most 256 characters" },
        { "description", new string('d', 1025), "description must be at most 1024 characters" },
        { "observedAt", "2025-06-15T10:00:00", "ObservedAt must include a UTC offset or Z." },
        { "observedAt", "yesterday", "ObservedAt must be an ISO 8601 timestamp such as 2025-01-31T23:00:00Z." },
    };

    [Theory]
    [MemberData(nameof(InvalidReadings))]
    public async Task An_invalid_reading_is_rejected_with_its_reason_and_nothing_is_stored(
        string property, object? value, string reason)
    {
        var response = await IngestAsync(JsonArray(Reading("r-1").With(property, value)));

        response.BatchId.ShouldBeNull();
        (response.Accepted, response.Rejected).ShouldBe((0, 1));
        var outcome = response.Outcomes.ShouldHaveSingleItem();
        outcome.Status.ShouldBe("rejected");
        outcome.Reason.ShouldBe(reason);
        // As sent, also when another field could not be read.
        outcome.Id.ShouldBe(property == "id" ? (string?)value : "r-1");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_problem_of_a_reading_is_named_and_missing_properties_count_as_missing()
    {
        var response = await IngestAsync(JsonArray(Reading(null).Without("id").Without("observedAt").With("quantity", -2)));

        response.Outcomes.ShouldHaveSingleItem().Reason
            .ShouldBe("id is required; quantity must be 0 or more; observedAt is required");
    }

    [Fact]
    public async Task Observed_times_count_from_the_call_24_hours_ahead_and_400_days_back()
    {
        var now = DateTimeOffset.UtcNow;

        var response = await IngestAsync(JsonArray(
            Reading("future", observedAt: now.AddHours(25)),
            Reading("old", observedAt: now.AddDays(-401)),
            Reading("soon", observedAt: now.AddHours(23)),
            Reading("late", observedAt: now.AddDays(-399))));

        response.Outcomes.Select(o => o.Status).ShouldBe(["rejected", "rejected", "accepted", "accepted"]);
        response.Outcomes[0].Reason.ShouldNotBeNull().ShouldEndWith("is more than 24 h in the future");
        response.Outcomes[1].Reason.ShouldNotBeNull().ShouldEndWith("is older than the retention of 400 days");
    }

    [Fact]
    public async Task Repeated_ids_in_one_call_are_duplicates_or_conflicts_and_the_first_reading_is_kept()
    {
        var response = await IngestAsync(JsonArray(
            Reading("a", quantity: 1m), Reading("a", quantity: "1.000"), Reading("a", quantity: 2m), Reading("b")));

        response.Outcomes.Select(o => o.Status).ShouldBe(["accepted", "duplicate", "conflict", "accepted"]);
        response.Outcomes[1].Reason.ShouldBe("Same reading as position 0 of this batch.");
        response.Outcomes[2].Reason.ShouldBe(
            "Id already used at position 0 of this batch with a different payload; that reading is kept.");
        (response.Accepted, response.Duplicates, response.Conflicts).ShouldBe((2, 1, 1));
        var accepted = (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem();
        accepted.Readings.Select(r => (r.Id, r.Quantity)).ShouldBe([("a", 1m), ("b", 12.5m)]);
    }

    [Theory]
    [InlineData("exceptions")]
    [InlineData("EXCEPTIONS")]
    public async Task Outcomes_exceptions_lists_only_the_readings_not_accepted_with_the_full_counts(string outcomes)
    {
        using var http = Ingest();
        using var answer = await http.PostAsync($"{Readings}?outcomes={outcomes}", JsonArray(
            Reading("a", quantity: 1m), Reading("a", quantity: 2m), Reading("b"), Reading("c").With("quantity", -1),
            Reading("d")));

        var response = await answer.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK);
        (response.Accepted, response.Duplicates, response.Conflicts, response.Rejected).ShouldBe((3, 0, 1, 1));
        response.Outcomes.ShouldBe([
            new OutcomeDto(1, "a", "conflict",
                "Id already used at position 0 of this batch with a different payload; that reading is kept."),
            new OutcomeDto(3, "c", "rejected", "quantity must be 0 or more"),
        ]);
        var accepted = (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem();
        accepted.BatchId.ShouldBe(response.BatchId!.Value);
        accepted.Readings.Select(reading => reading.Id).ShouldBe(["a", "b", "d"]);
    }

    [Fact]
    public async Task Outcomes_all_is_the_default_answer()
    {
        using var http = Ingest();
        using var answer = await http.PostAsync($"{Readings}?outcomes=all", JsonArray(Reading("a"), Reading("b")));

        (await answer.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK)).Outcomes
            .ShouldBe([new OutcomeDto(0, "a", "accepted", null), new OutcomeDto(1, "b", "accepted", null)]);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("exception")]
    public async Task An_unknown_outcomes_value_is_refused_naming_the_parameter_and_nothing_is_stored(string outcomes)
    {
        using var http = Ingest();
        using var answer = await http.PostAsync($"{Readings}?outcomes={outcomes}", JsonArray(Reading("a")));

        var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("outcomes")[0].GetString()
            .ShouldBe("outcomes must be 'all' (the default) or 'exceptions'.");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ids_sent_again_in_a_later_call_are_accepted_and_enqueued_again_changed_or_not()
    {
        var first = await IngestAsync(JsonArray(Reading("a", quantity: 1m), Reading("b", quantity: 2m)));

        var second = await IngestAsync(Ndjson(
            Reading("a", quantity: "1.0"), Reading("b", quantity: 5m), Reading("c")));

        second.Outcomes.ShouldBe([
            new OutcomeDto(0, "a", "accepted", null),
            new OutcomeDto(1, "b", "accepted", null),
            new OutcomeDto(2, "c", "accepted", null),
        ]);
        (second.Accepted, second.Duplicates, second.Conflicts).ShouldBe((3, 0, 0));
        // Metering, storing the second batch, skips "a" (sent as it was) and reports "b" as an ingest exception.
        var events = await fixture.AcceptedEventsAsync(orgId);
        events.Select(e => e.BatchId).ShouldBe([first.BatchId!.Value, second.BatchId!.Value]);
        events[0].Readings.Select(r => (r.Id, r.Quantity)).ShouldBe([("a", 1m), ("b", 2m)]);
        events[1].Readings.Select(r => (r.Id, r.Quantity)).ShouldBe([("a", 1m), ("b", 5m), ("c", 12.5m)]);
    }

    [Fact]
    public async Task Concurrent_calls_with_the_same_ids_each_accept_all_of_them_and_each_enqueue_its_own_batch()
    {
        var ids = Enumerable.Range(0, 300).Select(i => $"r-{i:D3}").ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            IngestAsync(JsonArray(ids.Select(id => Reading(id))))));

        foreach (var response in responses)
        {
            response.Outcomes.Select(o => (o.Id, o.Status)).ShouldBe(ids.Select(id => ((string?)id, "accepted")));
        }
        var events = await fixture.AcceptedEventsAsync(orgId);
        events.Select(e => e.BatchId).ShouldBe(responses.Select(r => r.BatchId!.Value), ignoreOrder: true);
        events.Select(e => e.BatchId).Distinct().Count().ShouldBe(4);
        foreach (var batch in events)
        {
            batch.Readings.Select(r => r.Id).ShouldBe(ids);
        }
    }

    [Fact]
    public async Task Readings_matching_a_suppression_rule_are_suppressed_counted_and_never_enqueued()
    {
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var created = await admin.PostAsJsonAsync("/api/ingestion/suppressions",
            new { pattern = "LAB-*", reason = "Lab machines are not billed" });
        var rule = await created.ShouldBeJsonAsync<SuppressionDto>(HttpStatusCode.Created);

        var mixed = await IngestAsync(JsonArray(
            Reading("a", assetExternalId: "lab-01"), Reading("b"), Reading("c", assetExternalId: "lab-02")));
        var allSuppressed = await IngestAsync(JsonArray(Reading("d", assetExternalId: "lab-03")));

        mixed.Outcomes.Select(o => o.Status).ShouldBe(["suppressed", "accepted", "suppressed"]);
        mixed.Outcomes[0].Reason.ShouldBe("Matched suppression rule 'LAB-*': Lab machines are not billed");
        (mixed.Accepted, mixed.Suppressed).ShouldBe((1, 2));
        allSuppressed.BatchId.ShouldBeNull();
        allSuppressed.Suppressed.ShouldBe(1);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["b"]);
        var counted = await admin.GetFromJsonAsync<SuppressionDto>($"/api/ingestion/suppressions/{rule.Id}");
        counted!.SuppressedCount.ShouldBe(3);
        counted.LastSuppressedAt.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(rule.CreatedAt);
    }

    [Fact]
    public async Task A_client_scoped_key_has_its_client_and_key_carried_in_the_event()
    {
        var clientId = Guid.NewGuid();
        using var scoped = fixture.ClientFor(orgId, Roles.Ingest, keyId, clientId);

        using var response = await scoped.PostAsync(Readings, JsonArray(Reading("a")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var accepted = (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem();
        (accepted.ClientScope, accepted.ActorId).ShouldBe((clientId, keyId));
    }

    [Fact]
    public async Task A_client_scoped_key_cannot_put_usage_on_an_asset_that_is_not_its_clients()
    {
        var (own, other) = (Guid.NewGuid(), Guid.NewGuid());
        await DiscoverAsync("srv-own", own);
        var othersAsset = await DiscoverAsync("srv-other", other);
        await DiscoverAsync("srv-unassigned", null);
        using var scoped = fixture.ClientFor(orgId, Roles.Ingest, keyId, own);

        using var sent = await scoped.PostAsync(Readings, JsonArray(Reading("a", assetExternalId: "srv-own"),
            Reading("b", assetExternalId: "srv-other"), Reading("c", assetExternalId: "srv-unassigned"),
            Reading("d", assetExternalId: "srv-new")));

        var response = await sent.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK);
        response.Outcomes.Select(o => (o.Id, o.Status)).ShouldBe(
            [("a", "accepted"), ("b", "rejected"), ("c", "rejected"), ("d", "accepted")]);
        response.Outcomes[1].Reason.ShouldBe("Asset 'veeam/srv-other' does not belong to this key's client; a " +
            "client-scoped key may send readings only for its own client's assets.");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["a", "d"]);

        // Once the asset is given to the key's client its readings are welcome; an older change arriving late
        // does not take it back.
        var givenAt = DateTimeOffset.UtcNow;
        (await fixture.ApplyAsync(othersAsset with { ClientId = own, ChangedAt = givenAt })).ShouldBeTrue();
        (await fixture.ApplyAsync(othersAsset with { ClientId = other, ChangedAt = givenAt.AddMinutes(-1) })).ShouldBeFalse();
        using var again = await scoped.PostAsync(Readings, JsonArray(Reading("b", assetExternalId: "srv-other")));
        (await again.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK)).Accepted.ShouldBe(1);
    }

    [Fact]
    public async Task One_id_from_two_clients_and_the_organization_is_enqueued_under_each_sender()
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        await DiscoverAsync("srv-first", first);
        await DiscoverAsync("srv-second", second);
        using var firstKey = fixture.ClientFor(orgId, Roles.Ingest, clientScope: first);
        using var secondKey = fixture.ClientFor(orgId, Roles.Ingest, clientScope: second);

        var firstClients = await ScopedIngestAsync(firstKey,
            Reading("shared", quantity: 1m, assetExternalId: "srv-first"));
        var secondClients = await ScopedIngestAsync(secondKey,
            Reading("shared", quantity: 2m, assetExternalId: "srv-second"));
        var organizations = await IngestAsync(JsonArray(Reading("shared", quantity: 3m, assetExternalId: "srv-first")));
        var repeated = await ScopedIngestAsync(firstKey, Reading("shared", quantity: 9m, assetExternalId: "srv-first"));

        (firstClients.Accepted, secondClients.Accepted, organizations.Accepted, repeated.Accepted)
            .ShouldBe((1, 1, 1, 1));
        (await fixture.AcceptedEventsAsync(orgId)).Select(e => (e.ClientScope, e.Readings.Single().Quantity))
            .ShouldBe([(first, 1m), (second, 2m), ((Guid?)null, 3m), (first, 9m)]);
    }

    [Theory]
    [InlineData(Roles.Ingest)]
    [InlineData(Roles.Admin)]
    [InlineData(Roles.Owner)]
    public async Task Ingest_keys_admins_and_owners_may_ingest(string role)
    {
        using var http = fixture.ClientFor(orgId, role);

        using var response = await http.PostAsync(Readings, JsonArray(Reading("a")));

        (await response.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK)).Accepted.ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Finance)]
    public async Task Other_roles_are_forbidden_and_nothing_is_stored(string role)
    {
        using var http = fixture.ClientFor(orgId, role);

        using var response = await http.PostAsync(Readings, JsonArray(Reading("a")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_call_without_credentials_is_unauthorized()
    {
        using var http = fixture.ClientWith(null);

        using var response = await http.PostAsync(Readings, JsonArray(Reading("a")));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Other_content_types_are_unsupported(string contentType)
    {
        using var http = Ingest();

        using var response = await http.PostAsync(Readings, Body("[]", contentType));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_unsupported_and_the_problem_says_what_to_send()
    {
        using var http = Ingest();

        using var response = await http.PostAsync(Readings, Body("[]", contentType: null));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("detail").GetString()
            .ShouldBe("Send readings as application/json (an array) or application/x-ndjson (one per line).");
    }

    [Fact]
    public async Task A_json_content_type_with_a_charset_is_accepted()
    {
        var response = await IngestAsync(Body($"[{JsonSerializer.Serialize(Reading("a"))}]",
            "application/json; charset=utf-8"));

        response.Accepted.ShouldBe(1);
    }

    [Theory]
    [InlineData("""[{"id":"a"}, {"id": ]""", "The body is not a valid JSON array of readings (line 1, byte 21).")]
    [InlineData("""{"id":"a"}""", "An application/json body must be a JSON array of readings")]
    [InlineData("", "An application/json body must be a JSON array of readings")]
    public async Task A_json_body_that_is_not_an_array_of_readings_is_a_bad_request(string body, string detail)
    {
        using var http = Ingest();

        using var response = await http.PostAsync(Readings, Body(body, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldStartWith(detail);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/x-ndjson")]
    public async Task Undecodable_text_rejects_its_reading_naming_the_field_and_the_rest_is_ingested(string contentType)
    {
        // A raw 0xFF byte (never part of UTF-8) in one reading, an escaped lone surrogate in another.
        var rawByte = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Reading("a", description: "#"))).Select(b =>
            b == (byte)'#' ? (byte)0xFF : b).ToArray();
        var loneSurrogate = Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(Reading("b")).Replace("srv-01", "srv-\\ud800", StringComparison.Ordinal));
        var valid = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Reading("c")));
        byte[] body = contentType == "application/json"
            ? [.. "["u8, .. rawByte, .. ","u8, .. loneSurrogate, .. ","u8, .. valid, .. "]"u8]
            : [.. rawByte, .. "\n"u8, .. loneSurrogate, .. "\n"u8, .. valid];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new(contentType);

        var response = await IngestAsync(content);

        response.Outcomes.Select(o => (o.Id, o.Status, o.Reason)).ShouldBe([
            ("a", "rejected", Reason(contentType, 1, "description")),
            ("b", "rejected", Reason(contentType, 2, "assetExternalId")),
            ("c", "accepted", null),
        ]);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["c"]);
    }

    private static string Reason(string contentType, int line, string field) => contentType == "application/json"
        ? $"{char.ToUpperInvariant(field[0])}{field[1..]} must be valid Unicode text (UTF-8 without unpaired surrogates)."
        : $"Line {line}: {field} must be valid Unicode text (UTF-8 without unpaired surrogates).";

    [Fact]
    public async Task A_full_batch_far_above_the_service_default_body_size_is_accepted_as_one_event()
    {
        var readings = Enumerable.Range(0, 10_000)
            .Select(i => Reading($"reading-{i:D5}", quantity: i, assetExternalId: $"srv-{i % 50:D2}",
                description: $"nightly backup of volume {i}"))
            .ToList();
        var body = Ndjson(readings);
        (await body.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(2 * 1024 * 1024);

        var response = await IngestAsync(body);

        response.Accepted.ShouldBe(10_000);
        response.Outcomes.Select(o => o.Position).ShouldBe(Enumerable.Range(0, 10_000));
        var accepted = (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem();
        accepted.Readings.Count.ShouldBe(10_000);
        accepted.Readings[9_999].Quantity.ShouldBe(9_999m);
    }

    [Fact]
    public async Task More_than_10000_readings_are_too_large_and_none_is_kept()
    {
        using var http = Ingest();

        using var response = await http.PostAsync(Readings,
            Ndjson(Enumerable.Range(0, 10_001).Select(i => Reading($"r-{i}"))));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()
            .ShouldBe("A batch may hold at most 10000 readings; split it into several calls.");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_above_16_mib_is_too_large()
    {
        using var http = Ingest();
        // Declared length and Expect: 100-continue, as clients send large bodies: the refused body is never sent.
        var content = new ByteArrayContent(new byte[16 * 1024 * 1024 + 1]);
        content.Headers.ContentType = new("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, Readings) { Content = content };
        request.Headers.ExpectContinue = true;

        using var response = await http.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_batch_repeated_with_its_idempotency_key_replays_the_first_outcomes()
    {
        using var http = Ingest();
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Readings)
            {
                Content = JsonArray(Reading("k-1"), Reading("k-2")),
            };
            request.Headers.Add("Idempotency-Key", key);
            return await http.SendAsync(request);
        }

        using var first = await SendAsync();
        using var repeat = await SendAsync();

        var outcomes = await first.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK);
        outcomes.Accepted.ShouldBe(2);
        // Without the key the repeat would be a new call, its readings enqueued again in a batch of its own.
        (await repeat.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        repeat.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().BatchId.ShouldBe(outcomes.BatchId!.Value);
    }

    private HttpClient Ingest() => fixture.ClientFor(orgId, Roles.Ingest, keyId);

    private async Task<IngestResponseDto> IngestAsync(HttpContent body)
    {
        using var http = Ingest();
        using var response = await http.PostAsync(Readings, body);
        return await response.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK);
    }

    private static async Task<IngestResponseDto> ScopedIngestAsync(HttpClient key, Dictionary<string, object?> reading)
    {
        using var response = await key.PostAsync(Readings, JsonArray(reading));
        return await response.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK);
    }

    /// <summary>Metering discovered the asset with that client; returns a change of it to build on.</summary>
    private async Task<AssetClientChanged> DiscoverAsync(string externalId, Guid? clientId)
    {
        var assetId = Guid.NewGuid();
        (await fixture.ApplyAsync(new AssetDiscovered(orgId, assetId, "veeam", externalId, clientId,
            DateTimeOffset.UtcNow))).ShouldBeTrue();
        return new AssetClientChanged(orgId, assetId, "veeam", externalId, clientId, DateTimeOffset.UtcNow);
    }
}
