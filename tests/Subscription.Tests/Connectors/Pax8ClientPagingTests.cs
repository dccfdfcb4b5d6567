using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class Pax8ClientPagingTests : IDisposable
{
    private readonly Pax8Stub stub = new();

    public Pax8ClientPagingTests() => stub.GivenToken();

    [Fact]
    public async Task Reads_every_page_of_subscriptions_in_order_and_stops_after_the_last()
    {
        const int total = 450;
        for (var number = 0; number < 3; number++)
        {
            var first = number * Pax8Stub.PageSize;
            var items = Enumerable.Range(first, Math.Min(Pax8Stub.PageSize, total - first)).Select(Pax8Stub.Subscription);
            stub.GivenPage("subscriptions", number, Pax8Stub.Page(number, total, items));
        }
        var client = stub.CreateClient();

        var pages = await client.ReadSubscriptionsAsync().ToListAsync();

        pages.Select(page => (page.Number, page.Items.Count)).ShouldBe([(0, 200), (1, 200), (2, 50)]);
        pages.ShouldAllBe(page => page.TotalPages == 3 && page.TotalElements == total);
        pages.SelectMany(page => page.Items).Select(item => item.Id)
            .ShouldBe(Enumerable.Range(0, total).Select(Pax8Stub.IdOf));
        stub.RequestsTo("/v1/subscriptions").ShouldBe(3);
    }

    [Fact]
    public async Task A_subscription_becomes_a_domain_record_with_money_and_known_terms()
    {
        var item = Pax8Stub.Subscription(1);
        item["endDate"] = "2025-06-30T00:00:00Z";
        item["status"] = "Cancelled";
        stub.GivenPage("subscriptions", 0, Pax8Stub.Page(0, 1, [item]));

        var page = await stub.CreateClient().ReadSubscriptionsAsync().SingleAsync();

        page.Items.ShouldHaveSingleItem().ShouldBe(new Pax8Subscription(
            Pax8Stub.IdOf(1), Pax8Stub.IdOf(1_000_001), Pax8Stub.IdOf(2_000_001), 2, new Money(18.70m, "AUD"),
            Pax8BillingTerm.Annual, Pax8SubscriptionStatus.Cancelled,
            new DateTimeOffset(2025, 1, 12, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 6, 30, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task Subscriptions_of_one_company_are_asked_for_by_company_id()
    {
        var companyId = Pax8Stub.IdOf(1_000_003);
        stub.Server.Given(Pax8Stub.PageRequest("subscriptions", 0).WithParam("companyId", companyId.ToString()))
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200)
                .WithBodyAsJson(Pax8Stub.Page(0, 1, [Pax8Stub.Subscription(3)])));

        var page = await stub.CreateClient().ReadSubscriptionsAsync(companyId).SingleAsync();

        page.Items.ShouldHaveSingleItem().CompanyId.ShouldBe(companyId);
    }

    [Fact]
    public async Task Companies_and_products_are_read_with_their_fields()
    {
        stub.GivenPage("companies", 0, Pax8Stub.Page(0, 1,
        [
            new { id = Pax8Stub.IdOf(7), name = "Harbourside Dental Pty. Ltd.", website = (string?)null, status = "Active",
                updatedDate = "2025-02-01T00:00:00Z" },
        ]));
        stub.GivenPage("products", 0, Pax8Stub.Page(0, 2,
        [
            new { id = Pax8Stub.IdOf(8), name = "Microsoft 365 Business Premium", vendorName = "Microsoft", sku = "CFQ7TTC0LCHC",
                unitOfMeasurement = "User", unitPrice = 33.00m, currencyCode = "AUD" },
            // The real Pax8 sends no unit or price on the product.
            new { id = Pax8Stub.IdOf(9), name = "Huntress Managed EDR", vendorName = "Huntress", sku = "HNT-EDR-1M",
                unitOfMeasurement = (string?)null, unitPrice = (decimal?)null, currencyCode = (string?)null },
        ]));
        var client = stub.CreateClient();

        var company = (await client.ReadCompaniesAsync().SingleAsync()).Items.ShouldHaveSingleItem();
        var products = (await client.ReadProductsAsync().SingleAsync()).Items;

        company.Name.ShouldBe("Harbourside Dental Pty. Ltd.");
        company.Website.ShouldBeNull();
        products[0].LicenceUnit.ShouldBe(Pax8LicenceUnit.User);
        products[0].UnitPrice.ShouldBe(new Money(33.00m, "AUD"));
        products[1].LicenceUnit.ShouldBeNull();
        products[1].UnitPrice.ShouldBeNull();
    }

    [Fact]
    public async Task An_empty_list_is_one_empty_page()
    {
        stub.GivenPage("companies", 0, Pax8Stub.Page(0, 0, []));

        var pages = await stub.CreateClient().ReadCompaniesAsync().ToListAsync();

        pages.ShouldHaveSingleItem().Items.ShouldBeEmpty();
    }

    public void Dispose() => stub.Dispose();
}
