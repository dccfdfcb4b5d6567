using System.Net;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Tests.Api;

[Trait("Category", "Integration")]
public class ClientReadModelTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private static readonly Guid DemoOrg = OrganizationContextExtensions.DemoOrganizationId;
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly ClientReadModelClient readModel = new(fixture.Host);
    private readonly HttpClient http = fixture.Host.Client;

    // Tests of one class share a database: each one names its clients with its own tag and searches by it.
    private readonly string tag = Guid.NewGuid().ToString("N")[..10];

    private static ClientUpserted Client(Guid clientId, string name, long version, bool enabled = true,
        Guid? orgId = null) =>
        new(orgId ?? DemoOrg, clientId, name, enabled, "Europe/London", version, Created,
            Created.AddMinutes(version));

    [Fact]
    public async Task A_new_client_appears_with_no_billing_data_until_there_is_some()
    {
        var clientId = Guid.NewGuid();
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} Northwind", 1));

        var snapshot = await readModel.GetAsync(clientId);

        snapshot.Name.ShouldBe($"{tag} Northwind");
        snapshot.Enabled.ShouldBeTrue();
        snapshot.TimeZone.ShouldBe("Europe/London");
        snapshot.Mrr.ShouldBe(new MoneyDto(0m, null));
        (snapshot.Subscriptions, snapshot.Devices, snapshot.Licenses).ShouldBe((0, 0, 0));
        snapshot.Status.ShouldBe("no-data");
        snapshot.Variance.ShouldBeNull();
    }

    [Fact]
    public async Task A_newer_version_replaces_the_client()
    {
        var clientId = Guid.NewGuid();
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} Tailspin", 1));
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} Tailspin Toys", 2, enabled: false));

        var snapshot = await readModel.GetAsync(clientId);

        (snapshot.Name, snapshot.Enabled).ShouldBe(($"{tag} Tailspin Toys", false));
    }

    [Fact]
    public async Task An_older_version_arriving_after_a_newer_one_is_ignored()
    {
        var clientId = Guid.NewGuid();
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} Version three", 3));
        var applied = await readModel.GetAsync(clientId);

        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} Version two", 2, enabled: false));

        (await readModel.GetAsync(clientId)).ShouldBe(applied);
    }

    [Fact]
    public async Task A_redelivered_message_changes_the_read_model_once()
    {
        var clientId = Guid.NewGuid();
        var message = Client(clientId, $"{tag} Redelivered", 1);
        var messageId = await readModel.PublishAsync(message);
        await fixture.Host.Consumed.WaitUntilConsumedAsync(messageId);
        var applied = await readModel.GetAsync(clientId);

        await readModel.PublishAsync(message, messageId);
        await fixture.Host.Consumed.WaitUntilConsumedAsync(messageId, times: 2);

        (await readModel.GetAsync(clientId)).ShouldBe(applied);
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM projection_event_log WHERE message_id = @messageId", new { messageId })).ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_message_is_rejected_without_changing_the_read_model()
    {
        var clientId = Guid.NewGuid();
        var messageId = await readModel.PublishAsync(Client(clientId, $"{tag} Versionless", 0));

        var fault = await fixture.Host.Consumed.WaitForFaultAsync(messageId);

        fault.ShouldBeOfType<MessageValidationException>().Message.ShouldContain("versions start at 1");
        var response = await http.GetAsync($"{ClientReadModelClient.Clients}/{clientId}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_organizations_clients_are_invisible()
    {
        var clientId = Guid.NewGuid();
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} Elsewhere", 1, orgId: Guid.NewGuid()));

        var response = await http.GetAsync($"{ClientReadModelClient.Clients}/{clientId}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await readModel.ListAsync($"search={tag}")).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_list_puts_top_revenue_first_then_names_and_filters_by_status()
    {
        // Figures arrive with the subscription and reconciliation events; here they are written as those
        // consumers will write them, to exercise the screen's order and filters.
        var figures = new (string Name, decimal Mrr, string Status)[]
        {
            ("Bravo", 120.50m, "under-licensed"),
            ("alpha", 120.50m, "matched"),
            ("Charlie", 980.00m, "under-licensed"),
            ("Delta", 0m, "no-data"),
            ("Echo", 45.25m, "over-licensed"),
        };
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        foreach (var (name, mrr, status) in figures)
        {
            var clientId = Guid.NewGuid();
            await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} {name}", 1));
            await connection.ExecuteAsync("""
                UPDATE client_billing_snapshots SET mrr_amount = @mrr, mrr_currency = 'AUD', status = @status
                WHERE client_id = @clientId
                """, new { mrr, status, clientId });
        }

        var all = await readModel.ListAsync($"search={tag.ToUpperInvariant()}");
        all.TotalCount.ShouldBe(5);
        all.Items.Select(Short).ShouldBe(["Charlie", "alpha", "Bravo", "Echo", "Delta"]);
        all.Items[0].Mrr.ShouldBe(new MoneyDto(980.00m, "AUD"));

        var underLicensed = await readModel.ListAsync($"search={tag}&status=under-licensed");
        underLicensed.Items.Select(Short).ShouldBe(["Charlie", "Bravo"]);

        var byName = await readModel.ListAsync($"search={tag}&sort=name&pageSize=2&page=2");
        (byName.Page, byName.PageSize, byName.TotalCount).ShouldBe((2, 2, 5L));
        byName.Items.Select(Short).ShouldBe(["Charlie", "Delta"]);

        var smallestFirst = await readModel.ListAsync($"search={tag}&sort=mrr&direction=asc");
        smallestFirst.Items.Select(Short).ShouldBe(["Delta", "Echo", "alpha", "Bravo", "Charlie"]);

        (await readModel.ListAsync($"search={tag} ech")).Items.Select(Short).ShouldBe(["Echo"]);
    }

    [Theory]
    [InlineData("120.5", "AUD", "120.50")]
    [InlineData("1199.5", "JPY", "1200")]
    [InlineData("12.3456", "KWD", "12.346")]
    public async Task Mrr_answers_with_exactly_the_currencys_minor_units(string mrr, string currency, string expected)
    {
        var clientId = Guid.NewGuid();
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} {currency}", 1));
        var amount = decimal.Parse(mrr, System.Globalization.CultureInfo.InvariantCulture);
        await using (var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("""
                UPDATE client_billing_snapshots SET mrr_amount = @amount, mrr_currency = @currency
                WHERE client_id = @clientId
                """, new { amount, currency, clientId });
        }

        var json = await http.GetStringAsync($"{ClientReadModelClient.Clients}/{clientId}");

        json.ShouldContain($"\"mrr\":{{\"amount\":{expected},\"currency\":\"{currency}\"}}");
    }

    [Fact]
    public async Task Mrr_without_a_currency_answers_two_decimals()
    {
        var clientId = Guid.NewGuid();
        await readModel.PublishAndWaitAsync(Client(clientId, $"{tag} no currency", 1));

        var json = await http.GetStringAsync($"{ClientReadModelClient.Clients}/{clientId}");

        json.ShouldContain("\"mrr\":{\"amount\":0.00,");
    }

    [Theory]
    [InlineData("status=unlicensed", "status")]
    [InlineData("sort=revenue", "sort")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("page=0", "page")]
    [InlineData("pageSize=201", "pageSize")]
    public async Task Invalid_list_parameters_are_validation_problems(string query, string field)
    {
        var response = await http.GetAsync($"{ClientReadModelClient.Clients}?{query}");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task A_list_parameter_of_the_wrong_type_is_a_400_problem()
    {
        var response = await http.GetAsync($"{ClientReadModelClient.Clients}?pageSize=many");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unknown_client_is_a_404_problem()
    {
        var response = await http.GetAsync($"{ClientReadModelClient.Clients}/{Guid.NewGuid()}");
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    private static string Short(ClientSnapshotDto client) => client.Name.Split(' ', 2)[1];
}
