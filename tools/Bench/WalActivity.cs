using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// What PostgreSQL wrote to its write-ahead log during a measurement (pg_stat_wal, pg_stat_bgwriter): the log's bytes,
/// the whole pages in it (a page's first change after a checkpoint is logged whole, which costs the writing backend
/// the page's copy and compression) and the checkpoints that started.
/// </summary>
public sealed record WalActivity(long Bytes, long FullPageImages, long Checkpoints)
{
    private const string Query = """
        SELECT w.wal_bytes::bigint, w.wal_fpi, b.checkpoints_timed + b.checkpoints_req
        FROM pg_stat_wal w CROSS JOIN pg_stat_bgwriter b
        """;

    public static async Task<WalActivity> ReadAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand(Query);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    public WalActivity Since(WalActivity before) =>
        new(Bytes - before.Bytes, FullPageImages - before.FullPageImages, Checkpoints - before.Checkpoints);
}
