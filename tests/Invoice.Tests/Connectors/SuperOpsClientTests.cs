using System.Net;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Invoice.Connectors.SuperOps;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.Invoice.Tests.Connectors;

/// <summary>
/// The SuperOps GraphQL client against a WireMock stand-in wired as the service wires it: pages until
/// <c>hasMore</c> is false, retries a 429, refuses incomplete invoices one by one and stops on GraphQL errors.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SuperOpsClientTests : IDisposable
{
    private const string Path = "/msp";
    private readonly WireMockServer server = WireMockServer.Start();
    private ServiceProvider? services;

    [Fact]
    public async Task Pages_are_read_until_has_more_is_false_with_the_token_and_subdomain_on_every_request()
    {
        GivenPage(1, hasMore: true, Invoice("1001"), Invoice("1002"));
        GivenPage(2, hasMore: false, Invoice("1003"));

        var pages = await ReadInvoicesAsync();

        pages.SelectMany(page => page.Items).Select(invoice => invoice.InvoiceId).ShouldBe(["1001", "1002", "1003"]);
        var first = pages[0].Items[0];
        first.ShouldBe(first with
        {
            DisplayId = "061422-0001",
            AccountId = "7929754851606401024",
            ClientName = "Acme",
            InvoiceDate = new DateOnly(2022, 6, 14),
            DueDate = new DateOnly(2022, 6, 25),
            Status = "DRAFT",
            TotalAmount = 10000m,
            Currency = "AUD",
        });
        first.Lines.ShouldHaveSingleItem()
            .ShouldBe(new SuperOpsInvoiceLine("Hard Disk", "Seagate One Touch 1TB USB 3.0 Hard Disk Drive", 10m, 125.75m, 1097.17m));
        server.LogEntries.Count.ShouldBe(2);
        server.LogEntries.ShouldAllBe(entry => entry.RequestMessage.Headers!["Authorization"][0] == "Bearer token-1"
            && entry.RequestMessage.Headers[SuperOpsClient.SubDomainHeader][0] == "demo-msp");
    }

    [Fact]
    public async Task The_invoice_query_selects_only_fields_of_superops_schema_and_no_sub_fields_of_json_scalars()
    {
        GivenPage(1, hasMore: false, Invoice("1001"));

        await ReadInvoicesAsync();

        var query = JsonDocument.Parse(server.LogEntries.ShouldHaveSingleItem().RequestMessage.Body!).RootElement
            .GetProperty("query").GetString()!;
        // client and serviceItem are JSON scalars; Invoice has no currency and InvoiceItem no description.
        query.ShouldNotContain("client {");
        query.ShouldNotContain("client{");
        query.ShouldNotContain("serviceItem {");
        query.ShouldNotContain("currency");
        query.ShouldNotContain("description");
        query.ShouldContain("details");
    }

    [Theory]
    [InlineData("DRAFT")]
    [InlineData("APPROVED")]
    [InlineData("PAID")]
    [InlineData("OVERDUE")]
    [InlineData("VOID")]
    public async Task Every_documented_invoice_status_is_read(string status)
    {
        var invoice = Invoice("4001");
        invoice["statusEnum"] = status;
        GivenPage(1, hasMore: false, invoice);

        var page = (await ReadInvoicesAsync()).ShouldHaveSingleItem();

        page.Rejected.ShouldBeEmpty();
        page.Items.ShouldHaveSingleItem().Status.ShouldBe(status);
    }

    [Fact]
    public async Task Ids_sent_as_numbers_as_in_superops_reference_examples_are_read()
    {
        var invoice = Invoice("0");
        invoice["invoiceId"] = 4;
        GivenPage(1, hasMore: false, invoice);

        (await ReadInvoicesAsync()).ShouldHaveSingleItem().Items.ShouldHaveSingleItem().InvoiceId.ShouldBe("4");
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_and_the_page_then_read()
    {
        server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("limited").WillSetStateTo("served")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "0"));
        server.Given(Request.Create().WithPath(Path).UsingPost()).InScenario("limited").WhenStateIs("served")
            .RespondWith(PageAnswer(1, hasMore: false, Invoice("2001")));

        var pages = await ReadInvoicesAsync();

        pages.ShouldHaveSingleItem().Items.ShouldHaveSingleItem().InvoiceId.ShouldBe("2001");
        server.LogEntries.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_429_without_retry_after_backs_off_a_bounded_number_of_times_then_fails_naming_the_status()
    {
        server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(429));

        var failure = await Should.ThrowAsync<HttpRequestException>(ReadInvoicesAsync);

        failure.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        server.LogEntries.Count.ShouldBe(new SuperOpsConnectorOptions().MaxRetries + 1);
    }

    [Fact]
    public async Task An_empty_first_page_is_zero_invoices_and_ends_the_paging()
    {
        GivenPage(1, hasMore: false);

        var pages = await ReadInvoicesAsync();

        pages.ShouldHaveSingleItem().Items.ShouldBeEmpty();
        server.LogEntries.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Incomplete_invoices_are_refused_by_name_and_the_rest_of_the_page_is_kept()
    {
        var noClient = Invoice("3002");
        noClient.Remove("client");
        var badStatus = Invoice("3003");
        badStatus["statusEnum"] = "SENT";
        var badAmount = Invoice("3004");
        badAmount["totalAmount"] = null;
        GivenPage(1, hasMore: false, Invoice("3001"), noClient, badStatus, badAmount);

        var page = (await ReadInvoicesAsync()).ShouldHaveSingleItem();

        page.Items.Select(invoice => invoice.InvoiceId).ShouldBe(["3001"]);
        page.Rejected.Select(rejected => rejected.Reason).ShouldBe([
            "invoice 3002: client.accountId is missing",
            "invoice 3003: statusEnum is 'SENT', expected one of DRAFT, APPROVED, PAID, OVERDUE, VOID",
            "invoice 3004: totalAmount is missing or negative"]);
        page.Rejected[0].What.ShouldBe("getInvoiceList page 1 item 2");
    }

    [Fact]
    public async Task GraphQL_errors_and_a_refused_token_stop_the_read_with_the_reason()
    {
        server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithBodyAsJson(new { errors = new[] { new { message = "Cannot query field", extensions = new { code = "GRAPHQL_VALIDATION_FAILED" } } }, data = (object?)null }));

        var failed = await Should.ThrowAsync<SuperOpsPayloadException>(ReadInvoicesAsync);
        failed.Message.ShouldContain("GRAPHQL_VALIDATION_FAILED: Cannot query field");

        server.Reset();
        server.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(Response.Create().WithStatusCode(401));
        await Should.ThrowAsync<SuperOpsAuthenticationException>(ReadInvoicesAsync);
        server.LogEntries.Count.ShouldBe(1, "an API token cannot be renewed: a refused one is not tried again");
    }

    [Fact]
    public async Task A_page_claiming_more_while_empty_is_refused_instead_of_looping()
    {
        GivenPage(1, hasMore: true);

        (await Should.ThrowAsync<SuperOpsPayloadException>(ReadInvoicesAsync)).Message.ShouldContain("empty but says more follow");
    }

    private async Task<List<SuperOpsPage<SuperOpsInvoice>>> ReadInvoicesAsync()
    {
        using var client = CreateClient();
        var pages = new List<SuperOpsPage<SuperOpsInvoice>>();
        await foreach (var page in client.ReadInvoicesAsync("aud"))
        {
            pages.Add(page);
        }
        return pages;
    }

    private SuperOpsClient CreateClient()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        collection.AddSuperOpsConnector();
        collection.Configure<SuperOpsConnectorOptions>(options =>
        {
            options.Endpoint = new Uri(server.Url + Path);
            options.RetryDelay = TimeSpan.FromMilliseconds(10);
        });
        services = collection.BuildServiceProvider();
        var factory = services.GetRequiredService<SuperOpsClientFactory>();
        return factory.Create(factory.ConnectionFor(new IntegrationValues(new Dictionary<string, string>
        {
            [SuperOpsClientFactory.SubDomainSetting] = "demo-msp",
            [SuperOpsClientFactory.ApiTokenSetting] = "token-1",
        })));
    }

    private void GivenPage(int number, bool hasMore, params Dictionary<string, object?>[] invoices) =>
        server.Given(Request.Create().WithPath(Path).UsingPost()
                .WithBody((string? body) => body is not null && JsonDocument.Parse(body).RootElement
                    .GetProperty("variables").GetProperty("input").GetProperty("page").GetInt32() == number))
            .RespondWith(PageAnswer(number, hasMore, invoices));

    private static IResponseBuilder PageAnswer(int number, bool hasMore, params Dictionary<string, object?>[] invoices) =>
        Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            data = new
            {
                getInvoiceList = new
                {
                    invoices,
                    listInfo = new { page = number, pageSize = 100, hasMore, totalCount = 3 },
                },
            },
        });

    /// <summary>
    /// SuperOps' documented <c>Invoice</c> example (API reference, Types → Invoice) with its documented <c>InvoiceItem</c>
    /// example as the one item, the id replaced; amounts are strings and client/serviceItem JSON objects, as documented.
    /// </summary>
    private static Dictionary<string, object?> Invoice(string id) => new()
    {
        ["invoiceId"] = id,
        ["displayId"] = "061422-0001",
        ["client"] = new { accountId = "7929754851606401024", name = "Acme" },
        ["site"] = new { id = "7929754852373958656", name = "Austin" },
        ["invoiceDate"] = "2022-06-14",
        ["dueDate"] = "2022-06-25",
        ["statusEnum"] = "DRAFT",
        ["sentToClient"] = true,
        ["discountAmount"] = "1250.25",
        ["additionalDiscount"] = "1000",
        ["additionalDiscountRate"] = "10",
        ["totalAmount"] = "10000",
        ["notes"] = "The additional discount offered by Adam",
        ["items"] = new[]
        {
            new Dictionary<string, object?>
            {
                ["itemId"] = "4",
                ["billedDate"] = "2022-05-31",
                ["details"] = "Seagate One Touch 1TB USB 3.0 Hard Disk Drive",
                ["quantity"] = "10",
                ["unitPrice"] = "125.75",
                ["discountRate"] = "12.75",
                ["amount"] = "1097.17",
                ["taxable"] = true,
                ["tax"] = new { taxId = "7929754852373958658", name = "Austin Tax" },
                ["serviceItem"] = new { itemId = "7929754852373958672", name = "Hard Disk", quantityType = "UNITS" },
            },
        },
    };

    public void Dispose()
    {
        services?.Dispose();
        server.Stop();
        server.Dispose();
    }
}
