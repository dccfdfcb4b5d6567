using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Tests.Api;

[Trait("Category", "Integration")]
public class ClientsApiTests(SubscriptionApiFixture fixture) : IClassFixture<SubscriptionApiFixture>
{
    private const string Clients = "/api/subscription/clients";

    private readonly HttpClient http = fixture.Client;
    private readonly OutboxProbe outbox = new(fixture.DatabaseConnectionString);

    // Tests of one class share a database: each one names its clients with its own tag and searches by it.
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_a_client_answers_201_with_its_location_and_enqueues_ClientUpserted()
    {
        var response = await http.PostAsJsonAsync(Clients, new { name = $"  {tag} Acme  ", timeZone = "Europe/London" });

        var created = await response.ShouldBeJsonAsync<ClientDto>(HttpStatusCode.Created);
        created.Name.ShouldBe($"{tag} Acme");
        created.TimeZone.ShouldBe("Europe/London");
        created.Enabled.ShouldBeTrue();
        created.Version.ShouldBe(1);
        created.CreatedAt.Offset.ShouldBe(TimeSpan.Zero);
        created.UpdatedAt.ShouldBe(created.CreatedAt);
        response.Headers.Location!.OriginalString.ShouldBe($"{Clients}/{created.Id}");

        var fetched = await http.GetFromJsonAsync<ClientDto>(response.Headers.Location);
        fetched.ShouldBe(created);

        var events = await outbox.ClientEventsAsync(created.Id);
        var upserted = events.ShouldHaveSingleItem();
        upserted.OrgId.ShouldBe(OrganizationContextExtensions.DemoOrganizationId);
        upserted.Name.ShouldBe(created.Name);
        upserted.Enabled.ShouldBeTrue();
        upserted.TimeZone.ShouldBe("Europe/London");
        upserted.Version.ShouldBe(1);
        upserted.CreatedAt.ShouldBe(created.CreatedAt);
    }

    [Fact]
    public async Task A_client_created_without_a_zone_gets_the_organization_default()
    {
        var created = await CreateAsync($"{tag} Default Zone");
        created.TimeZone.ShouldBe("UTC");
    }

    [Fact]
    public async Task The_relay_publishes_what_the_outbox_holds()
    {
        await CreateAsync($"{tag} Published");
        await Eventually.UntilAsync(outbox.AllSentAsync, "the outbox relay to publish every client event");
    }

    public static TheoryData<string, string> InvalidClients => new()
    {
        { """{"timeZone":"UTC"}""", "name" },
        { """{"name":"   "}""", "name" },
        { $$"""{"name":"{{new string('n', 201)}}"}""", "name" },
        { """{"name":"Tab\tInside"}""", "name" },
        { """{"name":"Zoned","timeZone":"Nowhere/Atlantis"}""", "timeZone" },
        { """{"name":"Windows zone","timeZone":"Pacific Standard Time"}""", "timeZone" },
        // PostgreSQL cannot store NUL: refused where the body is read (a 500 from the database before).
        { """{"name":"Acme\u0000 Pty"}""", "name" },
        { """{"name":"Zoned","timeZone":"UTC\u0000"}""", "timeZone" },
        // A value of the wrong type names its member too.
        { """{"name":42}""", "name" },
        { """{"name":"Typed","timeZone":["UTC"]}""", "timeZone" },
    };

