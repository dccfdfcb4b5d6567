using System.Net;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Data;
using BillingOne.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static BillingOne.Ingestion.Tests.Api.SentReadings;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>The unit type keys readings may name, kept from metering's <see cref="UnitTypeChanged"/> events.</summary>
[Trait("Category", "Integration")]
public sealed class UnitTypeKeysTests(IngestionApiFixture fixture) : IClassFixture<IngestionApiFixture>
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();

    [Fact]
    public async Task A_unit_type_announced_on_the_bus_becomes_known_and_its_deletion_makes_it_unknown_again()
    {
        var unitTypeId = Guid.NewGuid();
        (await IngestAsync("before")).Reason.ShouldBe($"unitTypeKey '{UnitType}' is not a known unit type");
        var bus = fixture.Services.GetRequiredService<IBus>();

        await bus.Publish(new UnitTypeChanged(orgId, unitTypeId, UnitType, Deleted: false, Monday));

        await Eventually.AssertAsync(async () => (await IngestAsync("after-create")).Status.ShouldBe("accepted"));

        await bus.Publish(new UnitTypeChanged(orgId, unitTypeId, UnitType, Deleted: true, Monday.AddDays(1)));

        await Eventually.AssertAsync(async () => (await IngestAsync("after-delete")).Reason
            .ShouldBe($"unitTypeKey '{UnitType}' is not a known unit type"));
    }

    [Fact]
    public async Task An_older_change_arriving_late_never_overrides_a_newer_one()
    {
        var unitTypeId = Guid.NewGuid();

        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, unitTypeId, "backup-gb", false, Monday))).ShouldBeTrue();
        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, unitTypeId, "backup-tb", false, Monday.AddHours(2))))
            .ShouldBeTrue();
        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, unitTypeId, "backup-gb", false, Monday.AddHours(1))))
            .ShouldBeFalse();
        (await KnownKeysAsync()).ShouldBe(["backup-tb"]);

        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, unitTypeId, "backup-tb", true, Monday.AddHours(3))))
            .ShouldBeTrue();
        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, unitTypeId, "backup-tb", false, Monday.AddHours(2))))
            .ShouldBeFalse();
        (await KnownKeysAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task At_the_same_instant_a_deletion_wins_whichever_arrives_first()
    {
        var createdThenDeleted = Guid.NewGuid();
        var deletedThenCreated = Guid.NewGuid();

        await fixture.ApplyAsync(new UnitTypeChanged(orgId, createdThenDeleted, "cpu-hours", false, Monday));
        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, createdThenDeleted, "cpu-hours", true, Monday)))
            .ShouldBeTrue();
        await fixture.ApplyAsync(new UnitTypeChanged(orgId, deletedThenCreated, "seats", true, Monday));
        (await fixture.ApplyAsync(new UnitTypeChanged(orgId, deletedThenCreated, "seats", false, Monday)))
            .ShouldBeFalse();

        (await KnownKeysAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_organizations_unit_types_are_not_known()
    {
        await fixture.KnowUnitTypesAsync(Guid.NewGuid(), UnitType);

        (await IngestAsync("r-1")).Status.ShouldBe("rejected");
        (await KnownKeysAsync()).ShouldBeEmpty();
    }

    private async Task<OutcomeDto> IngestAsync(string readingId)
    {
        using var http = fixture.ClientFor(orgId, Roles.Ingest);
        using var response = await http.PostAsync("/api/ingestion/readings", JsonArray(Reading(readingId)));
        return (await response.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK)).Outcomes.ShouldHaveSingleItem();
    }

    private async Task<List<string>> KnownKeysAsync() =>
        (await fixture.Services.GetRequiredService<UnitTypeKeyStore>().KnownKeysAsync(orgId, default)).Order().ToList();
}
