using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Sandbox.SuperOps;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class SuperOpsApiTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private const string InvoiceQuery = """
        query getInvoiceList($input: ListInfoInput!) {
          getInvoiceList(input: $input) {
            invoices { invoiceId displayId client invoiceDate dueDate statusEnum totalAmount
              items { itemId details quantity unitPrice amount serviceItem } }
            listInfo { page pageSize hasMore totalCount }
          }
        }
        """;

    // Spelled out here rather than reusing the sandbox's records, so the tests pin the wire names.
    private sealed record Answer<T>(T? Data, List<GraphQLError>? Errors);

    private sealed record InvoiceData(InvoiceList GetInvoiceList);

    private sealed record InvoiceList(List<Invoice> Invoices, ListInfo ListInfo);

    private sealed record Invoice(string InvoiceId, string DisplayId, ClientRef Client, string InvoiceDate, string StatusEnum,
        string TotalAmount, List<Item> Items);

    private sealed record ClientRef(string AccountId, string Name);

    private sealed record Item(string ItemId, string Details, string Quantity, string UnitPrice, string Amount, ServiceItem ServiceItem);

    private sealed record ServiceItem(string ItemId, string Name, string QuantityType);

    private sealed record ClientData(ClientList GetClientList);

    private sealed record ClientList(List<ClientRef> Clients, ListInfo ListInfo);

    private sealed record ListInfo(int Page, int PageSize, bool HasMore, int TotalCount);

    private sealed record GraphQLError(string Message);

    private SuperOpsDemoData Data => app.Services.GetRequiredService<SuperOpsDemoData>();

    [Fact]
    public async Task Paging_with_variables_walks_every_invoice_once_until_has_more_is_false()
    {
        using var client = CreateClient();
        var seen = new List<string>();
        ListInfo info;
        var page = 1;
        do
        {
            var answer = await PostAsync<InvoiceData>(client, InvoiceQuery, new { input = new { page = page++, pageSize = 100 } });
            info = answer.Data!.GetInvoiceList.ListInfo;
            seen.AddRange(answer.Data.GetInvoiceList.Invoices.Select(invoice => invoice.InvoiceId));
        }
        while (info.HasMore);

        Data.Invoices.Count.ShouldBeGreaterThan(100);
        seen.ShouldBe(Data.Invoices.Select(invoice => invoice.InvoiceId));
        info.TotalCount.ShouldBe(Data.Invoices.Count);
    }

    [Fact]
    public async Task Inline_arguments_page_too_and_a_page_past_the_last_is_empty()
    {
        using var client = CreateClient();

        var second = await PostAsync<InvoiceData>(client, "{ getInvoiceList(input: {page: 2, pageSize: 5}) { invoices { invoiceId } } }");
        var past = await PostAsync<InvoiceData>(client, "{ getInvoiceList(input: {page: 10000, pageSize: 5}) { invoices { invoiceId } } }");

        second.Data!.GetInvoiceList.Invoices.Select(invoice => invoice.InvoiceId)
            .ShouldBe(Data.Invoices.Skip(5).Take(5).Select(invoice => invoice.InvoiceId));
        past.Data!.GetInvoiceList.Invoices.ShouldBeEmpty();
        past.Data.GetInvoiceList.ListInfo.HasMore.ShouldBeFalse();
    }

    [Fact]
    public void Invoices_bill_the_rmm_device_counts_of_their_clients()
    {
        var clients = app.Data.Clients.ToDictionary(client => client.Id);

        Data.Invoices.ShouldAllBe(invoice => Number(invoice.TotalAmount) == invoice.Items.Sum(item => Number(item.Amount))
            && invoice.Items.Count > 0);
        foreach (var invoice in Data.Invoices)
        {
            var client = clients[Data.ClientIdByAccount[invoice.Client.AccountId]];
            invoice.Items.Sum(item => Number(item.Quantity)).ShouldBe(client.Devices);
        }
        Data.Invoices.Select(invoice => invoice.StatusEnum).Distinct().Order().ShouldBe(["APPROVED", "DRAFT", "OVERDUE", "PAID"]);
    }

    [Fact]
    public async Task Invoices_have_superops_documented_shape_json_client_and_service_item_string_amounts_and_details()
    {
        using var client = CreateClient();

        var answer = await PostAsync<InvoiceData>(client, InvoiceQuery, new { input = new { page = 1, pageSize = 5 } });

        var invoice = answer.Data!.GetInvoiceList.Invoices[0];
        var expected = Data.Invoices[0];
        invoice.Client.ShouldBe(new ClientRef(expected.Client.AccountId, expected.Client.Name));
        invoice.TotalAmount.ShouldBe(expected.TotalAmount);
        var item = invoice.Items[0];
        item.Details.ShouldStartWith(item.ServiceItem.Name);
        item.ServiceItem.QuantityType.ShouldBe("UNITS");
        Number(item.Amount).ShouldBe(Number(item.Quantity) * Number(item.UnitPrice));
    }

    [Theory]
    [InlineData("invoices { invoiceId client { accountId name } }", "Sub selection not allowed on leaf type JSON of field client")]
    [InlineData("invoices { invoiceId items { serviceItem { itemId name } } }", "Sub selection not allowed on leaf type JSON of field serviceItem")]
    [InlineData("invoices { invoiceId currency }", "Field 'currency' in type 'Invoice' is undefined")]
    [InlineData("invoices { items { description } }", "Field 'description' in type 'InvoiceItem' is undefined")]
    [InlineData("invoices { items }", "Sub selection required for type InvoiceItem of field items")]
    public async Task A_selection_superops_schema_refuses_is_refused_with_a_graphql_error(string selection, string message)
    {
        using var client = CreateClient();

        using var response = await client.PostAsJsonAsync("/superops/msp",
            new { query = $"{{ getInvoiceList(input: {{page: 1, pageSize: 5}}) {{ {selection} }} }}" });
        var answer = (await response.Content.ReadFromJsonAsync<Answer<JsonElement>>())!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Errors!.Single().Message.ShouldContain(message);
    }

    [Fact]
    public async Task The_client_list_pages_like_the_invoices()
    {
        using var client = CreateClient();

        var answer = await PostAsync<ClientData>(client,
            "query($page: Int!) { getClientList(input: {page: $page, pageSize: 3}) { clients { accountId name } listInfo { page hasMore totalCount } } }",
            new { page = 1 });

        answer.Data!.GetClientList.Clients.Select(account => account.AccountId).ShouldBe(Data.Clients.Take(3).Select(account => account.AccountId));
        answer.Data.GetClientList.ListInfo.ShouldBe(new ListInfo(1, 3, true, Data.Clients.Count));
    }

    [Theory]
    [InlineData("{ getTicketList(input: {page: 1}) { tickets { ticketId } } }", "getTicketList")]
    [InlineData("mutation { createInvoice(input: {}) { invoiceId } }", "mutations")]
    [InlineData("{ getInvoiceList(input: {page: 1, pageSize: 5000}) { invoices { invoiceId } } }", "pageSize")]
    public async Task A_query_the_sandbox_cannot_answer_gets_a_graphql_error_not_a_server_error(string query, string mentioned)
    {
        using var client = CreateClient();

        using var response = await client.PostAsJsonAsync("/superops/msp", new { query });
        var answer = (await response.Content.ReadFromJsonAsync<Answer<JsonElement>>())!;

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Errors!.Single().Message.ShouldContain(mentioned);
        answer.Data.ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_wrong_token_or_subdomain_is_401_and_a_body_without_a_query_is_400()
    {
        using var wrongToken = CreateClient("wrong-token");
        using var wrongDomain = CreateClient(subDomain: "elsewhere");
        using var good = CreateClient();

        (await wrongToken.PostAsJsonAsync("/superops/msp", new { query = InvoiceQuery })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrongDomain.PostAsJsonAsync("/superops/msp", new { query = InvoiceQuery })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await good.PostAsJsonAsync("/superops/msp", new { variables = new { } })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static decimal Number(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private HttpClient CreateClient(string token = SandboxApp.ClientSecret, string subDomain = SandboxApp.ClientId)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("CustomerSubDomain", subDomain);
        return client;
    }

    private static async Task<Answer<T>> PostAsync<T>(HttpClient client, string query, object? variables = null)
    {
        using var response = await client.PostAsJsonAsync("/superops/msp", new { query, variables });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = (await response.Content.ReadFromJsonAsync<Answer<T>>())!;
        answer.Errors.ShouldBeNull();
        return answer;
    }
}
