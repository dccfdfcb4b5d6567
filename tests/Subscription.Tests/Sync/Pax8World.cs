using BillingOne.Subscription.Tests.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// A small Pax8 account a test can change between syncs: companies, products and subscriptions served by a WireMock
/// stand-in with the documented paging, replaced whole by <see cref="Serve"/>.
/// </summary>
public sealed class Pax8World(Pax8Stub stub)
{
    public List<Dictionary<string, object?>> Companies { get; } = [];

    public List<Dictionary<string, object?>> Products { get; } = [];

    public List<Dictionary<string, object?>> Subscriptions { get; } = [];

    public static Dictionary<string, object?> Company(int number, string name) => new()
    {
        ["id"] = Pax8Stub.IdOf(1_000_000 + number),
        ["name"] = name,
        ["website"] = $"company{number}.example",
        ["status"] = "Active",
        ["updatedDate"] = "2026-01-05T00:00:00Z",
    };

    public static Dictionary<string, object?> Product(int number, string name, string unit, decimal price) => new()
    {
        ["id"] = Pax8Stub.IdOf(2_000_000 + number),
        ["name"] = name,
        ["vendorName"] = "Microsoft",
        ["sku"] = $"SKU-{number}",
        ["unitOfMeasurement"] = unit,
        ["unitPrice"] = price,
        ["currencyCode"] = "AUD",
    };

    public static Dictionary<string, object?> Subscription(int number, int company, int product, int quantity,
        decimal price, string term = "Monthly", string status = "Active") => new()
        {
            ["id"] = Pax8Stub.IdOf(number),
            ["companyId"] = Pax8Stub.IdOf(1_000_000 + company),
            ["productId"] = Pax8Stub.IdOf(2_000_000 + product),
            ["quantity"] = quantity,
            ["price"] = price,
            ["currencyCode"] = "AUD",
            ["billingTerm"] = term,
            ["status"] = status,
            ["createdDate"] = "2025-11-10T00:00:00Z",
            ["startDate"] = "2025-11-12T00:00:00Z",
            ["endDate"] = null,
        };

    /// <summary>Answers every list as it is now (pages of <see cref="Pax8Stub.PageSize"/>), each after <paramref name="delay"/>.</summary>
    public void Serve(TimeSpan? delay = null)
    {
        stub.Server.Reset();
        stub.GivenToken();
        ServeList("companies", Companies, delay);
        ServeList("products", Products, delay);
        ServeList("subscriptions", Subscriptions, delay);
        // GET /v1/subscriptions/{id} for each one; any other id falls through to WireMock's 404.
        foreach (var subscription in Subscriptions)
        {
            stub.Server.Given(Request.Create().WithPath($"/v1/subscriptions/{subscription["id"]}").UsingGet()).AtPriority(10)
                .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(subscription));
        }
    }

    /// <summary>Page <paramref name="number"/> of <paramref name="resource"/> answers a body Pax8 would never send.</summary>
    public void ServeMalformedPage(string resource, int number) =>
        stub.Server.Given(Pax8Stub.PageRequest(resource, number)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { content = new[] { new { id = "x" } } }));

    private void ServeList(string resource, List<Dictionary<string, object?>> items, TimeSpan? delay)
    {
        var pages = Math.Max(1, (items.Count + Pax8Stub.PageSize - 1) / Pax8Stub.PageSize);
        for (var number = 0; number < pages; number++)
        {
            var content = items.Skip(number * Pax8Stub.PageSize).Take(Pax8Stub.PageSize).ToList();
            var response = Response.Create().WithStatusCode(200)
                .WithBodyAsJson(Pax8Stub.Page(number, items.Count, content));
            stub.Server.Given(Pax8Stub.PageRequest(resource, number)).AtPriority(10)
                .RespondWith(delay is { } wait ? response.WithDelay(wait) : response);
        }
    }
}
