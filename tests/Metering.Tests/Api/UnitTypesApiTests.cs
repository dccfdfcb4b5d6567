using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Testing;

namespace BillingOne.Metering.Tests.Api;

public sealed record UnitTypeDto(Guid Id, string Key, string Name, string? Description, bool AutoProvision,
    decimal BasePrice, decimal OveragePrice, string Currency, string Aggregation, string? FilterPattern,
    decimal CommitUnits, int Precision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

[Trait("Category", "Integration")]
public class UnitTypesApiTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string UnitTypes = "/api/metering/unit-types";

    private readonly HttpClient http = fixture.Client;

    // Tests of one class share a database: each one uses keys and names with its own tag and searches by it.
    private readonly string tag = "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_a_unit_type_answers_201_with_its_location_and_stores_every_member()
    {
        var response = await http.PostAsJsonAsync(UnitTypes, new
        {
            key = $"{tag}-backup-gb",
            name = "  Backup storage (GB)  ",
            description = "Cloud backup consumed",
            autoProvision = true,
            basePrice = 12.5m,
            overagePrice = 0.012345m,
            currency = "aud",
            aggregation = "MAX",
            filterPattern = "srv-*",
            commitUnits = 500m,
        });

        var created = await response.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
        created.Key.ShouldBe($"{tag}-backup-gb");
        created.Name.ShouldBe("Backup storage (GB)");
        created.Description.ShouldBe("Cloud backup consumed");
        created.AutoProvision.ShouldBeTrue();
        created.BasePrice.ShouldBe(12.5m);
        created.OveragePrice.ShouldBe(0.012345m);
        created.Currency.ShouldBe("AUD");
        created.Aggregation.ShouldBe("max");
        created.FilterPattern.ShouldBe("srv-*");
        created.CommitUnits.ShouldBe(500m);
        created.Precision.ShouldBe(2);
        created.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        created.UpdatedAt.ShouldBe(created.CreatedAt);
        response.Headers.Location!.OriginalString.ShouldBe($"{UnitTypes}/{created.Id}");

        var fetched = await http.GetFromJsonAsync<UnitTypeDto>(response.Headers.Location);
        fetched.ShouldBe(created);
    }

    [Fact]
    public async Task Optional_members_take_their_defaults()
    {
        var created = await CreateAsync($"{tag}-licences", "Licences", aggregation: "last");

        created.Description.ShouldBeNull();
        created.FilterPattern.ShouldBeNull();
        created.AutoProvision.ShouldBeFalse();
        created.CommitUnits.ShouldBe(0m);
        created.Precision.ShouldBe(2);
        (await CreateAsync($"{tag}-devices", "Devices", aggregation: "count")).Precision.ShouldBe(0);
    }

    [Fact]
    public async Task Prices_have_the_currencys_digits_and_commits_the_precision()
    {
        var response = await http.PostAsJsonAsync(UnitTypes, new
        {
            key = $"{tag}-json", name = "Json", basePrice = 12.5m, overagePrice = 0.0125m, currency = "AUD",
            aggregation = "sum", commitUnits = 500m, precision = 3,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);

        var json = await response.Content.ReadAsStringAsync();

        json.ShouldContain("\"basePrice\":12.50,");
        json.ShouldContain("\"overagePrice\":0.0125,");
        json.ShouldContain("\"commitUnits\":500.000,");
        json.ShouldContain("\"precision\":3,");
    }

    [Fact]
    public async Task Precision_can_be_changed_and_absent_keeps_it()
    {
        var created = await CreateAsync($"{tag}-precise", "Precise");

        var changed = await (await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { precision = 0 }))
            .ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.OK);
        var kept = await (await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { name = "Renamed" }))
            .ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.OK);

        changed.Precision.ShouldBe(0);
        kept.Precision.ShouldBe(0);
    }

    [Fact]
    public async Task The_list_searches_name_and_key_and_pages()
    {
        await CreateAsync($"{tag}-b", $"{tag} Bravo");
        await CreateAsync($"{tag}-a", $"{tag} Alpha");
        await CreateAsync($"{tag}-c", $"{tag} Charlie");

        var all = await http.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag.ToUpperInvariant()}");
        all!.TotalCount.ShouldBe(3);
        all.Items.Select(unitType => unitType.Key).ShouldBe([$"{tag}-a", $"{tag}-b", $"{tag}-c"]);

        var second = await http.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag}&page=2&pageSize=2");
        second!.Page.ShouldBe(2);
        second.PageSize.ShouldBe(2);
        second.TotalCount.ShouldBe(3);
        second.Items.ShouldHaveSingleItem().Key.ShouldBe($"{tag}-c");

        var byKey = await http.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag}-b");
        byKey!.Items.ShouldHaveSingleItem().Name.ShouldBe($"{tag} Bravo");
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task An_invalid_list_query_is_a_validation_problem(string query, string field)
    {
        var response = await http.GetAsync($"{UnitTypes}?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
    }

    public static TheoryData<string, string> InvalidUnitTypes => new()
    {
        { """{"name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "key" },
        { """{"key":"","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "key" },
        { """{"key":"Backup-GB","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "key" },
        { """{"key":"backup--gb","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "key" },
        { """{"key":"-backup","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "key" },
        { $$"""{"key":"{{new string('k', 65)}}","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "key" },
        { """{"key":"k","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "name" },
        { """{"key":"k","name":"   ","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "name" },
        { $$"""{"key":"k","name":"{{new string('n', 201)}}","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "name" },
        { """{"key":"k","name":"N","overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "basePrice" },
        { """{"key":"k","name":"N","basePrice":-0.01,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "basePrice" },
        { """{"key":"k","name":"N","basePrice":1.00001,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "basePrice" },
        { """{"key":"k","name":"N","basePrice":1000000000000000,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "basePrice" },
        // Numbers decimal cannot hold exactly: before, 1e-400 was stored as 0.
        { """{"key":"k","name":"N","basePrice":1e-400,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "basePrice" },
        { """{"key":"k","name":"N","basePrice":1e400,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "basePrice" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":0.00000000000000000000000000000001,"currency":"AUD","aggregation":"sum"}""", "overagePrice" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum","commitUnits":1e-400}""", "commitUnits" },
        { """{"key":"k","name":"N\u0007","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum"}""", "name" },
        { """{"key":"k","name":"N","basePrice":1,"currency":"AUD","aggregation":"sum"}""", "overagePrice" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":-1,"currency":"AUD","aggregation":"sum"}""", "overagePrice" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":0.0000001,"currency":"AUD","aggregation":"sum"}""", "overagePrice" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"aggregation":"sum"}""", "currency" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AU","aggregation":"sum"}""", "currency" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"XAU","aggregation":"sum"}""", "currency" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD"}""", "aggregation" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"median"}""", "aggregation" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"1"}""", "aggregation" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum","commitUnits":-5}""", "commitUnits" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum","precision":7}""", "precision" },
        { """{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum","precision":-1}""", "precision" },
        { $$"""{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum","description":"{{new string('d', 2001)}}"}""", "description" },
        { $$"""{"key":"k","name":"N","basePrice":1,"overagePrice":1,"currency":"AUD","aggregation":"sum","filterPattern":"{{new string('f', 201)}}"}""", "filterPattern" },
    };

    [Theory]
    [MemberData(nameof(InvalidUnitTypes))]
    public async Task An_invalid_unit_type_is_a_validation_problem_naming_the_member(string json, string field)
    {
        var response = await http.PostAsync(UnitTypes, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
    }

    [Theory]
    [InlineData("""{"key": "unclosed""")]
    [InlineData("""{"key":"k","name":"N","basePrice":"ten","overagePrice":1,"currency":"AUD","aggregation":"sum"}""")]
    [InlineData("")]
    public async Task A_body_that_is_not_a_unit_type_object_is_a_400_problem_and_saves_nothing(string json)
    {
        var before = await http.GetFromJsonAsync<PagedResult<UnitTypeDto>>(UnitTypes);

        var response = await http.PostAsync(UnitTypes, new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await http.GetFromJsonAsync<PagedResult<UnitTypeDto>>(UnitTypes))!.TotalCount.ShouldBe(before!.TotalCount);
    }

    [Fact]
    public async Task A_duplicate_key_is_a_conflict_on_create_and_on_update()
    {
        await CreateAsync($"{tag}-taken", "First");
        var other = await CreateAsync($"{tag}-other", "Second");

        var create = await http.PostAsJsonAsync(UnitTypes, Body($"{tag}-taken", "Again"));
        await create.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var update = await http.PatchAsJsonAsync($"{UnitTypes}/{other.Id}", new { key = $"{tag}-taken" });
        await update.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await http.GetFromJsonAsync<UnitTypeDto>($"{UnitTypes}/{other.Id}"))!.Key.ShouldBe($"{tag}-other");
    }

    [Fact]
    public async Task Patch_changes_only_the_given_members_and_blank_clears_optional_ones()
    {
        var created = await CreateAsync($"{tag}-patch", "Before", description: "Old text", filterPattern: "vm-*");

        var response = await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}",
            new { name = "After", overagePrice = 0.5m, aggregation = "avg", description = "", filterPattern = "" });

        var updated = await response.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.OK);
        updated.Name.ShouldBe("After");
        updated.OveragePrice.ShouldBe(0.5m);
        updated.Aggregation.ShouldBe("avg");
        updated.Description.ShouldBeNull();
        updated.FilterPattern.ShouldBeNull();
        updated.Key.ShouldBe(created.Key);
        updated.BasePrice.ShouldBe(created.BasePrice);
        updated.Currency.ShouldBe(created.Currency);
        updated.CreatedAt.ShouldBe(created.CreatedAt);
        updated.UpdatedAt.ShouldBeGreaterThanOrEqualTo(created.UpdatedAt);
    }

    [Theory]
    [InlineData("""{"key":"Not A Slug"}""", "key")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"basePrice":-1}""", "basePrice")]
    [InlineData("""{"overagePrice":-1}""", "overagePrice")]
    [InlineData("""{"currency":"dollars"}""", "currency")]
    [InlineData("""{"aggregation":"median"}""", "aggregation")]
    [InlineData("""{"precision":7}""", "precision")]
    public async Task An_invalid_patch_is_a_validation_problem_and_changes_nothing(string json, string field)
    {
        var created = await CreateAsync($"{tag}-invalid-patch", "Unchanged");

        var response = await http.PatchAsync($"{UnitTypes}/{created.Id}",
            new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
        (await http.GetFromJsonAsync<UnitTypeDto>($"{UnitTypes}/{created.Id}")).ShouldBe(created);
        (await fixture.AuditEntriesAsync("unit_types", created.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Delete_removes_the_unit_type_and_a_second_delete_is_not_found()
    {
        var created = await CreateAsync($"{tag}-gone", "Gone");

        (await http.DeleteAsync($"{UnitTypes}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await http.GetAsync($"{UnitTypes}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.DeleteAsync($"{UnitTypes}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_ids_are_not_found()
    {
        var id = Guid.NewGuid();

        await (await http.GetAsync($"{UnitTypes}/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.PatchAsJsonAsync($"{UnitTypes}/{id}", new { name = "x" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_organization_neither_sees_nor_changes_the_unit_type_and_may_reuse_its_key()
    {
        var created = await CreateAsync($"{tag}-private", "Private");
        using var other = fixture.CreateClient(TestTokens.For(Guid.NewGuid(), Roles.Admin));

        await (await other.GetAsync($"{UnitTypes}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { name = "Stolen" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"{UnitTypes}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var list = await other.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag}");
        list!.TotalCount.ShouldBe(0);

        var reused = await other.PostAsJsonAsync(UnitTypes, Body(created.Key, "Their own"));
        await reused.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
        (await http.GetFromJsonAsync<UnitTypeDto>($"{UnitTypes}/{created.Id}")).ShouldBe(created);
    }

    [Fact]
    public async Task A_read_only_caller_may_read_but_not_change()
    {
        var created = await CreateAsync($"{tag}-read-only", "Read only");
        using var reader = fixture.CreateClient(
            TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.ReadOnly));

        (await reader.GetAsync($"{UnitTypes}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await reader.PostAsJsonAsync(UnitTypes, Body($"{tag}-denied", "Denied")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.DeleteAsync($"{UnitTypes}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_client_scoped_caller_may_read_unit_types_but_not_change_them()
    {
        var created = await CreateAsync($"{tag}-scoped", "Scoped");
        using var scoped = fixture.CreateClient(TestTokens.For(
            OrganizationContextExtensions.DemoOrganizationId, Roles.Finance, clientScope: Guid.NewGuid()));

        (await scoped.GetAsync($"{UnitTypes}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await scoped.PostAsJsonAsync(UnitTypes, Body($"{tag}-scoped-new", "Scoped new")))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await scoped.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { name = "Renamed by a client" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await scoped.DeleteAsync($"{UnitTypes}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        (await http.GetFromJsonAsync<UnitTypeDto>($"{UnitTypes}/{created.Id}")).ShouldBe(created);
        var list = await http.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag}-scoped-new");
        list!.TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_finance_caller_may_change_unit_types()
    {
        using var finance = fixture.CreateClient(
            TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.Finance));

        var response = await finance.PostAsJsonAsync(UnitTypes, Body($"{tag}-finance", "Finance made"));

        var created = await response.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
        (await finance.DeleteAsync($"{UnitTypes}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Every_mutation_writes_one_audit_entry_with_old_and_new_values()
    {
        var created = await CreateAsync($"{tag}-audited", "Audited");
        await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { basePrice = 20m, name = "Audited v2" });
        // Setting the current values is no change, so it is not audited.
        await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { name = "Audited v2" });
        await http.DeleteAsync($"{UnitTypes}/{created.Id}");

        var entries = await fixture.AuditEntriesAsync("unit_types", created.Id);

        entries.Select(entry => entry.Action).ShouldBe(["create", "update", "delete"]);
        entries.ShouldAllBe(entry => entry.OrgId == OrganizationContextExtensions.DemoOrganizationId);

        var create = entries[0];
        create.OldValues.ShouldBeNull();
        var createdValues = Parse(create.NewValues);
        createdValues.GetProperty("key").GetString().ShouldBe(created.Key);
        createdValues.GetProperty("aggregation").GetString().ShouldBe("sum");

        var update = entries[1];
        Parse(update.OldValues).GetProperty("name").GetString().ShouldBe("Audited");
        Parse(update.OldValues).GetProperty("basePrice").GetDecimal().ShouldBe(10m);
        Parse(update.NewValues).GetProperty("name").GetString().ShouldBe("Audited v2");
        Parse(update.NewValues).GetProperty("basePrice").GetDecimal().ShouldBe(20m);

        var delete = entries[2];
        Parse(delete.OldValues).GetProperty("name").GetString().ShouldBe("Audited v2");
        delete.NewValues.ShouldBeNull();
    }

    private static JsonElement Parse(string? json) => JsonDocument.Parse(json!).RootElement;

    private static object Body(string key, string name, string aggregation = "sum", string? description = null,
        string? filterPattern = null) => new
        {
            key,
            name,
            description,
            basePrice = 10m,
            overagePrice = 0.25m,
            currency = "AUD",
            aggregation,
            filterPattern,
        };

    private async Task<UnitTypeDto> CreateAsync(string key, string name, string aggregation = "sum",
        string? description = null, string? filterPattern = null)
    {
        var response = await http.PostAsJsonAsync(UnitTypes, Body(key, name, aggregation, description, filterPattern));
        return await response.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
    }
}
