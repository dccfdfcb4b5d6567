using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;

namespace BillingOne.Ingestion.Tests.Api;

[Trait("Category", "Integration")]
public sealed class SuppressionsApiTests(IngestionApiFixture fixture) : IClassFixture<IngestionApiFixture>
{
    private const string Suppressions = "/api/ingestion/suppressions";

    // Tests of one class share a database: each one acts in its own organization, so lists and counts are its own.
    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid adminId = Guid.NewGuid();

    private HttpClient Admin() => fixture.ClientFor(orgId, Roles.Admin, adminId);

    [Fact]
    public async Task Creating_a_glob_rule_answers_201_with_defaults_and_its_location()
    {
        using var http = Admin();

        var response = await http.PostAsJsonAsync(Suppressions,
            new { pattern = "  LAB-*  ", reason = " Lab machines are not billed " });

        var created = await response.ShouldBeJsonAsync<SuppressionDto>(HttpStatusCode.Created);
        created.Pattern.ShouldBe("LAB-*");
        created.Type.ShouldBe("glob");
        created.Target.ShouldBe("asset-id");
        created.Reason.ShouldBe("Lab machines are not billed");
        created.CreatedBy.ShouldBe(adminId);
        created.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        created.SuppressedCount.ShouldBe(0);
        created.LastSuppressedAt.ShouldBeNull();
        response.Headers.Location!.OriginalString.ShouldBe($"{Suppressions}/{created.Id}");
        (await http.GetFromJsonAsync<SuppressionDto>(response.Headers.Location.OriginalString)).ShouldBe(created);

        var page = await http.GetFromJsonAsync<SuppressionPage>(Suppressions);
        page!.Items.ShouldHaveSingleItem().ShouldBe(created);
        page.TotalCount.ShouldBe(1);
    }

    [Fact]
    public async Task A_regex_rule_on_the_description_is_stored_with_its_type_and_target()
    {
        using var http = Admin();

        var created = await CreateAsync(http, new { pattern = "^test\\b", type = "REGEX", target = "description" });

        created.Type.ShouldBe("regex");
        created.Target.ShouldBe("description");
        created.Reason.ShouldBeNull();
        await using var connection = await fixture.OpenDatabaseAsync();
        var stored = await connection.QuerySingleAsync<(string PatternType, string Target, Guid CreatedBy)>(
            "SELECT pattern_type, target, created_by FROM suppression_rules WHERE org_id = @orgId AND id = @id",
            new { orgId, id = created.Id });
        stored.ShouldBe(("regex", "description", adminId));
    }

