using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// A bucket's current period is its latest observed one whatever order the periods arrive in: the applier keeps each
/// row's latest flag, which the projections are read by.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LatestPeriodTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid bucketId = Guid.NewGuid();

    [Fact]
    public async Task An_earlier_period_arriving_late_does_not_become_the_current_one()
    {
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        await PublishAsync(Observed(2026, 3, final: false));
        await PublishAsync(Observed(2026, 2, final: false));
        (await CurrentAsync(http)).ShouldBe([(2026, 3)], "February arrived after March");
        await PublishAsync(Observed(2026, 2, final: true, version: 2));
        (await CurrentAsync(http)).ShouldBe([(2026, 3)]);
        (await LatestAsync()).ShouldBe([3]);

        await PublishAsync(Observed(2026, 4, final: false));
        (await CurrentAsync(http)).ShouldBe([(2026, 4)]);
        (await LatestAsync()).ShouldBe([4], "March is no longer the latest");

        await PublishAsync(Observed(2026, 4, final: true, version: 2));
        (await CurrentAsync(http)).ShouldBeEmpty("the latest period is finalized: nothing is current");
    }

    private BucketUsageObserved Observed(int year, int month, bool final, long version = 1)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
        return new BucketUsageObserved(orgId, bucketId, version, Guid.NewGuid(), "Alpha Dental", "Backup GB",
            "storage-gb", "sum", true, 200m, 100m, 0.125m, "AUD", year, month, start, start.AddMonths(1),
            final ? start.AddMonths(1) : start.AddDays(3), 30m, [10m, 20m, 30m], final);
    }

    private static async Task<List<(int, int)>> CurrentAsync(HttpClient http) =>
        [.. (await http.GetFromJsonAsync<JsonElement>("/api/projection/usage-projections", Json)).GetProperty("items")
            .EnumerateArray().Select(row => (row.GetProperty("year").GetInt32(), row.GetProperty("month").GetInt32()))];

    private async Task<List<int>> LatestAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        return [.. await connection.QueryAsync<int>(
            "SELECT month FROM bucket_usage_observations WHERE org_id = @orgId AND latest", new { orgId })];
    }

    private Task PublishAsync<T>(T message) where T : class => fixture.Host.PublishAndWaitAsync(message);
}
