using System.Net;
using System.Net.Http.Json;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Integration")]
public sealed class Pax8ApiTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private sealed record PageOf<T>(List<T> Content, PageMetadata Page);

    private sealed record PageMetadata(int Size, int TotalElements, int TotalPages, int Number);

    private sealed record Company(Guid Id, string Name, string? Website, string Status, DateTimeOffset UpdatedDate);

    private sealed record Product(Guid Id, string Name, string VendorName, string Sku, string UnitOfMeasurement,
        decimal UnitPrice, string CurrencyCode);

    private sealed record Subscription(Guid Id, Guid CompanyId, Guid ProductId, int Quantity, decimal Price,
        string CurrencyCode, string BillingTerm, string Status, DateTimeOffset StartDate, DateTimeOffset? EndDate);

    [Fact]
    public async Task Paging_subscriptions_walks_every_one_exactly_once_with_consistent_totals()
    {
        using var client = await app.CreatePax8ClientAsync();
        const int size = 200;
        var seen = new List<Guid>();
        var expectedPages = (app.Pax8Data.Subscriptions.Count + size - 1) / size;

        for (var number = 0; number < expectedPages; number++)
        {
            var page = (await client.GetFromJsonAsync<PageOf<Subscription>>($"/v1/subscriptions?page={number}&size={size}"))!;
            page.Page.ShouldBe(new PageMetadata(size, app.Pax8Data.Subscriptions.Count, expectedPages, number));
            seen.AddRange(page.Content.Select(subscription => subscription.Id));
        }

        seen.ShouldBe(app.Pax8Data.Subscriptions.Select(subscription => subscription.Id));
    }

    [Fact]
    public async Task Without_page_and_size_the_first_ten_come_and_a_page_past_the_end_is_empty()
    {
        using var client = await app.CreatePax8ClientAsync();

        var first = (await client.GetFromJsonAsync<PageOf<Company>>("/v1/companies"))!;
        var past = (await client.GetFromJsonAsync<PageOf<Company>>("/v1/companies?page=1000&size=50"))!;

        first.Content.Select(company => company.Id).ShouldBe(app.Pax8Data.Companies.Take(10).Select(company => company.Id));
        first.Page.Number.ShouldBe(0);
        first.Page.TotalElements.ShouldBe(app.Pax8Data.Companies.Count);
        past.Content.ShouldBeEmpty();
        past.Page.TotalPages.ShouldBe((app.Pax8Data.Companies.Count + 49) / 50);
    }

    [Fact]
    public async Task Subscriptions_filtered_by_company_are_only_that_companys()
    {
        using var client = await app.CreatePax8ClientAsync();
        var company = app.Pax8Data.Companies[3];
        var expected = app.Pax8Data.Subscriptions.Where(subscription => subscription.CompanyId == company.Id).ToList();

        var page = (await client.GetFromJsonAsync<PageOf<Subscription>>($"/v1/subscriptions?companyId={company.Id}&size=200"))!;

        expected.ShouldNotBeEmpty();
        page.Content.Select(subscription => subscription.Id).ShouldBe(expected.Select(subscription => subscription.Id));
        page.Page.TotalElements.ShouldBe(expected.Count);
    }

    [Fact]
    public async Task One_subscription_is_served_by_id_as_listed_and_an_unknown_id_is_a_404()
    {
        using var client = await app.CreatePax8ClientAsync();
        var listed = (await client.GetFromJsonAsync<PageOf<Subscription>>("/v1/subscriptions?page=0&size=5"))!.Content[3];

        var single = await client.GetFromJsonAsync<Subscription>($"/v1/subscriptions/{listed.Id}");
        using var unknown = await client.GetAsync($"/v1/subscriptions/{Guid.NewGuid()}");

        single.ShouldBe(listed);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Products_carry_their_licence_unit_and_unit_price()
    {
        using var client = await app.CreatePax8ClientAsync();

        var products = (await client.GetFromJsonAsync<PageOf<Product>>("/v1/products?size=200"))!.Content;

        products.Count.ShouldBe(app.Pax8Data.Products.Count);
        products.ShouldContain(product => product.UnitOfMeasurement == "User" && product.Name.StartsWith("Microsoft 365"));
        products.ShouldContain(product => product.UnitOfMeasurement == "Device");
        products.ShouldAllBe(product => product.UnitPrice > 0 && product.CurrencyCode == "AUD");
    }

    [Theory]
    [InlineData("/v1/companies?size=201")]
    [InlineData("/v1/subscriptions?size=0")]
    [InlineData("/v1/products?page=-1")]
    public async Task Pages_outside_the_limits_are_refused_with_a_problem(string url)
    {
        using var client = await app.CreatePax8ClientAsync();

        using var response = await client.GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        using var response = await app.CreateClient().GetAsync("/v1/companies");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldHaveSingleItem().Scheme.ShouldBe("Bearer");
    }

    [Fact]
    public async Task A_ninjaone_token_does_not_open_the_pax8_api()
    {
        using var client = await app.CreateAuthorizedClientAsync();

        using var response = await client.GetAsync("/v1/companies");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(SandboxApp.ClientSecret, "api://somewhere-else", HttpStatusCode.Forbidden, "access_denied")]
    [InlineData("wrong", SandboxApp.Pax8Audience, HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task The_token_endpoint_checks_the_credentials_and_the_audience(
        string secret, string audience, HttpStatusCode status, string error)
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/oauth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SandboxApp.ClientId,
            ["client_secret"] = secret,
            ["audience"] = audience,
        });

        response.StatusCode.ShouldBe(status);
        (await response.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe(error);
    }

    [Fact]
    public async Task A_form_encoded_token_request_is_refused_as_invalid()
    {
        using var response = await app.CreateClient().PostAsync("/oauth/token", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = SandboxApp.ClientId }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<SandboxApp.TokenError>())!.Error.ShouldBe("invalid_request");
    }

    [Fact]
    public async Task The_token_lasts_the_configured_lifetime()
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/oauth/token", new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = SandboxApp.ClientId,
            ["client_secret"] = SandboxApp.ClientSecret,
            ["audience"] = SandboxApp.Pax8Audience,
        });

        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var token = (await response.Content.ReadFromJsonAsync<SandboxApp.TokenResponse>())!;
        token.TokenType.ShouldBe("Bearer");
        token.ExpiresIn.ShouldBe((int)SandboxApp.TokenLifetime.TotalSeconds);
    }

    [Fact]
    public async Task Two_sandboxes_with_the_same_seed_serve_the_same_subscriptions()
    {
        await using var twin = new SandboxApp();
        using var first = await app.CreatePax8ClientAsync();
        using var second = await twin.CreatePax8ClientAsync();

        var fromFirst = await first.GetStringAsync("/v1/subscriptions?page=2&size=150");
        var fromSecond = await second.GetStringAsync("/v1/subscriptions?page=2&size=150");

        fromSecond.ShouldBe(fromFirst);
    }
}
