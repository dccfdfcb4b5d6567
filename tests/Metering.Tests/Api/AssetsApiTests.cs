using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Api;

[Trait("Category", "Integration")]
public sealed class AssetsApiTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string Assets = "/api/metering/assets";
    private static readonly DateTimeOffset March10 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly HttpClient http = fixture.Client;

    // Tests of one class share a database: each one reports its assets under its own source and lists by it.
    private readonly string source = "src-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task An_asset_is_shown_with_every_member_of_the_contract()
    {
        var client = await fixture.KnownClientAsync($"{source} Contoso");
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", March10, description: "File server", unitTypeKey: "backup-gb"),
            Reading(source, "srv-1", March10.AddHours(1), unitTypeKey: "licences"),
        ], clientScope: client));
        var id = await AssetIdAsync("srv-1");

        var response = await http.GetAsync($"{Assets}/{id}");

        var json = await response.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        json.EnumerateObject().Select(member => member.Name).ShouldBe([
            "id", "source", "externalId", "name", "displayName", "description", "clientId", "clientName", "assignedBy",
            "acknowledged", "acknowledgedAt", "enabled", "disregarded", "disregardedAt", "firstSeenAt", "lastSeenAt",
            "createdAt", "unitTypeKeys", "unboundUnitTypeKeys",
        ]);
        var asset = json.Deserialize<AssetDto>(JsonSerializerOptions.Web)!;
        (asset.Id, asset.Source, asset.ExternalId, asset.Name, asset.DisplayName, asset.Description)
            .ShouldBe((id, source, "srv-1", null, "srv-1", "File server"));
        (asset.ClientId, asset.ClientName, asset.AssignedBy).ShouldBe((client, $"{source} Contoso", "key"));
        (asset.Acknowledged, asset.AcknowledgedAt, asset.Enabled, asset.Disregarded, asset.DisregardedAt)
            .ShouldBe((false, null, true, false, null));
        (asset.FirstSeenAt, asset.LastSeenAt).ShouldBe((March10, March10.AddHours(1)));
        asset.UnitTypeKeys.ShouldBe(["backup-gb", "licences"]);
        asset.UnboundUnitTypeKeys.ShouldBe(["backup-gb", "licences"]);
    }

    [Fact]
    public async Task Each_view_lists_its_assets_and_only_the_disregarded_view_shows_disregarded_ones()
    {
        var client = await fixture.KnownClientAsync($"{source} Views");
        await DiscoverAsync("unassigned-new");
        await DiscoverAsync("assigned-acknowledged", clientScope: client);
        await DiscoverAsync("bound", clientScope: client);
        await DiscoverAsync("disregarded");
        await PostAsync("assigned-acknowledged", "acknowledge");
        await PostAsync("bound", "acknowledge");
        await PostAsync("disregarded", "disregard");
        await BindAsync("bound", "backup-gb");

        (await ExternalIdsAsync("view=all"))
            .ShouldBe(["assigned-acknowledged", "bound", "unassigned-new"], ignoreOrder: true);
        (await ExternalIdsAsync("")).ShouldBe(await ExternalIdsAsync("view=all"), ignoreOrder: true);
        (await ExternalIdsAsync("view=unassigned")).ShouldBe(["unassigned-new"]);
        (await ExternalIdsAsync("view=new")).ShouldBe(["unassigned-new"]);
        (await ExternalIdsAsync("view=unbound")).ShouldBe(["assigned-acknowledged", "unassigned-new"], ignoreOrder: true);
        (await ExternalIdsAsync("view=disregarded")).ShouldBe(["disregarded"]);

        var bound = await GetAsync("bound");
        bound.UnitTypeKeys.ShouldBe(["backup-gb"]);
        bound.UnboundUnitTypeKeys.ShouldBeEmpty();
    }

    [Fact]
    public async Task Search_matches_external_id_name_source_and_description_in_any_case()
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        await DiscoverAsync($"ext-{token}");
        await DiscoverAsync("named");
        await DiscoverAsync("described", description: $"Rack {token.ToUpperInvariant()} left");
        await DiscoverAsync("other");
        await http.PatchAsJsonAsync($"{Assets}/{await AssetIdAsync("named")}", new { name = $"Server {token}" });

        (await ExternalIdsAsync($"search={token.ToUpperInvariant()}"))
            .ShouldBe([$"ext-{token}", "named", "described"], ignoreOrder: true);
        (await ExternalIdsAsync($"search={source[4..]}")).Count.ShouldBe(4);
    }

    [Fact]
    public async Task Filters_by_client_source_and_enabled()
    {
        var client = await fixture.KnownClientAsync($"{source} Filtered");
        await DiscoverAsync("of-client", clientScope: client);
        await DiscoverAsync("disabled");
        await DiscoverAsync("plain");
        await PostAsync("disabled", "disable");

        (await ExternalIdsAsync($"clientId={client}")).ShouldBe(["of-client"]);
        (await ExternalIdsAsync("enabled=false")).ShouldBe(["disabled"]);
        (await ExternalIdsAsync("enabled=true")).ShouldBe(["of-client", "plain"], ignoreOrder: true);
        (await ListAsync($"source={source}-none")).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task Sorts_by_the_requested_field_and_pages()
    {
        var alpha = await fixture.KnownClientAsync($"{source} Alpha");
        var bravo = await fixture.KnownClientAsync($"{source} bravo");
        await DiscoverAsync("c", observedAt: March10.AddHours(1), clientScope: bravo);
        await DiscoverAsync("a", observedAt: March10.AddHours(3));
        await DiscoverAsync("b", observedAt: March10.AddHours(2), clientScope: alpha);

        (await ExternalIdsAsync("")).ShouldBe(["a", "b", "c"]);
        (await ExternalIdsAsync("sort=lastSeen&direction=asc")).ShouldBe(["c", "b", "a"]);
        (await ExternalIdsAsync("sort=externalId")).ShouldBe(["a", "b", "c"]);
        (await ExternalIdsAsync("sort=externalId&direction=desc")).ShouldBe(["c", "b", "a"]);
        (await ExternalIdsAsync("sort=client")).ShouldBe(["b", "c", "a"]);
        (await ExternalIdsAsync("sort=client&direction=desc")).ShouldBe(["c", "b", "a"]);

        var second = await ListAsync("sort=externalId&page=2&pageSize=2");
        (second.Page, second.PageSize, second.TotalCount).ShouldBe((2, 2, 3L));
        second.Items.ShouldHaveSingleItem().ExternalId.ShouldBe("c");
    }

    [Theory]
    [InlineData("view=archived", "view")]
    [InlineData("sort=name", "sort")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("clientId=not-a-uuid", "clientId")]
    [InlineData("enabled=maybe", "enabled")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task An_invalid_list_query_is_a_validation_problem(string query, string parameter)
    {
        var response = await http.GetAsync($"{Assets}?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([parameter]);
    }

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("enable")]
    [InlineData("disable")]
    [InlineData("disregard")]
    [InlineData("restore")]
    [InlineData("unassign")]
    public async Task Actions_on_an_unknown_asset_are_404(string action)
    {
        var response = await http.PostAsync($"{Assets}/{Guid.NewGuid()}/{action}", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Acknowledging_is_idempotent_and_audited_once()
    {
        await DiscoverAsync("srv-1");
        var id = await AssetIdAsync("srv-1");

        var first = await PostAsync("srv-1", "acknowledge");
        var again = await PostAsync("srv-1", "acknowledge");

        first.Acknowledged.ShouldBeTrue();
        again.AcknowledgedAt.ShouldBe(first.AcknowledgedAt);
        var entry = (await fixture.AuditEntriesAsync("assets", id)).ShouldHaveSingleItem();
        entry.Action.ShouldBe("acknowledge");
        JsonDocument.Parse(entry.OldValues!).RootElement.GetProperty("acknowledgedAt").ValueKind
            .ShouldBe(JsonValueKind.Null);
        JsonDocument.Parse(entry.NewValues!).RootElement.GetProperty("acknowledgedAt").GetDateTimeOffset()
            .ShouldBe(first.AcknowledgedAt!.Value);
    }

    [Fact]
    public async Task Disabling_enabling_disregarding_and_restoring_change_the_asset_and_are_audited()
    {
        await DiscoverAsync("srv-1");
        var id = await AssetIdAsync("srv-1");

        (await PostAsync("srv-1", "disable")).Enabled.ShouldBeFalse();
        (await PostAsync("srv-1", "disable")).Enabled.ShouldBeFalse();
        (await PostAsync("srv-1", "enable")).Enabled.ShouldBeTrue();
        var disregarded = await PostAsync("srv-1", "disregard");
        (disregarded.Disregarded, disregarded.DisregardedAt).ShouldBe((true, disregarded.DisregardedAt!.Value));
        (await PostAsync("srv-1", "disregard")).DisregardedAt.ShouldBe(disregarded.DisregardedAt);
        var restored = await PostAsync("srv-1", "restore");
        (restored.Disregarded, restored.DisregardedAt).ShouldBe((false, null));

        (await fixture.AuditEntriesAsync("assets", id)).Select(entry => entry.Action)
            .ShouldBe(["disable", "enable", "disregard", "restore"]);
    }

    [Fact]
    public async Task Renaming_sets_and_clears_the_display_name()
    {
        await DiscoverAsync("srv-1");
        var id = await AssetIdAsync("srv-1");

        var renamed = await (await http.PatchAsJsonAsync($"{Assets}/{id}", new { name = "  Mail server  " }))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);
        var unchanged = await (await http.PatchAsJsonAsync($"{Assets}/{id}", new { }))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);
        var cleared = await (await http.PatchAsJsonAsync($"{Assets}/{id}", new { name = "" }))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);

        (renamed.Name, renamed.DisplayName).ShouldBe(("Mail server", "Mail server"));
        unchanged.Name.ShouldBe("Mail server");
        (cleared.Name, cleared.DisplayName).ShouldBe((null, "srv-1"));
        var entries = await fixture.AuditEntriesAsync("assets", id);
        entries.Select(entry => entry.Action).ShouldBe(["rename", "rename"]);
        entries[0].NewValues.ShouldNotBeNull().ShouldContain("\"name\": \"Mail server\"");
    }

    [Fact]
    public async Task A_name_that_is_too_long_is_a_validation_problem()
    {
        await DiscoverAsync("srv-1");

        var response = await http.PatchAsJsonAsync($"{Assets}/{await AssetIdAsync("srv-1")}",
            new { name = new string('n', 201) });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["name"]);
    }

    [Fact]
    public async Task Assigning_and_unassigning_a_client_is_manual_and_audited()
    {
        var client = await fixture.KnownClientAsync($"{source} Assigned");
        await DiscoverAsync("srv-1");
        var id = await AssetIdAsync("srv-1");

        var assigned = await (await http.PostAsJsonAsync($"{Assets}/{id}/assign", new { clientId = client }))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);
        var unassigned = await (await http.PostAsync($"{Assets}/{id}/unassign", null))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);

        (assigned.ClientId, assigned.ClientName, assigned.AssignedBy).ShouldBe((client, $"{source} Assigned", "manual"));
        (unassigned.ClientId, unassigned.ClientName, unassigned.AssignedBy).ShouldBe((null, null, null));
        (await fixture.AuditEntriesAsync("assets", id)).Select(entry => entry.Action).ShouldBe(["assign", "unassign"]);
        // Ingestion learns each new client of the asset, to keep client-scoped keys to their own assets.
        var outbox = new MeteringTestData(fixture.DatabaseConnectionString);
        var announced = (await outbox.OutboxEventsAsync(nameof(AssetClientChanged), DemoOrg))
            .Where(change => change.GetProperty("assetId").GetGuid() == id).ToList();
        announced.Select(change => $"{change.GetProperty("source").GetString()}/{change.GetProperty("externalId").GetString()}")
            .ShouldAllBe(key => key == $"{source}/srv-1");
        announced.Select(change => change.GetProperty("clientId").ValueKind == JsonValueKind.Null
            ? (Guid?)null
            : change.GetProperty("clientId").GetGuid()).ShouldBe([client, null]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"clientId":null}""")]
    [InlineData("""{"clientId":"5a1b0000-0000-4000-8000-0000000000ff"}""")]
    public async Task Assigning_needs_a_client_known_to_metering(string body)
    {
        await DiscoverAsync("srv-1");

        var response = await http.PostAsync($"{Assets}/{await AssetIdAsync("srv-1")}/assign",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["clientId"]);
        (await GetAsync("srv-1")).ClientId.ShouldBeNull();
    }

    [Fact]
    public async Task Bulk_acknowledging_counts_the_assets_it_acknowledged()
    {
        await DiscoverAsync("a");
        await DiscoverAsync("b");
        await DiscoverAsync("c");
        await PostAsync("c", "acknowledge");
        var ids = new[] { await AssetIdAsync("a"), await AssetIdAsync("b"), await AssetIdAsync("c"), Guid.NewGuid() };

        var first = await (await http.PostAsJsonAsync($"{Assets}/acknowledge", new { assetIds = ids }))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        var again = await (await http.PostAsJsonAsync($"{Assets}/acknowledge", new { assetIds = ids }))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);

        first.GetProperty("acknowledged").GetInt32().ShouldBe(2);
        again.GetProperty("acknowledged").GetInt32().ShouldBe(0);
        (await ExternalIdsAsync("view=new")).ShouldBeEmpty();
        (await fixture.AuditEntriesAsync("assets", ids[0])).ShouldHaveSingleItem().Action.ShouldBe("acknowledge");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"assetIds":[]}""")]
    public async Task Bulk_acknowledging_needs_asset_ids(string body)
    {
        var response = await http.PostAsync($"{Assets}/acknowledge",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["assetIds"]);
    }

    [Fact]
    public async Task Bulk_acknowledging_takes_at_most_a_thousand_ids()
    {
        var response = await http.PostAsJsonAsync($"{Assets}/acknowledge",
            new { assetIds = Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid()) });

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["assetIds"]);
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_and_changes_only_its_own_clients_assets()
    {
        var own = await fixture.KnownClientAsync($"{source} Own");
        var other = await fixture.KnownClientAsync($"{source} Other");
        await DiscoverAsync("own", clientScope: own);
        await DiscoverAsync("other", clientScope: other);
        await DiscoverAsync("unassigned");
        var otherId = await AssetIdAsync("other");
        var ownId = await AssetIdAsync("own");
        using var scoped = fixture.CreateClient(TestTokens.For(DemoOrg, Roles.Admin, clientScope: own));

        var list = await (await scoped.GetAsync($"{Assets}?source={source}")).ShouldBeJsonAsync<PagedResult<AssetDto>>(
            HttpStatusCode.OK);
        list.Items.Select(asset => asset.ExternalId).ShouldBe(["own"]);
        (await (await scoped.GetAsync($"{Assets}?source={source}&view=unassigned"))
            .ShouldBeJsonAsync<PagedResult<AssetDto>>(HttpStatusCode.OK)).TotalCount.ShouldBe(0);
        await (await scoped.GetAsync($"{Assets}/{otherId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.GetAsync($"{Assets}/{otherId}/usage")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PostAsync($"{Assets}/{otherId}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PatchAsJsonAsync($"{Assets}/{otherId}", new { name = "taken" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PostAsJsonAsync($"{Assets}/{await AssetIdAsync("unassigned")}/assign", new { clientId = own }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PostAsJsonAsync($"{Assets}/{ownId}/assign", new { clientId = other }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await scoped.PostAsync($"{Assets}/{ownId}/unassign", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await (await scoped.PostAsJsonAsync($"{Assets}/acknowledge", new { assetIds = new[] { otherId, ownId } }))
            .ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("acknowledged").GetInt32().ShouldBe(1);
        (await (await scoped.PostAsync($"{Assets}/{ownId}/disable", null)).ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK))
            .Enabled.ShouldBeFalse();

        var untouched = await GetAsync("other");
        (untouched.Name, untouched.Enabled, untouched.Acknowledged, untouched.ClientId).ShouldBe((null, true, false, other));
    }

    [Fact]
    public async Task A_read_only_caller_may_list_but_not_change_assets()
    {
        await DiscoverAsync("srv-1");
        using var reader = fixture.CreateClient(TestTokens.For(DemoOrg, Roles.ReadOnly));

        (await reader.GetAsync($"{Assets}?source={source}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PostAsync($"{Assets}/{await AssetIdAsync("srv-1")}/acknowledge", null)).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Usage_has_a_point_per_utc_day_aggregated_with_the_unit_types_aggregation()
    {
        var peakKey = $"{source}-peak";
        (await http.PostAsJsonAsync("/api/metering/unit-types", new
        {
            key = peakKey, name = "Peak", basePrice = 1m, overagePrice = 1m, currency = "AUD", aggregation = "max",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        await fixture.PublishAndWaitAsync(Batch([
            Reading(source, "srv-1", today.AddDays(-2).AddHours(3), 3m, peakKey),
            Reading(source, "srv-1", today.AddDays(-2).AddHours(9), 5m, peakKey),
            Reading(source, "srv-1", today.AddHours(1), 2m, peakKey),
            Reading(source, "srv-1", today.AddDays(-5), 100m, peakKey),
            Reading(source, "srv-1", today.AddDays(-2).AddHours(1), 1.5m, "unknown-unit"),
            Reading(source, "srv-1", today.AddDays(-2).AddHours(2), 2.5m, "unknown-unit"),
        ]));
        var id = await AssetIdAsync("srv-1");

        var usage = await (await http.GetAsync($"{Assets}/{id}/usage?days=3"))
            .ShouldBeJsonAsync<AssetUsageDto>(HttpStatusCode.OK);

        var days = new[] { today.AddDays(-2), today.AddDays(-1), today }
            .Select(day => DateOnly.FromDateTime(day.UtcDateTime)).ToArray();
        (usage.AssetId, usage.From, usage.To).ShouldBe((id, days[0], days[2]));
        usage.Series.Select(series => (series.UnitTypeKey, series.Aggregation, series.Total))
            .ShouldBe([(peakKey, "max", 5m), ("unknown-unit", "sum", 4m)]);
        usage.Series[0].Points.ShouldBe(
            [new UsagePointDto(days[0], 5m), new UsagePointDto(days[1], 0m), new UsagePointDto(days[2], 2m)]);
        usage.Series[1].Points.Select(point => point.Value).ShouldBe([4m, 0m, 0m]);

        // As text: the unit type's precision (2 by default, also for a key no unit type has) on every figure.
        var json = await http.GetStringAsync($"{Assets}/{id}/usage?days=3");
        json.ShouldContain($"\"unitTypeKey\":\"{peakKey}\",\"aggregation\":\"max\",\"precision\":2,\"total\":5.00,");
        json.ShouldContain("\"unitTypeKey\":\"unknown-unit\",\"aggregation\":\"sum\",\"precision\":2,\"total\":4.00,");
        json.ShouldContain($"{{\"day\":\"{days[1]:yyyy-MM-dd}\",\"value\":0.00}}");

        var month = await (await http.GetAsync($"{Assets}/{id}/usage")).ShouldBeJsonAsync<AssetUsageDto>(HttpStatusCode.OK);
        month.Series[0].Points.Count.ShouldBe(30);
        month.Series[0].Total.ShouldBe(100m);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(91)]
    public async Task The_usage_window_is_one_to_ninety_days(int days)
    {
        await DiscoverAsync("srv-1");

        var response = await http.GetAsync($"{Assets}/{await AssetIdAsync("srv-1")}/usage?days={days}");

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["days"]);
    }

    private async Task DiscoverAsync(string externalId, DateTimeOffset? observedAt = null, Guid? clientScope = null,
        string? description = null) =>
        await fixture.PublishAndWaitAsync(Batch([Reading(source, externalId, observedAt ?? March10,
            description: description)], clientScope: clientScope));


    private Task<Guid> AssetIdAsync(string externalId) => fixture.AssetIdAsync(source, externalId);

    private async Task<AssetDto> GetAsync(string externalId) =>
        await (await http.GetAsync($"{Assets}/{await AssetIdAsync(externalId)}"))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);

    private async Task<AssetDto> PostAsync(string externalId, string action) =>
        await (await http.PostAsync($"{Assets}/{await AssetIdAsync(externalId)}/{action}", null))
            .ShouldBeJsonAsync<AssetDto>(HttpStatusCode.OK);

    private async Task<PagedResult<AssetDto>> ListAsync(string query) =>
        await (await http.GetAsync($"{Assets}?source={source}&{query}"))
            .ShouldBeJsonAsync<PagedResult<AssetDto>>(HttpStatusCode.OK);

    private async Task<List<string>> ExternalIdsAsync(string query) =>
        (await ListAsync(query)).Items.Select(asset => asset.ExternalId).ToList();

    /// <summary>
    /// Binds the asset to a new bucket of a new unit type with <paramref name="unitTypeKey"/>, as the buckets API would.
    /// </summary>
    private async Task BindAsync(string externalId, string unitTypeKey)
    {
        var unitType = await (await http.PostAsJsonAsync("/api/metering/unit-types", new
        {
            key = unitTypeKey, name = unitTypeKey, basePrice = 1m, overagePrice = 1m, currency = "AUD", aggregation = "sum",
        })).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Created);
        var asset = await GetAsync(externalId);
        await using var connection = await fixture.OpenDatabaseAsync();
        await connection.ExecuteAsync("""
            INSERT INTO buckets (org_id, id, client_id, name, unit_type_id, aggregation, commit_units, base_price,
                                 overage_price, currency, reviewed, auto_provisioned, created_at, updated_at)
            VALUES (@org, @bucket, @client, 'Bucket', @unitType, 'sum', 0, 0, 0, 'AUD', true, false, now(), now());
            INSERT INTO bucket_assets (org_id, bucket_id, asset_id, bound_at, bound_by)
            VALUES (@org, @bucket, @asset, now(), @org);
            """, new
        {
            org = DemoOrg, bucket = Guid.NewGuid(), client = asset.ClientId, unitType = unitType.GetProperty("id").GetGuid(),
            asset = asset.Id,
        });
    }
}
