using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using MassTransit;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// The Clients list's billing focus: each row's total spend and billing contact (the detail's figures), and the
/// variance and total spend orders. Each test is an organization of its own, so its list holds only its clients.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClientListBillingTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string Clients = ClientReadModelClient.Clients;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();

    [Fact]
    public async Task Each_row_has_the_total_spend_and_billing_contact_of_the_clients_detail()
    {
        var alpha = await ClientAsync("Alpha Dental");
        var bravo = await ClientAsync("Bravo Legal");
        await InvoiceAsync(alpha, "paid", 110.00m, new DateOnly(2026, 9, 1), "Alpha Accounts");
        await InvoiceAsync(alpha, "awaiting", 240.50m, new DateOnly(2026, 10, 1), "Alpha Finance");
        await InvoiceAsync(alpha, "voided", 1000.00m, new DateOnly(2026, 8, 1), "Alpha Old Contact");
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var list = await ListAsync(http, "sort=name");

        list.Items.Select(client => (client.ClientId, client.TotalSpend, client.BillingContact)).ShouldBe(
        [
            (alpha, new MoneyDto(350.50m, "AUD"), "Alpha Finance"),
            (bravo, null, null),
        ], "110.00 + 240.50, the voided 1000.00 is not spend; the contact is the latest invoice's; Bravo has no invoices");
        var detail = await http.GetFromJsonAsync<SpendDto>($"{Clients}/{alpha}", Json);
        (detail!.TotalSpend, detail.BillingContact).ShouldBe((list.Items[0].TotalSpend, list.Items[0].BillingContact));
    }

    [Fact]
    public async Task Total_spend_keeps_the_currencys_minor_units()
    {
        var client = await ClientAsync("Yen Trading");
        await InvoiceAsync(client, "paid", 1199.5m, new DateOnly(2026, 10, 1), "Accounts", currency: "JPY");
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var json = await http.GetStringAsync(Clients);

        json.ShouldContain("\"totalSpend\":{\"amount\":1200,\"currency\":\"JPY\"}");
    }

    [Fact]
    public async Task A_client_scoped_caller_lists_only_its_client_with_its_spend()
    {
        var alpha = await ClientAsync("Alpha Dental");
        var bravo = await ClientAsync("Bravo Legal");
        await InvoiceAsync(alpha, "paid", 80.00m, new DateOnly(2026, 10, 1), "Alpha Finance");
        await InvoiceAsync(bravo, "paid", 900.00m, new DateOnly(2026, 10, 2), "Bravo Finance");
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: alpha);

        var list = await ListAsync(http, "sort=totalSpend");

        list.TotalCount.ShouldBe(1);
        list.Items.Select(client => (client.ClientId, client.TotalSpend, client.BillingContact))
            .ShouldBe([(alpha, new MoneyDto(80.00m, "AUD"), "Alpha Finance")]);
    }

    [Fact]
    public async Task Variance_sorts_either_way_with_clients_without_a_snapshot_last()
    {
        await ReconciledAsync(await ClientAsync("Under"), devices: 12, deviceLicenses: 7, "under-licensed");
        await ReconciledAsync(await ClientAsync("Over"), devices: 8, deviceLicenses: 10, "over-licensed");
        await ReconciledAsync(await ClientAsync("Matched"), devices: 4, deviceLicenses: 4, "matched");
        await ClientAsync("No snapshot B");
        await ClientAsync("No snapshot A");
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var largestFirst = await ListAsync(http, "sort=variance");
        var smallestFirst = await ListAsync(http, "sort=variance&direction=asc");

        largestFirst.Items.Select(client => (client.Name, client.Variance)).ShouldBe(
            [("Under", 5), ("Matched", 0), ("Over", -2), ("No snapshot A", null), ("No snapshot B", (int?)null)]);
        smallestFirst.Items.Select(client => (client.Name, client.Variance)).ShouldBe(
            [("Over", -2), ("Matched", 0), ("Under", 5), ("No snapshot A", null), ("No snapshot B", (int?)null)]);
    }

    [Fact]
    public async Task Total_spend_sorts_by_amount_within_each_currency_either_way_with_clients_without_spend_last()
    {
        await InvoiceAsync(await ClientAsync("Small AUD"), "paid", 120.00m, new DateOnly(2026, 10, 1), "Small");
        await InvoiceAsync(await ClientAsync("Large AUD"), "paid", 500.00m, new DateOnly(2026, 10, 1), "Large");
        await InvoiceAsync(await ClientAsync("Kiwi"), "paid", 300.00m, new DateOnly(2026, 10, 1), "Kiwi", currency: "NZD");
        await InvoiceAsync(await ClientAsync("Only voided"), "voided", 700.00m, new DateOnly(2026, 10, 1), "Voided");
        await ClientAsync("No invoices");
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var largestFirst = await ListAsync(http, "sort=totalSpend");
        var smallestFirst = await ListAsync(http, "sort=totalSpend&direction=asc");

        largestFirst.Items.Select(client => (client.Name, client.TotalSpend)).ShouldBe(
        [
            ("Large AUD", new MoneyDto(500.00m, "AUD")), ("Small AUD", new MoneyDto(120.00m, "AUD")),
            ("Kiwi", new MoneyDto(300.00m, "NZD")), ("No invoices", null), ("Only voided", null),
        ]);
        smallestFirst.Items.Select(client => client.Name)
            .ShouldBe(["Small AUD", "Large AUD", "Kiwi", "No invoices", "Only voided"]);
        largestFirst.Items.Single(client => client.Name == "Only voided").BillingContact
            .ShouldBe("Voided", "a voided invoice is no spend but still addressed to the contact");
    }

    [Fact]
    public async Task An_unknown_sort_is_a_validation_problem_listing_every_sort()
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var response = await http.GetAsync($"{Clients}?sort=spend");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().ShouldHaveSingleItem().Key.ShouldBe("sort");
        problem.ValidationErrors()["sort"].ShouldHaveSingleItem().ShouldBe(
            "sort must be one of 'mrr', 'name', 'subscriptions', 'devices', 'licenses', 'variance', 'totalSpend'.");
    }

    private async Task<Guid> ClientAsync(string name)
    {
        var clientId = Guid.NewGuid();
        await PublishAsync(new ClientUpserted(orgId, clientId, name, true, "Australia/Sydney", 1, At, At));
        return clientId;
    }

    private Task InvoiceAsync(Guid clientId, string status, decimal total, DateOnly issued, string contact,
        string currency = "AUD") =>
        PublishAsync(new InvoiceUpserted(orgId, Guid.NewGuid(), "xero", clientId, contact, "INV", null, status, issued,
            issued.AddDays(30), currency, total, status == "paid" ? 0m : total, 1, At));

    private Task ReconciledAsync(Guid clientId, int devices, int deviceLicenses, string status) =>
        PublishAsync(new ClientReconciled(orgId, clientId, 1, At, Guid.NewGuid(), At.AddDays(-1), devices,
            deviceLicenses, devices - deviceLicenses, status, 0m, "AUD"));

    private async Task PublishAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await fixture.Host.Bus.Publish(message, context => context.MessageId = id);
        await fixture.Host.Consumed.WaitUntilConsumedAsync(id);
    }

    private static async Task<PageDto<ClientSnapshotDto>> ListAsync(HttpClient http, string query)
    {
        var response = await http.GetAsync($"{Clients}?{query}");
        return await response.ShouldBeJsonAsync<PageDto<ClientSnapshotDto>>(HttpStatusCode.OK);
    }

    private sealed record SpendDto(MoneyDto? TotalSpend, string? BillingContact);
}
