using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Testing;

namespace BillingOne.Metering.Tests.Api;

/// <summary>The shared <c>Idempotency-Key</c> handling as wired into a real service.</summary>
[Trait("Category", "Integration")]
public class IdempotencyKeyTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string UnitTypes = "/api/metering/unit-types";

    private readonly string tag = "t" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_a_unit_type_twice_with_one_key_creates_one_and_answers_the_same_twice()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { key = $"{tag}-gb", name = "Backup storage (GB)", basePrice = 1m, overagePrice = 0.1m, currency = "AUD", aggregation = "max" };

        using var first = await SendAsync(body, key);
        using var repeat = await SendAsync(body, key);

        var created = await first.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
        (await repeat.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created)).ShouldBe(created);
        repeat.Headers.Location.ShouldBe(first.Headers.Location);
        repeat.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var listed = await fixture.Client.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag}");
        listed!.Items.ShouldHaveSingleItem().Id.ShouldBe(created.Id);
    }

    [Fact]
    public async Task The_same_key_for_another_unit_type_is_refused_with_422()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await SendAsync(new { key = $"{tag}-a", name = "A", basePrice = 1m, overagePrice = 0.1m, currency = "AUD", aggregation = "max" }, key);

        using var other = await SendAsync(new { key = $"{tag}-b", name = "B", basePrice = 1m, overagePrice = 0.1m, currency = "AUD", aggregation = "max" }, key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await other.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).ValidationErrors()
            .ShouldContainKey("Idempotency-Key");
        var listed = await fixture.Client.GetFromJsonAsync<PagedResult<UnitTypeDto>>($"{UnitTypes}?search={tag}");
        listed!.Items.ShouldHaveSingleItem().Key.ShouldBe($"{tag}-a");
    }

    private Task<HttpResponseMessage> SendAsync(object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, UnitTypes) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return fixture.Client.SendAsync(request);
    }
}
