using System.Net;
using System.Text;
using BillingOne.Web.Api;
using BillingOne.Web.ClientList;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientCsvTests
{
    private static ClientListItem Row(
        string name, decimal mrr, string currency, int subscriptions, int devices, int licenses, string status,
        MoneyAmount? totalSpend = null, string? billingContact = null) =>
        new(Guid.NewGuid(), name, Enabled: true, new MoneyAmount(mrr, currency), subscriptions, devices, licenses,
            status == ClientStatuses.NoData ? null : devices - licenses, status, totalSpend, billingContact);

    private static async Task<string> WriteAsync(params ClientListItem[] clients)
    {
        using var file = new MemoryStream();
        await ClientCsv.WriteAsync(clients, file, CancellationToken.None);
        var bytes = file.ToArray();
        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble(), "Excel needs the byte-order mark to read UTF-8 names.");
        return Encoding.UTF8.GetString(bytes.AsSpan(3));
    }

    [Fact]
    public async Task Writes_the_seed_columns_with_mrr_as_a_plain_number_and_no_devices_without_a_snapshot()
    {
        var csv = await WriteAsync(
            Row("Contoso Pty Ltd", 1234.5m, "AUD", 12, 40, 35, ClientStatuses.UnderLicensed),
            Row("Northwind", 98000.4m, "JPY", 2, 0, 4, ClientStatuses.NoData));

        csv.ShouldBe(
            "Client,MRR,Currency,Subscriptions,Devices,Licenses,Status,Variance,Total spend,Total spend currency,Billing contact\r\n" +
            "Contoso Pty Ltd,1234.50,AUD,12,40,35,Under-licensed,5,,,\r\n" +
            "Northwind,98000,JPY,2,,4,No data,,,,\r\n");
    }

    [Fact]
    public async Task Appends_total_spend_as_a_plain_number_its_currency_and_the_billing_contact_after_the_existing_columns()
    {
        var csv = await WriteAsync(
            Row("Contoso", 10m, "AUD", 1, 4, 4, ClientStatuses.Matched, new MoneyAmount(2500.5m, "AUD"), "Jane Doe, Accounts"),
            Row("Northwind", 0m, "JPY", 0, 0, 0, ClientStatuses.NoData, new MoneyAmount(98000.4m, "JPY"), "=cmd"));

        var lines = csv.Split("\r\n");
        lines[0].Split(',')[..7].ShouldBe(
            ["Client", "MRR", "Currency", "Subscriptions", "Devices", "Licenses", "Status"],
            "spreadsheets read the export by position: the first export's columns keep theirs");
        lines[0].Split(',')[7..].ShouldBe(["Variance", "Total spend", "Total spend currency", "Billing contact"]);
        lines[1].ShouldBe("Contoso,10.00,AUD,1,4,4,Matched,0,2500.50,AUD,\"Jane Doe, Accounts\"");
        lines[2].ShouldEndWith(",No data,,98000,JPY,\"'=cmd\"", customMessage: "a contact is text typed by people: never a formula");
    }

    [Fact]
    public async Task Quotes_names_with_separators_and_defuses_formulas()
    {
        var csv = await WriteAsync(
            Row("Smith, Jones & \"Partners\"", 10m, "NZD", 1, 1, 1, ClientStatuses.Matched),
            Row("=HYPERLINK(\"http://evil\")", -5m, "USD", 0, 0, 0, ClientStatuses.Matched));

        var lines = csv.Split("\r\n");
        lines[1].ShouldBe("\"Smith, Jones & \"\"Partners\"\"\",10.00,NZD,1,1,1,Matched,0,,,");
        lines[2].ShouldStartWith("\"'=HYPERLINK(");
        lines[2].ShouldEndWith(",-5.00,USD,0,0,0,Matched,0,,,", customMessage: "numbers are not text and are never escaped");
    }

    [Fact]
    public async Task Export_walks_every_page_of_the_filtered_list()
    {
        var gateway = new StubGatewayHandler().OnGetClients(request =>
        {
            var page = int.Parse(request.Query["page"]);
            var onPage = page == 1 ? 100 : page == 2 ? 50 : 0;
            var items = Enumerable.Range(1, onPage).Select(index => Client($"Client {page}-{index}")).ToList();
            return ClientPage(items, page, pageSize: 100, totalCount: 150);
        });
        var client = GatewayClients.For(gateway);

        var clients = await ClientExportEndpoint.LoadAllAsync(client,
            new ClientListQuery(Search: "Client", Status: ClientStatuses.Matched, Sort: ClientSortColumns.Name,
                Direction: SortDirections.Ascending),
            CancellationToken.None);

        clients.Count.ShouldBe(150);
        clients[^1].Name.ShouldBe("Client 2-50");
        gateway.Requests.Count.ShouldBe(2, "the second page completes the total");
        gateway.Requests.ShouldAllBe(request =>
            request.Query["search"] == "Client" && request.Query["status"] == "matched"
            && request.Query["sort"] == "name" && request.Query["direction"] == "asc"
            && request.Query["pageSize"] == "100");
    }

    [Fact]
    public async Task Export_stops_on_an_empty_page_even_if_the_total_says_more()
    {
        var gateway = new StubGatewayHandler().OnGetClients(request =>
            request.Query["page"] == "1" ? ClientPage([Client("Contoso")], totalCount: 5) : ClientPage([], totalCount: 5));
        var client = GatewayClients.For(gateway);

        var clients = await ClientExportEndpoint.LoadAllAsync(client, new ClientListQuery(), CancellationToken.None);

        clients.Select(item => item.Name).ShouldBe(["Contoso"]);
        gateway.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Export_fails_with_the_problem_when_a_page_cannot_be_read()
    {
        var gateway = new StubGatewayHandler().OnGetClients(_ =>
            Problem(HttpStatusCode.BadGateway, "Projection service unavailable"));
        var client = GatewayClients.For(gateway);

        var failure = await Should.ThrowAsync<ApiProblemException>(
            () => ClientExportEndpoint.LoadAllAsync(client, new ClientListQuery(), CancellationToken.None));

        failure.Problem.Title.ShouldBe("Projection service unavailable");
        failure.Problem.Status.ShouldBe(502);
    }
}
