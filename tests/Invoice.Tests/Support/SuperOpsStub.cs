using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.Invoice.Tests.Support;

/// <summary>
/// A WireMock.Net stand-in for SuperOps' GraphQL endpoint: <c>getClientList</c> and <c>getInvoiceList</c> pages per
/// subdomain (the <c>CustomerSubDomain</c> header), so tests of different organizations share it without seeing each
/// other. Giving the same page again replaces its answer, as SuperOps' data changing between syncs.
/// </summary>
public sealed class SuperOpsStub : IDisposable
{
    public const string Path = "/msp";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Endpoint => Server.Url + Path;

    public void GivenClientsPage(string subDomain, int page, bool hasMore, params object[] clients) =>
        GivenPage(subDomain, "getClientList", page, Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            data = new { getClientList = new { clients, listInfo = new { page, pageSize = 100, hasMore, totalCount = clients.Length } } },
        }));

    public void GivenInvoicesPage(string subDomain, int page, bool hasMore, params object[] invoices) =>
        GivenPage(subDomain, "getInvoiceList", page, Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            data = new { getInvoiceList = new { invoices, listInfo = new { page, pageSize = 100, hasMore, totalCount = invoices.Length } } },
        }));

    /// <summary>Answers the invoice list's page with GraphQL errors instead of a list.</summary>
    public void GivenInvoicesPageErrors(string subDomain, int page, string message) =>
        GivenPage(subDomain, "getInvoiceList", page, Response.Create().WithStatusCode(200).WithBodyAsJson(new
        {
            errors = new[] { new { message, extensions = new { code = "INTERNAL" } } },
        }));

    /// <summary>SuperOps refusing the subdomain's token on every query.</summary>
    public void GivenRefused(string subDomain) =>
        Server.Given(Request.Create().WithPath(Path).UsingPost().WithHeader("CustomerSubDomain", subDomain))
            .RespondWith(Response.Create().WithStatusCode(401).WithBodyAsJson(new { message = "Invalid API token" }));

    /// <summary>The queries SuperOps received for the subdomain.</summary>
    public IReadOnlyList<WireMock.Logging.ILogEntry> Requests(string subDomain) =>
        [.. Server.LogEntries.Where(entry => entry.RequestMessage.Headers?.TryGetValue("CustomerSubDomain", out var sent) == true
            && sent.Contains(subDomain))];

    public static object Client(string accountId, string name) => new { accountId, name, status = "Active" };

    /// <summary>An invoice shaped as SuperOps' reference documents it: JSON client and serviceItem, string amounts, no currency.</summary>
    public static Dictionary<string, object?> Invoice(string invoiceId, string accountId, string clientName, string status,
        decimal total, DateOnly dueDate) => new()
        {
            ["invoiceId"] = invoiceId,
            ["displayId"] = $"SO-{invoiceId}",
            ["client"] = new { accountId, name = clientName },
            ["invoiceDate"] = dueDate.AddDays(-14).ToString("yyyy-MM-dd"),
            ["dueDate"] = dueDate.ToString("yyyy-MM-dd"),
            ["statusEnum"] = status,
            ["totalAmount"] = Text(total),
            ["items"] = new[]
            {
                new
                {
                    itemId = "1", billedDate = dueDate.AddDays(-14).ToString("yyyy-MM-dd"), details = "Managed Workstation",
                    quantity = "2", unitPrice = Text(total / 2), amount = Text(total),
                    serviceItem = new { itemId = "9", name = "Managed Workstation", quantityType = "UNITS" },
                },
            },
        };

    private static string Text(decimal amount) => amount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // The same subdomain, query and page always maps to the same id, so giving it again replaces the answer.
    private void GivenPage(string subDomain, string query, int page, IResponseBuilder response) =>
        Server.Given(Request.Create().WithPath(Path).UsingPost().WithHeader("CustomerSubDomain", subDomain)
                .WithBody((string? body) => body is not null && IsPage(body, query, page)))
            .WithGuid(new Guid(MD5.HashData(Encoding.UTF8.GetBytes($"{subDomain}/{query}/{page}"))))
            .RespondWith(response);

    private static bool IsPage(string body, string query, int page)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("query").GetString()!.Contains(query, StringComparison.Ordinal)
            && document.RootElement.GetProperty("variables").GetProperty("input").GetProperty("page").GetInt32() == page;
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}
