using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Scheduling;

/// <summary>
/// Every <c>Projection:Recalculation:Interval</c> (default an hour, and once at start-up) computes the backtest errors of
/// finalized periods that have none with the current days, chooses each organization's methods again from the stored
/// errors and projects all its current periods in one set-based pass, so a change of <c>Projection:Backtest:Days</c> or
/// of the rules reaches every projection without waiting for new observations.
/// </summary>
public sealed partial class UsageProjectionScheduler(
    NpgsqlDataSource dataSource,
    UsageProjectionCalculator usageProjections,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<UsageProjectionScheduler> logger) : PeriodicWorker(clock)
{
    public const string IntervalSetting = "Projection:Recalculation:Interval";

    protected override TimeSpan Interval => configuration.GetValue(IntervalSetting, TimeSpan.FromHours(1));

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RecalculateAllAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    /// <summary>
    /// One transaction per organization, sharing its read-model lock with the consumers, so a rebuild never sees the
    /// pass half done. How many current periods were projected.
    /// </summary>
    public async Task<int> RecalculateAllAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> orgIds;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            orgIds = [.. await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT DISTINCT org_id FROM bucket_usage_observations", cancellationToken: cancellationToken))];
        }
        var projected = 0;
        foreach (var orgId in orgIds)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ProjectionEventLog.LockSharedAsync(transaction, orgId, cancellationToken);
            projected += (await usageProjections.RecalculateAsync(transaction, orgId, cancellationToken)).Projected;
            await transaction.CommitAsync(cancellationToken);
        }
        LogPassDone(projected, orgIds.Count);
        return projected;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Projected {Projected} current bucket periods of {Organizations} organizations")]
    private partial void LogPassDone(int projected, int organizations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not recalculate the usage projections; retrying on the next tick")]
    private partial void LogPassFailed(Exception exception);
}