    [Theory]
    [InlineData("search=%00")]
    [InlineData("search=acme%00&sort=name")]
    [InlineData("search%00=x&search=%00")]
    public async Task A_nul_in_a_query_parameter_is_a_validation_problem_naming_it(string query)
    {
        var response = await http.GetAsync($"{Clients}?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe(["search"]);
    }

    [Theory]
    [MemberData(nameof(InvalidClients))]
    public async Task An_invalid_client_is_a_validation_problem_and_enqueues_nothing(string json, string field)
    {
        var before = await outbox.CountAsync();

        var response = await http.PostAsync(Clients, new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
        (await outbox.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_name_in_use_in_any_letter_case_is_a_conflict_and_enqueues_nothing()
    {
        await CreateAsync($"{tag} Contoso");
        var before = await outbox.CountAsync();

        var response = await http.PostAsJsonAsync(Clients, new { name = $"{tag.ToUpperInvariant()} CONTOSO" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("CONTOSO");
        (await outbox.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Concurrent_creates_of_one_name_create_one_client()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4)
            .Select(_ => http.PostAsJsonAsync(Clients, new { name = $"{tag} Race" })));

        responses.Count(response => response.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(response => response.StatusCode == HttpStatusCode.Conflict).ShouldBe(3);
    }

    [Fact]
    public async Task An_unknown_client_is_a_404_problem()
    {
        var response = await http.GetAsync($"{Clients}/{Guid.NewGuid()}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_malformed_id_is_a_404_problem()
    {
        var response = await http.GetAsync($"{Clients}/not-a-guid");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_organizations_clients_are_invisible_and_do_not_block_names()
    {
        var otherOrgClientId = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO clients (org_id, id, name, time_zone, created_at, updated_at)
                VALUES (@orgId, @id, @name, 'UTC', now(), now())
                """, new { orgId = Guid.NewGuid(), id = otherOrgClientId, name = $"{tag} Shared Name" });
        }

        await (await http.GetAsync($"{Clients}/{otherOrgClientId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.PostAsync($"{Clients}/{otherOrgClientId}/disable", null))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await ListAsync($"search={tag}")).TotalCount.ShouldBe(0);
        await CreateAsync($"{tag} Shared Name");
    }

    [Fact]
    public async Task The_list_searches_names_ignoring_case_and_pages_in_name_order()
    {
        foreach (var name in new[] { "Delta", "alpha", "Charlie", "bravo", "Echo" })
        {
            await CreateAsync($"{tag} {name}");
        }
        await CreateAsync($"Other {Guid.NewGuid():N}");

        var first = await ListAsync($"search={tag.ToUpperInvariant()}&pageSize=2");
        first.TotalCount.ShouldBe(5);
        first.Page.ShouldBe(1);
        first.PageSize.ShouldBe(2);
        first.Items.Select(client => client.Name).ShouldBe([$"{tag} alpha", $"{tag} bravo"]);

        var last = await ListAsync($"search={tag}&pageSize=2&page=3");
        last.Items.Select(client => client.Name).ShouldBe([$"{tag} Echo"]);

        var descending = await ListAsync($"search={tag}&sort=name&direction=desc");
        descending.Items.Select(client => client.Name.Split(' ')[1])
            .ShouldBe(["Echo", "Delta", "Charlie", "bravo", "alpha"]);

        var beyond = await ListAsync($"search={tag}&page=9");
        beyond.Items.ShouldBeEmpty();
        beyond.TotalCount.ShouldBe(5);

        (await ListAsync($"search={tag} cha")).Items.ShouldHaveSingleItem().Name.ShouldBe($"{tag} Charlie");
    }

    [Fact]
    public async Task The_list_sorts_by_creation_and_change_time()
    {
        var first = await CreateAsync($"{tag} First");
        var second = await CreateAsync($"{tag} Second");
        await http.PatchAsJsonAsync($"{Clients}/{first.Id}", new { name = $"{tag} First renamed" });

        (await ListAsync($"search={tag}&sort=createdAt&direction=desc")).Items.Select(client => client.Id)
            .ShouldBe([second.Id, first.Id]);
        (await ListAsync($"search={tag}&sort=updatedAt&direction=desc")).Items.Select(client => client.Id)
            .ShouldBe([first.Id, second.Id]);
    }

    [Fact]
    public async Task Wildcards_in_the_search_match_literally()
    {
        await CreateAsync($"{tag} 100% Managed");
        await CreateAsync($"{tag} 1000 Managed");

        (await ListAsync($"search={Uri.EscapeDataString($"{tag} 100%")}")).Items.ShouldHaveSingleItem()
            .Name.ShouldBe($"{tag} 100% Managed");
        (await ListAsync($"search={tag}_")).TotalCount.ShouldBe(0);
    }

    [Theory]
    [InlineData("sort=mrr", "sort")]
    [InlineData("direction=up", "direction")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task Invalid_list_parameters_are_validation_problems(string query, string field)
    {
        var response = await http.GetAsync($"{Clients}?{query}");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
    }

    [Theory]
    [InlineData("page=abc", "page", "page must be a whole number; 'abc' is not.")]
    [InlineData("PAGESIZE=1.5", "PAGESIZE", "PAGESIZE must be a whole number; '1.5' is not.")]
    [InlineData("page=1&page=2", "page", "page is given 2 times: give it once.")]
    public async Task A_list_parameter_of_the_wrong_type_is_a_400_problem_naming_it(string query, string field,
        string message)
    {
        var response = await http.GetAsync($"{Clients}?{query}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Select(error => (error.Key, string.Join(" ", error.Value))).ShouldBe([(field, message)]);
    }

    [Fact]
    public async Task Renaming_bumps_the_version_and_enqueues_the_new_state()
    {
        var created = await CreateAsync($"{tag} Fabrikam");

        var response = await http.PatchAsJsonAsync($"{Clients}/{created.Id}", new { name = $"{tag} Fabrikam Ltd" });

        var renamed = await response.ShouldBeJsonAsync<ClientDto>(HttpStatusCode.OK);
        renamed.Name.ShouldBe($"{tag} Fabrikam Ltd");
        renamed.Version.ShouldBe(2);
        renamed.TimeZone.ShouldBe(created.TimeZone);
        renamed.CreatedAt.ShouldBe(created.CreatedAt);
        renamed.UpdatedAt.ShouldBeGreaterThanOrEqualTo(created.UpdatedAt);
        (await http.GetFromJsonAsync<ClientDto>($"{Clients}/{created.Id}")).ShouldBe(renamed);

        var events = await outbox.ClientEventsAsync(created.Id);
        events.Select(e => (e.Version, e.Name)).ShouldBe([(1L, $"{tag} Fabrikam"), (2L, $"{tag} Fabrikam Ltd")]);
    }

    [Fact]
    public async Task Changing_the_time_zone_keeps_the_name()
    {
        var created = await CreateAsync($"{tag} Zoned");

        var response = await http.PatchAsJsonAsync($"{Clients}/{created.Id}", new { timeZone = "Asia/Tokyo" });

        var changed = await response.ShouldBeJsonAsync<ClientDto>(HttpStatusCode.OK);
        (changed.Name, changed.TimeZone, changed.Version).ShouldBe((created.Name, "Asia/Tokyo", 2L));
    }

    [Fact]
    public async Task Renaming_to_the_current_name_changes_nothing()
    {
        var created = await CreateAsync($"{tag} Same");

        var response = await http.PatchAsJsonAsync($"{Clients}/{created.Id}", new { name = $" {tag} Same " });

        (await response.ShouldBeJsonAsync<ClientDto>(HttpStatusCode.OK)).ShouldBe(created);
        (await outbox.ClientEventsAsync(created.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Renaming_to_another_clients_name_is_a_conflict_and_enqueues_nothing()
    {
        await CreateAsync($"{tag} Taken");
        var client = await CreateAsync($"{tag} Renamed");
        var before = await outbox.CountAsync();

        var response = await http.PatchAsJsonAsync($"{Clients}/{client.Id}", new { name = $"{tag} TAKEN" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await outbox.CountAsync()).ShouldBe(before);
        (await http.GetFromJsonAsync<ClientDto>($"{Clients}/{client.Id}")).ShouldBe(client);
    }

    [Fact]
    public async Task An_edit_without_members_or_with_invalid_ones_is_a_validation_problem()
    {
        var client = await CreateAsync($"{tag} Edited");
        var before = await outbox.CountAsync();

        var empty = await http.PatchAsJsonAsync($"{Clients}/{client.Id}", new { });
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldNotBeEmpty();

        var invalid = await http.PatchAsJsonAsync($"{Clients}/{client.Id}", new { name = "", timeZone = "Moon/Base" });
        (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys
            .ShouldBe(["name", "timeZone"], ignoreOrder: true);

        (await outbox.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Editing_an_unknown_client_is_a_404_problem()
    {
        var response = await http.PatchAsJsonAsync($"{Clients}/{Guid.NewGuid()}", new { name = $"{tag} Ghost" });
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Disabling_and_enabling_bump_the_version_once_per_actual_change()
    {
        var created = await CreateAsync($"{tag} Toggled");

        var disabled = await PostActionAsync(created.Id, "disable");
        var disabledAgain = await PostActionAsync(created.Id, "disable");
        var enabled = await PostActionAsync(created.Id, "enable");

        (disabled.Enabled, disabled.Version).ShouldBe((false, 2L));
        disabledAgain.ShouldBe(disabled);
        (enabled.Enabled, enabled.Version).ShouldBe((true, 3L));
        (await outbox.ClientEventsAsync(created.Id)).Select(e => (e.Version, e.Enabled))
            .ShouldBe([(1L, true), (2L, false), (3L, true)]);
    }

    [Theory]
    [InlineData("enable")]
    [InlineData("disable")]
    public async Task Toggling_an_unknown_client_is_a_404_problem(string action)
    {
        var response = await http.PostAsync($"{Clients}/{Guid.NewGuid()}/{action}", null);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_and_enqueues_nothing()
    {
        var before = await outbox.CountAsync();

        var response = await http.PostAsync(Clients,
            new StringContent("""{"name": "Unclosed""", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("detail").GetString()!.ShouldContain("JSON");
        (await outbox.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Json_of_the_wrong_shape_is_a_400_problem()
    {
        var response = await http.PostAsync(Clients,
            new StringContent("""{"name": 42}""", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        var response = await http.PostAsync(Clients, new StringContent("", Encoding.UTF8, "application/json"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem_and_enqueues_nothing()
    {
        var before = await outbox.CountAsync();

        var response = await http.PostAsync(Clients, new StringContent($"name={tag}", Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await outbox.CountAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_a_413_problem_and_enqueues_nothing()
    {
        var before = await outbox.CountAsync();
        var tenMegabytes = $$"""{"name":"{{new string('x', 10 * 1024 * 1024)}}"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, Clients)
        {
            Content = new StringContent(tenMegabytes, Encoding.UTF8, "application/json"),
        };
        // As curl and browsers do for large uploads: the server refuses before the body is sent.
        request.Headers.ExpectContinue = true;

        var response = await http.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await outbox.CountAsync()).ShouldBe(before);
    }

    private async Task<ClientDto> CreateAsync(string name)
    {
        var response = await http.PostAsJsonAsync(Clients, new { name });
        return await response.ShouldBeJsonAsync<ClientDto>(HttpStatusCode.Created);
    }

    private async Task<ClientDto> PostActionAsync(Guid id, string action)
    {
        var response = await http.PostAsync($"{Clients}/{id}/{action}", null);
        return await response.ShouldBeJsonAsync<ClientDto>(HttpStatusCode.OK);
    }

    private async Task<PageDto<ClientDto>> ListAsync(string query)
    {
        var response = await http.GetAsync($"{Clients}?{query}");
        return await response.ShouldBeJsonAsync<PageDto<ClientDto>>(HttpStatusCode.OK);
    }
}
