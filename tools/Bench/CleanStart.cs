using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// Brings tables to the state a measurement starts from: vacuumed and analyzed, as autovacuum leaves them once it has
/// caught up, then checkpointed, so that no dirty page of the load before is written out during the measurement and
/// every measurement starts at the same point of the checkpoint cycle.
/// </summary>
public static class CleanStart
{
    public static async Task VacuumAnalyzeAndCheckpointAsync(NpgsqlDataSource database, string tables)
    {
        await using (var vacuum = database.CreateCommand($"VACUUM (ANALYZE) {tables}"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
        await using var checkpoint = database.CreateCommand("CHECKPOINT");
        checkpoint.CommandTimeout = 0;
        await checkpoint.ExecuteNonQueryAsync();
    }
}
