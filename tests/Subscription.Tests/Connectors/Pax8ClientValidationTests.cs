using BillingOne.Subscription.Connectors.Pax8;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Connectors;

[Trait("Category", "Integration")]
public sealed class Pax8ClientValidationTests : IDisposable
{
    private readonly Pax8Stub stub = new();

    public Pax8ClientValidationTests() => stub.GivenToken();

    [Theory]
    [InlineData("id", null, "content[1].id", "is missing")]
    [InlineData("companyId", "00000000-0000-0000-0000-000000000000", "content[1].companyId", "is missing")]
    [InlineData("quantity", -3, "content[1].quantity", "is negative (-3)")]
    [InlineData("quantity", null, "content[1].quantity", "is missing")]
    [InlineData("billingTerm", "Biennial", "content[1].billingTerm", "is 'Biennial', expected one of")]
    [InlineData("billingTerm", "Activation", "content[1].billingTerm", "is 'Activation', expected one of")]
    [InlineData("status", "Frozen", "content[1].status", "is 'Frozen', not a Pax8 status")]
    [InlineData("price", -1, "content[1].price", "is negative (-1)")]
    [InlineData("currencyCode", "AU", "content[1].currencyCode", "'AU' is not an ISO 4217 code")]
    [InlineData("endDate", "2024-12-31T00:00:00Z", "content[1].endDate", "is before startDate")]
    public async Task A_bad_subscription_is_left_out_of_its_page_naming_its_id_and_the_field_and_the_rest_is_kept(
        string field, object? value, string expectedField, string expectedReason)
    {
        var bad = Pax8Stub.Subscription(1);
        bad[field] = value;
        stub.GivenPage("subscriptions", 0, Pax8Stub.Page(0, 2, [Pax8Stub.Subscription(0), bad]));

        var page = (await stub.CreateClient().ReadSubscriptionsAsync().ToListAsync()).ShouldHaveSingleItem();

        page.Items.Select(subscription => subscription.Id).ShouldBe([Pax8Stub.IdOf(0)]);
        var skipped = page.Skipped.ShouldNotBeNull().ShouldHaveSingleItem();
        (skipped.Resource, skipped.PageNumber, skipped.Field).ShouldBe(("subscriptions", 0, expectedField));
        skipped.Id.ShouldBe(field == "id" ? null : Pax8Stub.IdOf(1));
        skipped.Reason.ShouldStartWith(expectedReason);
    }

