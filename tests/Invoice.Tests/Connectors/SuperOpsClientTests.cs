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
            DisplayId = "INV-1001",
            AccountId = "77",
            ClientName = "Harbourside Dental",
            InvoiceDate = new DateOnly(2026, 10, 1),
            DueDate = new DateOnly(2026, 10, 15),
            Status = "SENT",
            TotalAmount = 715.00m,
            Currency = "AUD",
        });
        first.Lines.ShouldHaveSingleItem().ShouldBe(new SuperOpsInvoiceLine("Managed Workstation", "Managed Workstation", 13m, 55.00m, 715.00m));
        server.LogEntries.Count.ShouldBe(2);
        server.LogEntries.ShouldAllBe(entry => entry.RequestMessage.Headers!["Authorization"][0] == "Bearer token-1"
            && entry.RequestMessage.Headers[SuperOpsClient.SubDomainHeader][0] == "demo-msp");
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
    public async Task Incomplete_invoices_are_refused_by_name_and_the_rest_of_the_page_is_kept()
    {
        var noClient = Invoice("3002");
        noClient.Remove("client");
        var badStatus = Invoice("3003");
        badStatus["statusEnum"] = "SHREDDED";
        var badCurrency = Invoice("3004");
        badCurrency["currency"] = "DOLLARS";
        GivenPage(1, hasMore: false, Invoice("3001"), noClient, badStatus, badCurrency);

        var page = (await ReadInvoicesAsync()).ShouldHaveSingleItem();

        page.Items.Select(invoice => invoice.InvoiceId).ShouldBe(["3001"]);
        page.Rejected.Select(rejected => rejected.Reason).ShouldBe([
            "invoice 3002: client.accountId is missing",
            "invoice 3003: statusEnum is 'SHREDDED', expected DRAFT, SENT, PAID or OVERDUE",
            "invoice 3004: currency is 'DOLLARS', not an ISO 4217 code"]);
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
        await foreach (var page in client.ReadInvoicesAsync())
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

    private static Dictionary<string, object?> Invoice(string id) => new()
    {
        ["invoiceId"] = id,
        ["displayId"] = $"INV-{id}",
        ["client"] = new { accountId = "77", name = "Harbourside Dental" },
        ["invoiceDate"] = "2026-10-01",
        ["dueDate"] = "2026-10-15",
        ["statusEnum"] = "SENT",
        ["totalAmount"] = 715.00m,
        ["currency"] = "AUD",
        ["items"] = new[]
        {
            new { itemId = "5", serviceItem = new { itemId = "9", name = "Managed Workstation" }, description = "Managed Workstation", quantity = 13m, unitPrice = 55.00m, amount = 715.00m },
        },
    };

    public void Dispose()
    {
        services?.Dispose();
        server.Stop();
        server.Dispose();
    }
}
