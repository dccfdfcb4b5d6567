using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Api;

[Trait("Category", "Integration")]
public sealed class AssignmentRulesApiTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string Rules = "/api/metering/assignment-rules";
    private static readonly DateTimeOffset March10 = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private readonly HttpClient http = fixture.Client;

    // Rules apply to every asset of the organization: each test's assets and patterns carry its own tag.
    private readonly string tag = "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_a_rule_assigns_the_matching_unassigned_assets_at_once()
    {
        var client = await fixture.KnownClientAsync($"{tag} Contoso");
        var elsewhere = await fixture.KnownClientAsync($"{tag} Elsewhere");
        await DiscoverAsync($"{tag}-SRV-1", $"{tag}-srv-2", $"{tag}-db-1");
        await DiscoverAsync([$"{tag}-srv-3"], clientScope: elsewhere);

        var rule = await CreateAsync($"{tag}-srv-*", "asset-id", client);

        (rule.Pattern, rule.Target, rule.ClientId, rule.ClientName, rule.AssignedAssets)
            .ShouldBe(($"{tag}-srv-*", "asset-id", client, $"{tag} Contoso", 2));
        (await ClientsOfAsync()).ShouldBe(new Dictionary<string, (Guid?, string?)>
        {
            [$"{tag}-SRV-1"] = (client, "rule"),
            [$"{tag}-srv-2"] = (client, "rule"),
            [$"{tag}-db-1"] = (null, null),
            [$"{tag}-srv-3"] = (elsewhere, "key"),
        }, ignoreOrder: true);
        (await fixture.AuditEntriesAsync("asset_assignment_rules", rule.Id)).ShouldHaveSingleItem().Action
            .ShouldBe("create");
        var assetId = await fixture.AssetIdAsync(tag, $"{tag}-srv-2");
        var assetAudit = await fixture.AuditEntriesAsync("assets", assetId);
        assetAudit.ShouldHaveSingleItem().Action.ShouldBe("assign");
        assetAudit[0].NewValues.ShouldNotBeNull().ShouldContain("\"assignedBy\": \"rule\"");
    }

    [Fact]
    public async Task A_source_rule_matches_the_assets_source()
    {
        var client = await fixture.KnownClientAsync($"{tag} By source");
        await DiscoverAsync([$"{tag}-x"], source: $"{tag}-veeam");
        await DiscoverAsync([$"{tag}-y"], source: $"{tag}-ninja");

        var rule = await CreateAsync($"{tag}-VEEAM", "source", client);

        rule.AssignedAssets.ShouldBe(1);
        (await ClientsOfAsync())[$"{tag}-x"].ShouldBe((client, "rule"));
        (await ClientsOfAsync())[$"{tag}-y"].ShouldBe((null, null));
    }

    [Fact]
    public async Task The_target_defaults_to_the_asset_id()
    {
        var client = await fixture.KnownClientAsync($"{tag} Default target");

        var response = await http.PostAsJsonAsync(Rules, new { pattern = $"{tag}-*", clientId = client });

        (await response.ShouldBeJsonAsync<AssignmentRuleDto>(HttpStatusCode.Created)).Target.ShouldBe("asset-id");
    }

    [Fact]
    public async Task The_list_is_oldest_first_pages_and_counts_the_assets_each_rule_covers()
    {
        var client = await fixture.KnownClientAsync($"{tag} Listed");
        var first = await CreateAsync($"{tag}-a*", "asset-id", client);
        var second = await CreateAsync($"{tag}-b*", "asset-id", client);
        var third = await CreateAsync($"{tag}-c*", "asset-id", client);
        await DiscoverAsync($"{tag}-b1", $"{tag}-b2", $"{tag}-c1");

        var rules = await ListAsync(http, "pageSize=200");
        var mine = rules.Items.Where(rule => rule.Pattern.StartsWith(tag, StringComparison.Ordinal)).ToList();
        mine.Select(rule => rule.Id).ShouldBe([first.Id, second.Id, third.Id]);
        mine.Select(rule => rule.AssignedAssets).ShouldBe([0, 2, 1]);

        var page = await ListAsync(http, "page=2&pageSize=1");
        (page.Page, page.PageSize).ShouldBe((2, 1));
        page.Items.Count.ShouldBe(1);
        page.TotalCount.ShouldBe(rules.TotalCount);
    }

    [Fact]
    public async Task Deleting_a_rule_keeps_the_clients_it_assigned_and_is_audited()
    {
        var client = await fixture.KnownClientAsync($"{tag} Deleted rule");
        await DiscoverAsync($"{tag}-srv-1");
        var rule = await CreateAsync($"{tag}-srv-*", "asset-id", client);

        (await http.DeleteAsync($"{Rules}/{rule.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await http.DeleteAsync($"{Rules}/{rule.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        (await ListAsync(http, "pageSize=200")).Items.ShouldNotContain(listed => listed.Id == rule.Id);
        (await ClientsOfAsync())[$"{tag}-srv-1"].ShouldBe((client, "rule"));
        (await fixture.AuditEntriesAsync("asset_assignment_rules", rule.Id)).Select(entry => entry.Action)
            .ShouldBe(["create", "delete"]);
        // New assets no longer match it.
        await DiscoverAsync($"{tag}-srv-2");
        (await ClientsOfAsync())[$"{tag}-srv-2"].ShouldBe((null, null));
    }

    public static TheoryData<string, string> InvalidRules => new()
    {
        { """{"target":"asset-id","clientId":"CLIENT"}""", "pattern" },
        { """{"pattern":"  ","clientId":"CLIENT"}""", "pattern" },
        { $$"""{"pattern":"{{new string('p', 201)}}","clientId":"CLIENT"}""", "pattern" },
        { """{"pattern":"srv-*","target":"description","clientId":"CLIENT"}""", "target" },
        { """{"pattern":"srv-*"}""", "clientId" },
        { """{"pattern":"srv-*","clientId":"5a1b0000-0000-4000-8000-0000000000ff"}""", "clientId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task An_invalid_rule_is_a_validation_problem_naming_the_member(string json, string member)
    {
        var client = await fixture.KnownClientAsync($"{tag} Valid");

        var response = await http.PostAsync(Rules, new StringContent(json.Replace("CLIENT", client.ToString()),
            Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe([member]);
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_its_clients_rules_and_changes_none()
    {
        var own = await fixture.KnownClientAsync($"{tag} Own");
        var other = await fixture.KnownClientAsync($"{tag} Other");
        var ownRule = await CreateAsync($"{tag}-own-*", "asset-id", own);
        var otherRule = await CreateAsync($"{tag}-other-*", "asset-id", other);
        using var scoped = fixture.CreateClient(TestTokens.For(DemoOrg, Roles.Admin, clientScope: own));

        (await ListAsync(scoped, "pageSize=200")).Items.Select(rule => rule.Id).ShouldBe([ownRule.Id]);
        await (await scoped.PostAsJsonAsync(Rules, new { pattern = "*", clientId = own }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await scoped.DeleteAsync($"{Rules}/{otherRule.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await ListAsync(http, "pageSize=200")).Items.ShouldContain(rule => rule.Id == otherRule.Id);
    }

    private async Task<AssignmentRuleDto> CreateAsync(string pattern, string target, Guid clientId) =>
        await (await http.PostAsJsonAsync(Rules, new { pattern, target, clientId }))
            .ShouldBeJsonAsync<AssignmentRuleDto>(HttpStatusCode.Created);

    private static async Task<PagedResult<AssignmentRuleDto>> ListAsync(HttpClient caller, string query) =>
        await (await caller.GetAsync($"{Rules}?{query}")).ShouldBeJsonAsync<PagedResult<AssignmentRuleDto>>(
            HttpStatusCode.OK);

    private Task DiscoverAsync(params string[] externalIds) => DiscoverAsync(externalIds, clientScope: null);

    private async Task DiscoverAsync(string[] externalIds, Guid? clientScope = null, string? source = null) =>
        await fixture.PublishAndWaitAsync(Batch(
            externalIds.Select(externalId => Reading(source ?? tag, externalId, March10)).ToList(), clientScope));



    /// <summary>Client and how it was assigned, by external id, of this test's assets.</summary>
    private async Task<Dictionary<string, (Guid? ClientId, string? AssignedBy)>> ClientsOfAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        var rows = await connection.QueryAsync<(string ExternalId, Guid? ClientId, string? AssignedBy)>(
            "SELECT external_id, client_id, assigned_by FROM assets WHERE external_id LIKE @prefix",
            new { prefix = tag + "-%" });
        return rows.ToDictionary(row => row.ExternalId, row => (row.ClientId, row.AssignedBy));
    }
}
