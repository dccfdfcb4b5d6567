using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using static BillingOne.Metering.Tests.Api.MeteringMessages;

namespace BillingOne.Metering.Tests.Api;

[Trait("Category", "Integration")]
public sealed class UnitTypeChangesTests(MeteringApiFixture fixture) : IClassFixture<MeteringApiFixture>
{
    private const string UnitTypes = "/api/metering/unit-types";

    private readonly HttpClient http = fixture.Client;
    private readonly string key = "k" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Creating_changing_and_deleting_a_unit_type_each_announce_it_in_the_transaction()
    {
        var created = await CreateAsync();
        var updated = await (await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { name = "Renamed" }))
            .ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.OK);
        await http.PatchAsJsonAsync($"{UnitTypes}/{created.Id}", new { name = "Renamed" });
        (await http.DeleteAsync($"{UnitTypes}/{created.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var changes = await ChangesAsync(created.Id);
        changes.Count.ShouldBe(3);
        changes[0].ShouldBe(new UnitTypeChanged(DemoOrg, created.Id, key, false, created.UpdatedAt));
        changes[1].ShouldBe(new UnitTypeChanged(DemoOrg, created.Id, key, false, updated.UpdatedAt));
        (changes[2].Key, changes[2].Deleted).ShouldBe((key, true));
        changes[2].ChangedAt.ShouldBeGreaterThanOrEqualTo(updated.UpdatedAt);
    }

    [Fact]
    public async Task A_unit_type_that_a_bucket_uses_cannot_be_deleted()
    {
        var unitType = await CreateAsync();
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            await connection.ExecuteAsync("""
                INSERT INTO buckets (org_id, id, client_id, name, unit_type_id, aggregation, commit_units, base_price,
                                     overage_price, currency, reviewed, auto_provisioned, created_at, updated_at)
                VALUES (@DemoOrg, @bucket, @client, 'Backup', @unitTypeId, 'sum', 0, 0, 0, 'AUD', true, false, now(), now())
                """, new { DemoOrg, bucket = Guid.NewGuid(), client = Guid.NewGuid(), unitTypeId = unitType.Id });
        }

        var response = await http.DeleteAsync($"{UnitTypes}/{unitType.Id}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("used by 1 billing bucket");
        (await http.GetAsync($"{UnitTypes}/{unitType.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ChangesAsync(unitType.Id)).ShouldAllBe(change => !change.Deleted);
        (await fixture.AuditEntriesAsync("unit_types", unitType.Id)).Select(entry => entry.Action).ShouldBe(["create"]);
    }

    private async Task<UnitTypeDto> CreateAsync() =>
        await (await http.PostAsJsonAsync(UnitTypes, new
        {
            key, name = "Backup", basePrice = 10m, overagePrice = 0.5m, currency = "AUD", aggregation = "sum",
        })).ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);

    /// <summary>
    /// The unit type's announcements waiting in (or relayed from) the outbox, in the order of their changes.
    /// </summary>
    private async Task<List<UnitTypeChanged>> ChangesAsync(Guid unitTypeId)
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE 'BillingOne.Contracts.Events.UnitTypeChanged,%' AND payload->>'unitTypeId' = @id
            ORDER BY sequence
            """, new { id = unitTypeId.ToString() });
        return payloads.Select(payload => JsonSerializer.Deserialize<UnitTypeChanged>(payload, JsonSerializerOptions.Web)!)
            .ToList();
    }
}
