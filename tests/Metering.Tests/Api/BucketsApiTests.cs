using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Testing;

namespace BillingOne.Metering.Tests.Api;

[Trait("Category", "Integration")]
public class BucketsApiTests(FixedClockMeteringFixture fixture) : IClassFixture<FixedClockMeteringFixture>
{
    private const string Buckets = MeteringRequests.Buckets;

    private readonly HttpClient http = fixture.Client;
    private readonly MeteringTestData data = fixture.Data;

    // Tests of one class share a database: each one makes its own clients and unit types with its own tag.
    private readonly string tag = "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_a_bucket_takes_the_unit_types_terms_and_answers_201_with_its_location()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-gb", "Backup GB", aggregation: "max");
        var client = await data.ClientAsync($"{tag} Contoso");

        var response = await http.PostAsJsonAsync(Buckets, new
        {
            clientId = client, name = "  Contoso backup  ", unitTypeId = unitType.Id, commitUnits = 40m,
        });

        var created = await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.ShouldBe($"{Buckets}/{created.Id}");
        var now = fixture.Clock.GetUtcNow();
        created.ShouldBe(new BucketDto(created.Id, ClientId: client, ClientName: $"{tag} Contoso",
            Name: "Contoso backup", SourceType: null, UnitTypeId: unitType.Id, UnitTypeKey: unitType.Key,
            UnitTypeName: "Backup GB", Aggregation: "max", CommitUnits: 40m, BasePrice: 500m, OveragePrice: 6m,
            Currency: "AUD", Reviewed: true, Enabled: true, AutoProvisioned: false, BoundAssets: 0,
            Usage: new BucketUsageDto(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), 0m, 500m, 0m, 40m, 500m, 0m, "on-track"),
            CreatedAt: now, UpdatedAt: now));

        (await http.GetBucketAsync(created.Id)).ShouldBe(created);
    }

    [Fact]
    public async Task Given_terms_replace_the_unit_types()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-terms", "Licences");
        var client = await data.ClientAsync($"{tag} client");

        var response = await http.PostAsJsonAsync(Buckets, new
        {
            clientId = client, name = "Veeam", sourceType = " veeam ", unitTypeId = unitType.Id, aggregation = "LAST",
            commitUnits = 10.5m, basePrice = 99.9m, overagePrice = 0.123456m, currency = "eur", reviewed = false,
            enabled = false,
        });

        var created = await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.Created);
        created.SourceType.ShouldBe("veeam");
        created.Aggregation.ShouldBe("last");
        created.CommitUnits.ShouldBe(10.5m);
        created.BasePrice.ShouldBe(99.9m);
        created.OveragePrice.ShouldBe(0.123456m);
        created.Currency.ShouldBe("EUR");
        created.Reviewed.ShouldBeFalse();
        created.Enabled.ShouldBeFalse();
    }

    public static TheoryData<string, string[]> InvalidBuckets => new()
    {
        { """{"name":"N","unitTypeId":"{unitType}","commitUnits":1}""", ["clientId"] },
        { """{"clientId":"{client}","unitTypeId":"{unitType}","commitUnits":1}""", ["name"] },
        { """{"clientId":"{client}","name":"   ","unitTypeId":"{unitType}","commitUnits":1}""", ["name"] },
        { $$"""{"clientId":"{client}","name":"{{new string('n', 201)}}","unitTypeId":"{unitType}","commitUnits":1}""", ["name"] },
        { """{"clientId":"{client}","name":"N","commitUnits":1}""", ["unitTypeId"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unknown}","commitUnits":1}""", ["unitTypeId"] },
        { """{"clientId":"{unknown}","name":"N","unitTypeId":"{unitType}","commitUnits":1}""", ["clientId"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}"}""", ["commitUnits"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":-1}""", ["commitUnits"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1.00001}""", ["commitUnits"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"basePrice":-1}""", ["basePrice"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"overagePrice":0.0000001}""", ["overagePrice"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"currency":"dollars"}""", ["currency"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"currency":"USD"}""", ["basePrice", "overagePrice"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"currency":"USD","basePrice":1}""", ["overagePrice"] },
        { """{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"aggregation":"median"}""", ["aggregation"] },
        { $$"""{"clientId":"{client}","name":"N","unitTypeId":"{unitType}","commitUnits":1,"sourceType":"{{new string('s', 257)}}"}""", ["sourceType"] },
    };

    [Theory]
    [MemberData(nameof(InvalidBuckets))]
    public async Task An_invalid_bucket_is_a_validation_problem_naming_the_members_and_saves_nothing(string json,
        string[] fields)
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-invalid", "Invalid");
        var client = await data.ClientAsync($"{tag} client");
        var body = json.Replace("{client}", client.ToString()).Replace("{unitType}", unitType.Id.ToString())
            .Replace("{unknown}", Guid.NewGuid().ToString());

        var response = await http.PostAsync(Buckets, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.Order().ShouldBe(fields);
        (await ListAsync($"clientId={client}")).TotalCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("""{"clientId": "unclosed""")]
    [InlineData("""{"clientId":"not-a-uuid","name":"N","commitUnits":1}""")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_bucket_object_is_a_400_problem(string json)
    {
        var response = await http.PostAsync(Buckets, new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Patch_changes_only_the_given_members_and_an_empty_source_type_clears_it()
    {
        var (client, unitType) = await SceneAsync("patch");
        var created = await http.CreateBucketAsync(client, unitType.Id, "Before", sourceType: "veeam");
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await http.PatchAsJsonAsync($"{Buckets}/{created.Id}", new
        {
            name = "After", sourceType = "", aggregation = "avg", commitUnits = 7m, basePrice = 1.5m,
            overagePrice = 0.25m, reviewed = false, enabled = false,
        });

        var updated = await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.OK);
        updated.ShouldBe(created with
        {
            Name = "After",
            SourceType = null,
            Aggregation = "avg",
            CommitUnits = 7m,
            BasePrice = 1.5m,
            OveragePrice = 0.25m,
            Reviewed = false,
            Enabled = false,
            UpdatedAt = updated.UpdatedAt,
            Usage = updated.Usage,
        });
        updated.UpdatedAt.ShouldBeGreaterThan(created.UpdatedAt);
        updated.Usage.Cost.ShouldBe(1.5m);

        var reviewed = await http.PatchAsJsonAsync($"{Buckets}/{created.Id}", new { reviewed = true });
        (await reviewed.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.OK)).Reviewed.ShouldBeTrue();
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"aggregation":"median"}""", "aggregation")]
    [InlineData("""{"commitUnits":-1}""", "commitUnits")]
    [InlineData("""{"basePrice":1.00001}""", "basePrice")]
    [InlineData("""{"overagePrice":-0.5}""", "overagePrice")]
    public async Task An_invalid_patch_is_a_validation_problem_and_changes_nothing(string json, string field)
    {
        var (client, unitType) = await SceneAsync("invalid-patch");
        var created = await http.CreateBucketAsync(client, unitType.Id);

        var response = await http.PatchAsync($"{Buckets}/{created.Id}",
            new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
        (await http.GetBucketAsync(created.Id)).ShouldBe(created);
    }

    [Fact]
    public async Task The_list_filters_searches_sorts_and_pages()
    {
        var storage = await http.CreateUnitTypeAsync($"{tag}-storage", "Storage");
        var licences = await http.CreateUnitTypeAsync($"{tag}-licences", "Licences");
        var zulu = await data.ClientAsync($"{tag} Zulu");
        var alpha = await data.ClientAsync($"{tag} Alpha");
        var charlie = await http.CreateBucketAsync(zulu, storage.Id, "Charlie", sourceType: "veeam");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var bravo = await http.CreateBucketAsync(alpha, licences.Id, "bravo");
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var delta = await http.CreateBucketAsync(alpha, storage.Id, "Delta", sourceType: "Acronis");
        await http.PatchAsJsonAsync($"{Buckets}/{delta.Id}", new { reviewed = false, enabled = false });

        var both = $"search={tag}";
        (await IdsAsync(both)).ShouldBe([bravo.Id, charlie.Id, delta.Id]);
        (await IdsAsync($"{both}&sort=name&direction=desc")).ShouldBe([delta.Id, charlie.Id, bravo.Id]);
        (await IdsAsync($"{both}&sort=client")).ShouldBe([bravo.Id, delta.Id, charlie.Id]);
        (await IdsAsync($"{both}&sort=created&direction=desc")).ShouldBe([delta.Id, bravo.Id, charlie.Id]);
        (await IdsAsync($"clientId={alpha}")).ShouldBe([bravo.Id, delta.Id]);
        (await IdsAsync($"{both}&unitTypeId={storage.Id}")).ShouldBe([charlie.Id, delta.Id]);
        (await IdsAsync($"{both}&sourceType=VEEAM")).ShouldBe([charlie.Id]);
        (await IdsAsync($"{both}&reviewed=false")).ShouldBe([delta.Id]);
        (await IdsAsync($"{both}&enabled=true")).ShouldBe([bravo.Id, charlie.Id]);
        (await IdsAsync($"search={tag} zulu")).ShouldBe([charlie.Id]);
        (await IdsAsync($"search={tag}-LICENCES")).ShouldBe([bravo.Id]);

        var page = await ListAsync($"{both}&pageSize=2&page=2");
        page.TotalCount.ShouldBe(3);
        page.Page.ShouldBe(2);
        page.PageSize.ShouldBe(2);
        page.Items.ShouldHaveSingleItem().Id.ShouldBe(delta.Id);
    }

    [Theory]
    [InlineData("clientId=abc", "clientId")]
    [InlineData("unitTypeId=1", "unitTypeId")]
    [InlineData("reviewed=maybe", "reviewed")]
    [InlineData("enabled=2", "enabled")]
    [InlineData("sort=price", "sort")]
    [InlineData("direction=up", "direction")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task An_invalid_list_query_is_a_validation_problem_naming_the_parameter(string query, string field)
    {
        var response = await http.GetAsync($"{Buckets}?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task Bound_assets_are_listed_in_the_assets_shape_and_binding_again_changes_nothing()
    {
        var (client, unitType) = await SceneAsync("bind");
        var bucket = await http.CreateBucketAsync(client, unitType.Id);
        var server = await data.AssetAsync(client, $"{tag}-srv", [unitType.Key, "other-unit"]);
        var laptop = await data.AssetAsync(client, $"{tag}-laptop", [unitType.Key]);

        (await http.BindAsync(bucket.Id, server, laptop, server)).ShouldBe(2);
        (await http.BindAsync(bucket.Id, laptop)).ShouldBe(0);

        var bound = await (await http.GetAsync($"{Buckets}/{bucket.Id}/assets?pageSize=1"))
            .ShouldBeJsonAsync<PagedResult<BoundAssetDto>>(HttpStatusCode.OK);
        bound.TotalCount.ShouldBe(2);
        var first = bound.Items.ShouldHaveSingleItem();
        new[] { server, laptop }.ShouldContain(first.Id);
        var all = await (await http.GetAsync($"{Buckets}/{bucket.Id}/assets"))
            .ShouldBeJsonAsync<PagedResult<BoundAssetDto>>(HttpStatusCode.OK);
        var serverRow = all.Items.Single(asset => asset.Id == server);
        serverRow.ExternalId.ShouldBe($"{tag}-srv");
        serverRow.DisplayName.ShouldBe($"{tag}-srv");
        serverRow.Source.ShouldBe("agent");
        serverRow.ClientId.ShouldBe(client);
        serverRow.ClientName.ShouldBe($"{tag} bind");
        serverRow.AssignedBy.ShouldBe("manual");
        serverRow.Acknowledged.ShouldBeFalse();
        serverRow.Enabled.ShouldBeTrue();
        serverRow.Disregarded.ShouldBeFalse();
        serverRow.UnitTypeKeys.ShouldBe([unitType.Key, "other-unit"], ignoreOrder: true);
        serverRow.UnboundUnitTypeKeys.ShouldBe(["other-unit"]);
        (await http.GetBucketAsync(bucket.Id)).BoundAssets.ShouldBe(2);

        (await http.DeleteAsync($"{Buckets}/{bucket.Id}/assets/{laptop}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await http.DeleteAsync($"{Buckets}/{bucket.Id}/assets/{laptop}"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await http.GetBucketAsync(bucket.Id)).BoundAssets.ShouldBe(1);
    }

    [Fact]
    public async Task Assets_that_cannot_feed_the_bucket_are_a_conflict_naming_each_and_nothing_is_bound()
    {
        var (client, unitType) = await SceneAsync("conflicts");
        var otherClient = await data.ClientAsync($"{tag} other");
        var bucket = await http.CreateBucketAsync(client, unitType.Id, sourceType: "agent");
        var sibling = await http.CreateBucketAsync(client, unitType.Id, "Sibling");
        var free = await data.AssetAsync(client, $"{tag}-free", [unitType.Key]);
        var taken = await data.AssetAsync(client, $"{tag}-taken", [unitType.Key]);
        await http.BindAsync(sibling.Id, taken);
        var foreign = await data.AssetAsync(otherClient, $"{tag}-foreign", [unitType.Key]);
        var unassigned = await data.AssetAsync(null, $"{tag}-unassigned", [unitType.Key]);
        var disregarded = await data.AssetAsync(client, $"{tag}-disregarded", [unitType.Key], disregarded: true);
        var elsewhere = await data.AssetAsync(client, $"{tag}-elsewhere", [unitType.Key], source: "veeam");

        var response = await http.PostAsJsonAsync($"{Buckets}/{bucket.Id}/assets", new
        {
            assetIds = new[] { free, taken, foreign, unassigned, disregarded, elsewhere },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var conflicts = problem.GetProperty("conflicts").EnumerateArray()
            .ToDictionary(conflict => conflict.GetProperty("assetId").GetGuid(),
                conflict => conflict.GetProperty("reason").GetString());
        conflicts.ShouldBe(new Dictionary<Guid, string?>
        {
            [taken] = "feeds-another-bucket",
            [foreign] = "another-client",
            [unassigned] = "unassigned",
            [disregarded] = "disregarded",
            [elsewhere] = "another-source",
        }, ignoreOrder: true);
        problem.GetProperty("conflicts").EnumerateArray()
            .Single(conflict => conflict.GetProperty("assetId").GetGuid() == taken)
            .GetProperty("bucketId").GetGuid().ShouldBe(sibling.Id);
        problem.GetProperty("detail").GetString()!.ShouldContain(sibling.Id.ToString());
        (await http.GetBucketAsync(bucket.Id)).BoundAssets.ShouldBe(0);
    }

    [Fact]
    public async Task An_asset_may_feed_buckets_of_different_unit_types_and_a_deleted_bucket_frees_its_assets()
    {
        var (client, storage) = await SceneAsync("two-units");
        var licences = await http.CreateUnitTypeAsync($"{tag}-licences", "Licences");
        var asset = await data.AssetAsync(client, $"{tag}-asset", [storage.Key, licences.Key]);
        var storageBucket = await http.CreateBucketAsync(client, storage.Id);
        var licenceBucket = await http.CreateBucketAsync(client, licences.Id);
        await http.BindAsync(storageBucket.Id, asset);

        (await http.BindAsync(licenceBucket.Id, asset)).ShouldBe(1);

        var replacement = await http.CreateBucketAsync(client, storage.Id, "Replacement");
        (await http.DeleteAsync($"{Buckets}/{storageBucket.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await http.GetAsync($"{Buckets}/{storageBucket.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.DeleteAsync($"{Buckets}/{storageBucket.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await http.BindAsync(replacement.Id, asset)).ShouldBe(1);
    }

    [Theory]
    [InlineData("""{"assetIds":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"assetIds":["00000000-0000-0000-0000-000000000000"]}""")]
    public async Task A_binding_without_asset_ids_is_a_validation_problem(string json)
    {
        var (client, unitType) = await SceneAsync("no-ids");
        var bucket = await http.CreateBucketAsync(client, unitType.Id);

        var response = await http.PostAsync($"{Buckets}/{bucket.Id}/assets",
            new StringContent(json, Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["assetIds"]);
    }

    [Fact]
    public async Task Binding_an_unknown_asset_is_not_found_and_binds_none_of_the_others()
    {
        var (client, unitType) = await SceneAsync("unknown-asset");
        var bucket = await http.CreateBucketAsync(client, unitType.Id);
        var known = await data.AssetAsync(client, $"{tag}-known", [unitType.Key]);
        var unknown = Guid.NewGuid();

        var response = await http.PostAsJsonAsync($"{Buckets}/{bucket.Id}/assets", new { assetIds = new[] { known, unknown } });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("unknownAssetIds").EnumerateArray().Select(id => id.GetGuid()).ShouldBe([unknown]);
        (await http.GetBucketAsync(bucket.Id)).BoundAssets.ShouldBe(0);
    }

    [Fact]
    public async Task Unknown_buckets_are_not_found()
    {
        var id = Guid.NewGuid();

        await (await http.GetAsync($"{Buckets}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.PatchAsJsonAsync($"{Buckets}/{id}", new { name = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.DeleteAsync($"{Buckets}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync($"{Buckets}/{id}/assets")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.PostAsJsonAsync($"{Buckets}/{id}/assets", new { assetIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.DeleteAsync($"{Buckets}/{id}/assets/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_clients_buckets_are_counted_in_the_order_asked_and_a_scoped_caller_counts_only_its_own()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-count", "Counted");
        var other = await http.CreateUnitTypeAsync($"{tag}-count2", "Counted too");
        var two = await data.ClientAsync($"{tag} two");
        var one = await data.ClientAsync($"{tag} one");
        var none = await data.ClientAsync($"{tag} none");
        await http.CreateBucketAsync(two, unitType.Id, "First");
        var disabled = await http.CreateBucketAsync(two, other.Id, "Second");
        (await http.PatchAsJsonAsync($"{Buckets}/{disabled.Id}", new { enabled = false })).EnsureSuccessStatusCode();
        await http.CreateBucketAsync(one, unitType.Id, "Only");
        var unknown = Guid.NewGuid();
        using var scoped = fixture.CreateClient(
            TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.ReadOnly, clientScope: one));

        var counts = await (await http.GetAsync($"{Buckets}/counts?clientId={none}&clientId={two}&clientId={one}&clientId={unknown}&clientId={two}"))
            .ShouldBeJsonAsync<List<ClientBucketCountDto>>(HttpStatusCode.OK);
        var scopedCounts = await (await scoped.GetAsync($"{Buckets}/counts?clientId={two}&clientId={one}"))
            .ShouldBeJsonAsync<List<ClientBucketCountDto>>(HttpStatusCode.OK);

        counts.ShouldBe([new(none, 0), new(two, 2), new(one, 1), new(unknown, 0)]);
        scopedCounts.ShouldBe([new(two, 0), new(one, 1)]);
    }

    [Theory]
    [InlineData("", "clientId")]
    [InlineData("?clientId=nope", "clientId")]
    [InlineData("?clientId=", "clientId")]
    public async Task A_bucket_count_without_valid_client_ids_is_a_validation_problem(string query, string field)
    {
        var problem = await (await http.GetAsync($"{Buckets}/counts{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Counting_more_than_a_page_of_clients_is_refused()
    {
        var query = string.Join('&', Enumerable.Range(0, 101).Select(_ => $"clientId={Guid.NewGuid()}"));

        var problem = await (await http.GetAsync($"{Buckets}/counts?{query}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.GetProperty("errors").GetProperty("clientId")[0].GetString().ShouldBe("Give 1–100 clientId values; 101 given.");
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_and_changes_only_its_own_clients_buckets()
    {
        var unitType = await http.CreateUnitTypeAsync($"{tag}-scope", "Scoped");
        var own = await data.ClientAsync($"{tag} own");
        var other = await data.ClientAsync($"{tag} other");
        var ownBucket = await http.CreateBucketAsync(own, unitType.Id, "Own");
        var otherBucket = await http.CreateBucketAsync(other, unitType.Id, "Other");
        var ownAsset = await data.AssetAsync(own, $"{tag}-own", [unitType.Key]);
        var otherAsset = await data.AssetAsync(other, $"{tag}-other", [unitType.Key]);
        using var scoped = fixture.CreateClient(
            TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.Admin, clientScope: own));

        var list = await (await scoped.GetAsync($"{Buckets}?search={tag}"))
            .ShouldBeJsonAsync<PagedResult<BucketDto>>(HttpStatusCode.OK);
        list.Items.Select(bucket => bucket.Id).ShouldBe([ownBucket.Id]);
        (await (await scoped.GetAsync($"{Buckets}?clientId={other}"))
            .ShouldBeJsonAsync<PagedResult<BucketDto>>(HttpStatusCode.OK)).TotalCount.ShouldBe(0);
        await (await scoped.GetAsync($"{Buckets}/{otherBucket.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PatchAsJsonAsync($"{Buckets}/{otherBucket.Id}", new { name = "Stolen" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.DeleteAsync($"{Buckets}/{otherBucket.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.GetAsync($"{Buckets}/{otherBucket.Id}/assets")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PostAsJsonAsync($"{Buckets}/{otherBucket.Id}/assets", new { assetIds = new[] { otherAsset } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        // Another client's asset is as unknown to this caller as an id that does not exist.
        await (await scoped.PostAsJsonAsync($"{Buckets}/{ownBucket.Id}/assets", new { assetIds = new[] { otherAsset } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await scoped.PostAsJsonAsync(Buckets, new { clientId = other, name = "N", unitTypeId = unitType.Id, commitUnits = 1 }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await scoped.BindAsync(ownBucket.Id, ownAsset)).ShouldBe(1);
        var created = await scoped.PostAsJsonAsync(Buckets, new { clientId = own, name = "Mine", unitTypeId = unitType.Id, commitUnits = 1 });
        await created.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.Created);
        (await http.GetBucketAsync(otherBucket.Id)).Name.ShouldBe("Other");
    }

    [Fact]
    public async Task Another_organization_neither_sees_nor_changes_the_bucket()
    {
        var (client, unitType) = await SceneAsync("other-org");
        var bucket = await http.CreateBucketAsync(client, unitType.Id);
        using var other = fixture.CreateClient(TestTokens.For(Guid.NewGuid(), Roles.Admin));

        await (await other.GetAsync($"{Buckets}/{bucket.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"{Buckets}/{bucket.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await other.GetAsync(Buckets)).ShouldBeJsonAsync<PagedResult<BucketDto>>(HttpStatusCode.OK))
            .TotalCount.ShouldBe(0);
        // Neither the demo organization's client nor its unit type exists in the other organization.
        var create = await other.PostAsJsonAsync(Buckets, new { clientId = client, name = "N", unitTypeId = unitType.Id, commitUnits = 1 });
        (await create.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["unitTypeId"]);
    }

    [Fact]
    public async Task A_read_only_caller_may_read_but_not_change()
    {
        var (client, unitType) = await SceneAsync("read-only");
        var bucket = await http.CreateBucketAsync(client, unitType.Id);
        using var reader = fixture.CreateClient(
            TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.ReadOnly));

        (await reader.GetAsync($"{Buckets}/{bucket.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync($"{Buckets}/{bucket.Id}/assets")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await reader.PatchAsJsonAsync($"{Buckets}/{bucket.Id}", new { name = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsJsonAsync($"{Buckets}/{bucket.Id}/assets", new { assetIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Every_change_writes_one_audit_entry_with_old_and_new_values()
    {
        var (client, unitType) = await SceneAsync("audited");
        var asset = await data.AssetAsync(client, $"{tag}-asset", [unitType.Key]);
        var bucket = await http.CreateBucketAsync(client, unitType.Id, "Audited");
        await http.PatchAsJsonAsync($"{Buckets}/{bucket.Id}", new { name = "Audited v2", reviewed = false });
        // Setting the current values, and binding an asset already bound, change nothing and are not audited.
        await http.PatchAsJsonAsync($"{Buckets}/{bucket.Id}", new { name = "Audited v2" });
        await http.BindAsync(bucket.Id, asset);
        await http.BindAsync(bucket.Id, asset);
        await http.DeleteAsync($"{Buckets}/{bucket.Id}/assets/{asset}");
        await http.BindAsync(bucket.Id, asset);
        await http.DeleteAsync($"{Buckets}/{bucket.Id}");

        var bucketEntries = await fixture.AuditEntriesAsync("buckets", bucket.Id);
        bucketEntries.Select(entry => entry.Action).ShouldBe(["create", "update", "delete"]);
        Parse(bucketEntries[0].NewValues).GetProperty("name").GetString().ShouldBe("Audited");
        Parse(bucketEntries[0].NewValues).GetProperty("aggregation").GetString().ShouldBe("sum");
        Parse(bucketEntries[1].OldValues).GetProperty("reviewed").GetBoolean().ShouldBeTrue();
        Parse(bucketEntries[1].NewValues).GetProperty("reviewed").GetBoolean().ShouldBeFalse();
        Parse(bucketEntries[1].NewValues).GetProperty("name").GetString().ShouldBe("Audited v2");
        var deleted = Parse(bucketEntries[2].OldValues);
        deleted.GetProperty("bucket").GetProperty("name").GetString().ShouldBe("Audited v2");
        deleted.GetProperty("boundAssetIds").EnumerateArray().Select(id => id.GetGuid()).ShouldBe([asset]);
        bucketEntries[2].NewValues.ShouldBeNull();

        var bindingEntries = await fixture.AuditEntriesAsync("bucket_assets", bucket.Id);
        bindingEntries.Select(entry => entry.Action).ShouldBe(["create", "delete", "create"]);
        Parse(bindingEntries[0].NewValues).GetProperty("assetIds").EnumerateArray().Select(id => id.GetGuid())
            .ShouldBe([asset]);
        Parse(bindingEntries[1].OldValues).GetProperty("assetIds").EnumerateArray().Select(id => id.GetGuid())
            .ShouldBe([asset]);
    }

    private static JsonElement Parse(string? json) => JsonDocument.Parse(json!).RootElement;

    private async Task<(Guid Client, UnitTypeDto UnitType)> SceneAsync(string name) =>
        (await data.ClientAsync($"{tag} {name}"), await http.CreateUnitTypeAsync($"{tag}-{name}", name));

    private async Task<PagedResult<BucketDto>> ListAsync(string query) =>
        await (await http.GetAsync($"{Buckets}?{query}")).ShouldBeJsonAsync<PagedResult<BucketDto>>(HttpStatusCode.OK);

    private async Task<List<Guid>> IdsAsync(string query) =>
        (await ListAsync(query)).Items.Select(bucket => bucket.Id).ToList();
}