    [Fact]
    public async Task A_start_date_with_an_offset_written_without_a_colon_is_read()
    {
        var subscription = Pax8Stub.Subscription(0);
        subscription["startDate"] = "2025-01-12T00:00:00.000-0600";
        stub.GivenPage("subscriptions", 0, Pax8Stub.Page(0, 1, [subscription]));

        var page = (await stub.CreateClient().ReadSubscriptionsAsync().ToListAsync()).ShouldHaveSingleItem();

        page.Items.ShouldHaveSingleItem().StartDate.ShouldBe(new DateTimeOffset(2025, 1, 12, 6, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_field_of_the_wrong_type_names_its_json_path()
    {
        var bad = Pax8Stub.Subscription(0);
        bad["quantity"] = "many";
        stub.GivenPage("subscriptions", 0, Pax8Stub.Page(0, 1, [bad]));

        var failure = await ReadSubscriptionsExpectingFailureAsync();

        failure.Field.ShouldBe("$.content[0].quantity");
        failure.Reason.ShouldStartWith("cannot be read");
    }

    [Fact]
    public async Task Total_pages_that_do_not_follow_from_the_total_reject_the_page()
    {
        stub.GivenPage("subscriptions", 0, new
        {
            content = new[] { Pax8Stub.Subscription(0) },
            page = new { size = Pax8Stub.PageSize, totalElements = 1, totalPages = 4, number = 0 },
        });

        var failure = await ReadSubscriptionsExpectingFailureAsync();

        failure.Field.ShouldBe("page.totalPages");
        failure.Reason.ShouldBe("is 4, but 1 items make 1 pages of 200");
    }

    [Theory]
    [InlineData(1, Pax8Stub.PageSize, "page.number", "is 1, requested 0")]
    [InlineData(0, 50, "page.size", "is 50, requested 200")]
    public async Task A_page_other_than_the_one_requested_is_rejected(int number, int size, string field, string reason)
    {
        stub.GivenPage("subscriptions", 0, new
        {
            content = new[] { Pax8Stub.Subscription(0) },
            page = new { size, totalElements = 1, totalPages = 1, number },
        });

        var failure = await ReadSubscriptionsExpectingFailureAsync();

        failure.Field.ShouldBe(field);
        failure.Reason.ShouldBe(reason);
    }

    [Fact]
    public async Task A_page_holding_fewer_items_than_its_metadata_says_is_rejected()
    {
        stub.GivenPage("subscriptions", 0, Pax8Stub.Page(0, 450, [Pax8Stub.Subscription(0)]));

        var failure = await ReadSubscriptionsExpectingFailureAsync();

        failure.Field.ShouldBe("content");
        failure.Reason.ShouldBe("holds 1 items, the page metadata says 200");
    }

    [Fact]
    public async Task A_page_without_page_metadata_is_rejected()
    {
        stub.GivenPage("companies", 0, new { content = Array.Empty<object>() });

        var failure = await Should.ThrowAsync<Pax8PayloadException>(
            () => stub.CreateClient().ReadCompaniesAsync().ToListAsync().AsTask());

        failure.Field.ShouldBe("page");
        failure.Reason.ShouldBe("is missing");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_rejected()
    {
        stub.Server.Given(Pax8Stub.PageRequest("products", 0))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("<html>maintenance</html>"));

        var failure = await Should.ThrowAsync<Pax8PayloadException>(
            () => stub.CreateClient().ReadProductsAsync().ToListAsync().AsTask());

        failure.Resource.ShouldBe("products");
        failure.Reason.ShouldStartWith("cannot be read");
    }

    [Fact]
    public async Task A_product_with_an_unknown_licence_unit_is_left_out_by_its_id()
    {
        stub.GivenPage("products", 0, Pax8Stub.Page(0, 1,
        [
            new { id = Pax8Stub.IdOf(1), name = "Backup", vendorName = "Acronis", unitOfMeasurement = "Seat",
                unitPrice = 5m, currencyCode = "AUD" },
        ]));

        var page = (await stub.CreateClient().ReadProductsAsync().ToListAsync()).ShouldHaveSingleItem();

        page.Items.ShouldBeEmpty();
        var skipped = page.Skipped.ShouldNotBeNull().ShouldHaveSingleItem();
        (skipped.Id, skipped.Field).ShouldBe((Pax8Stub.IdOf(1), "content[0].unitOfMeasurement"));
    }

    [Fact]
    public async Task A_bad_later_page_comes_after_the_good_ones_so_a_sync_keeps_those_and_records_the_failure()
    {
        const int total = 250;
        stub.GivenPage("subscriptions", 0,
            Pax8Stub.Page(0, total, Enumerable.Range(0, Pax8Stub.PageSize).Select(Pax8Stub.Subscription)));
        var bad = Enumerable.Range(Pax8Stub.PageSize, total - Pax8Stub.PageSize).Select(Pax8Stub.Subscription).ToList();
        bad[7]["id"] = "not-a-guid";
        stub.GivenPage("subscriptions", 1, Pax8Stub.Page(1, total, bad));
        var received = new List<Pax8Page<Pax8Subscription>>();

        var failure = await Should.ThrowAsync<Pax8PayloadException>(async () =>
        {
            await foreach (var page in stub.CreateClient().ReadSubscriptionsAsync())
            {
                received.Add(page);
            }
        });

        received.ShouldHaveSingleItem().Number.ShouldBe(0);
        failure.PageNumber.ShouldBe(1);
        failure.Field.ShouldBe("$.content[7].id", "a body that does not parse fails its whole page");
    }

    [Fact]
    public async Task A_total_that_changes_between_pages_stops_the_read()
    {
        stub.GivenPage("subscriptions", 0,
            Pax8Stub.Page(0, 250, Enumerable.Range(0, Pax8Stub.PageSize).Select(Pax8Stub.Subscription)));
        stub.GivenPage("subscriptions", 1,
            Pax8Stub.Page(1, 251, Enumerable.Range(Pax8Stub.PageSize, 51).Select(Pax8Stub.Subscription)));

        var failure = await ReadSubscriptionsExpectingFailureAsync();

        failure.PageNumber.ShouldBe(1);
        failure.Field.ShouldBe("page.totalElements");
        failure.Reason.ShouldContain("changed from 250 to 251");
    }

    private Task<Pax8PayloadException> ReadSubscriptionsExpectingFailureAsync() =>
        Should.ThrowAsync<Pax8PayloadException>(() => stub.CreateClient().ReadSubscriptionsAsync().ToListAsync().AsTask());

    public void Dispose() => stub.Dispose();
}
