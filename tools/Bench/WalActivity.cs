using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// What PostgreSQL wrote to its write-ahead log during a measurement (pg_stat_wal and the checkpoint counts): the log's
/// bytes, the whole pages in it (a page's first change after a checkpoint is logged whole, which costs the writing
/// backend the page's copy and compression) and the checkpoints that started.
/// </summary>
public sealed record WalActivity(long Bytes, long FullPageImages, long Checkpoints)
{
    public static async Task<WalActivity> ReadAsync(NpgsqlDataSource database)
    {
        await using var connection = await database.OpenConnectionAsync();
        // PostgreSQL 17 moved the checkpoint counts from pg_stat_bgwriter to pg_stat_checkpointer.
        var checkpoints = connection.PostgreSqlVersion.Major >= 17
            ? "SELECT num_timed + num_requested FROM pg_stat_checkpointer"
            : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter";
        await using var command = new NpgsqlCommand(
            $"SELECT wal_bytes::bigint, wal_fpi, ({checkpoints}) FROM pg_stat_wal", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public WalActivity Since(WalActivity before) =>
        new(Bytes - before.Bytes, FullPageImages - before.FullPageImages, Checkpoints - before.Checkpoints);
}