    public static TheoryData<string, string, string> InvalidRules => new()
    {
        { """{"reason":"no pattern"}""", "pattern", "Pattern is required." },
        { """{"pattern":"   "}""", "pattern", "Pattern is required." },
        { $$"""{"pattern":"{{new string('p', 501)}}"}""", "pattern", "Pattern must be at most 500 characters." },
        { """{"pattern":"([a-z","type":"regex"}""", "pattern", "Pattern is not a valid regular expression:" },
        { $$"""{"pattern":"x","reason":"{{new string('r', 501)}}"}""", "reason", "Reason must be at most 500 characters." },
        { """{"pattern":"x","type":"wildcard"}""", "type", "type must be 'glob' or 'regex'." },
        { """{"pattern":"x","target":"hostname"}""", "target", "target must be 'asset-id', 'source' or 'description'." },
        // NUL is refused for every service where the body is read; other control characters by the rule itself.
        { """{"pattern":"lab\u0000*"}""", "pattern", "pattern must not contain NUL characters." },
        { """{"pattern":"lab\u0007*"}""", "pattern", "Pattern must not contain control characters." },
        { """{"pattern":"lab-*","reason":"lab\u0000"}""", "reason", "reason must not contain NUL characters." },
        { """{"pattern":"lab-*","reason":"lab\u001b"}""", "reason", "Reason must not contain control characters" },
        { """{"pattern":"^(lab)-\\1$","type":"regex"}""", "pattern", "Pattern cannot be matched in linear time" },
        { """{"pattern":"^(?!prod)","type":"regex"}""", "pattern", "Pattern cannot be matched in linear time" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public async Task An_invalid_rule_is_a_validation_problem_with_the_reason_and_stores_nothing(
        string json, string field, string messageStart)
    {
        using var http = Admin();

        var response = await http.PostAsync(Suppressions, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors()[field].ShouldHaveSingleItem().ShouldStartWith(messageStart);
        (await CountRowsAsync("suppression_rules")).ShouldBe(0);
        (await CountRowsAsync("audit_log")).ShouldBe(0);
    }

    [Fact]
    public async Task An_organization_has_at_most_100_rules_and_one_more_is_a_conflict()
    {
        using var http = Admin();
        for (var i = 0; i < 100; i++)
        {
            await CreateAsync(http, new { pattern = $"lab-{i}-*" });
        }

        using var response = await http.PostAsJsonAsync(Suppressions, new { pattern = "one-more" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()
            .ShouldBe("An organization may have at most 100 suppression rules; delete one before creating another.");
        (await CountRowsAsync("suppression_rules")).ShouldBe(100);
        using var other = fixture.ClientFor(Guid.NewGuid(), Roles.Admin);
        await CreateAsync(other, new { pattern = "lab-*" });
    }

    [Fact]
    public async Task Deleting_a_rule_answers_204_removes_it_and_a_second_delete_is_404()
    {
        using var http = Admin();
        var kept = await CreateAsync(http, new { pattern = "keep-*" });
        var removed = await CreateAsync(http, new { pattern = "drop-*" });

        using var deleted = await http.DeleteAsync($"{Suppressions}/{removed.Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var page = await http.GetFromJsonAsync<SuppressionPage>(Suppressions);
        page!.Items.Select(rule => rule.Id).ShouldBe([kept.Id]);
        using var again = await http.DeleteAsync($"{Suppressions}/{removed.Id}");
        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Every_mutation_writes_one_audit_row_with_its_values()
    {
        using var http = Admin();
        var created = await CreateAsync(http, new { pattern = "srv-??", target = "source", reason = "retired" });
        (await http.DeleteAsync($"{Suppressions}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await using var connection = await fixture.OpenDatabaseAsync();
        var rows = (await connection.QueryAsync<AuditRow>("""
            SELECT org_id AS OrgId, action AS Action, actor_id AS ActorId, old_values::text AS OldValues,
                   new_values::text AS NewValues
            FROM audit_log WHERE table_name = 'suppression_rules' AND record_id = @recordId ORDER BY id
            """, new { recordId = created.Id.ToString() })).ToList();

        rows.Select(row => row.Action).ShouldBe(["create", "delete"]);
        rows.ShouldAllBe(row => row.OrgId == orgId && row.ActorId == adminId);
        rows[0].OldValues.ShouldBeNull();
        var newValues = JsonDocument.Parse(rows[0].NewValues!).RootElement;
        newValues.GetProperty("pattern").GetString().ShouldBe("srv-??");
        newValues.GetProperty("target").GetString().ShouldBe("source");
        newValues.GetProperty("reason").GetString().ShouldBe("retired");
        rows[1].NewValues.ShouldBeNull();
        JsonDocument.Parse(rows[1].OldValues!).RootElement.GetProperty("pattern").GetString().ShouldBe("srv-??");
    }

    [Fact]
    public async Task Another_organizations_rule_is_neither_listed_nor_readable_nor_deletable()
    {
        var otherOrg = Guid.NewGuid();
        using var other = fixture.ClientFor(otherOrg);
        var theirs = await CreateAsync(other, new { pattern = "theirs-*" });
        using var http = Admin();

        var page = await http.GetFromJsonAsync<SuppressionPage>(Suppressions);
        page!.Items.ShouldBeEmpty();
        page.TotalCount.ShouldBe(0);
        using var get = await http.GetAsync($"{Suppressions}/{theirs.Id}");
        await get.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var delete = await http.DeleteAsync($"{Suppressions}/{theirs.Id}");
        await delete.ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var stillTheirs = await other.GetFromJsonAsync<SuppressionPage>(Suppressions);
        stillTheirs!.Items.ShouldHaveSingleItem().Id.ShouldBe(theirs.Id);
    }

    [Fact]
    public async Task The_list_pages_oldest_first_and_any_reading_role_may_read_it()
    {
        using var http = Admin();
        var first = await CreateAsync(http, new { pattern = "a-*" });
        var second = await CreateAsync(http, new { pattern = "b-*" });
        var third = await CreateAsync(http, new { pattern = "c-*" });
        using var readOnly = fixture.ClientFor(orgId, Roles.ReadOnly);

        var firstPage = await readOnly.GetFromJsonAsync<SuppressionPage>($"{Suppressions}?page=1&pageSize=2");
        var secondPage = await readOnly.GetFromJsonAsync<SuppressionPage>($"{Suppressions}?page=2&pageSize=2");

        firstPage!.Items.Select(rule => rule.Id).ShouldBe([first.Id, second.Id]);
        (firstPage.Page, firstPage.PageSize, firstPage.TotalCount).ShouldBe((1, 2, 3L));
        secondPage!.Items.Select(rule => rule.Id).ShouldBe([third.Id]);
        (secondPage.Page, secondPage.PageSize, secondPage.TotalCount).ShouldBe((2, 2, 3L));
    }

    [Fact]
    public async Task A_page_size_out_of_bounds_is_a_validation_problem()
    {
        using var http = Admin();

        using var response = await http.GetAsync($"{Suppressions}?pageSize=0");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().ShouldContainKey("pageSize");
    }

    [Fact]
    public async Task A_finance_user_may_read_rules_but_not_create_them()
    {
        using var finance = fixture.ClientFor(orgId, Roles.Finance);

        (await finance.GetAsync(Suppressions)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var create = await finance.PostAsJsonAsync(Suppressions, new { pattern = "x" });
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await CountRowsAsync("suppression_rules")).ShouldBe(0);
    }

    private static async Task<SuppressionDto> CreateAsync(HttpClient http, object rule)
    {
        using var response = await http.PostAsJsonAsync(Suppressions, rule);
        return await response.ShouldBeJsonAsync<SuppressionDto>(HttpStatusCode.Created);
    }

    /// <summary>Rows of this test's organization in <paramref name="table"/> (a constant of the test, not input).</summary>
    private async Task<long> CountRowsAsync(string table)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table} WHERE org_id = @orgId",
            new { orgId });
    }

    private sealed record AuditRow(Guid OrgId, string Action, Guid ActorId, string? OldValues, string? NewValues);
}
