using MassTransit;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.Identity.Data;

public sealed class DirectoryHandoverOptions
{
    public const string SectionName = "DirectoryHandover";

    /// <summary>
    /// The subscription service's database, where organizations, users and API keys lived before identity owned
    /// them. Unset: there is nothing to take over (a new installation).
    /// </summary>
    public string? SourceConnectionString { get; set; }

    /// <summary>How often to look again while the subscription service has not yet set the directory aside.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Takes over the directory the subscription service used to own, once, before identity answers anyone: the
/// subscription migration <c>0003_directory_moves_to_identity</c> sets the tables aside in its schema
/// <c>directory_handover</c>; this copies their rows and the clients that keys may be scoped to into identity's
/// database in one transaction, then drops that schema. Rows identity already has are kept as they are, so an
/// interrupted handover can simply run again.
/// </summary>
public sealed partial class DirectoryHandover(
    IOptions<DirectoryHandoverOptions> options,
    NpgsqlDataSource dataSource,
    IBusControl bus,
    ILogger<DirectoryHandover> logger) : IHostedService
{
    private const string Schema = "directory_handover";
    private static readonly TimeSpan BusReadyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Parents before children, for the foreign keys; <c>clients</c> comes from the live table.</summary>
    private static readonly HandedOverTable[] Tables =
    [
        new("organizations", $"{Schema}.organizations",
            "id, name, time_zone, currency, billing_grace_days, created_at, updated_at"),
        new("clients", "public.clients", "org_id, id, name, enabled, version"),
        new("users", $"{Schema}.users",
            "org_id, id, email, display_name, password_hash, role, enabled, " +
            "last_sign_in_at, created_at, updated_at"),
        new("api_keys", $"{Schema}.api_keys",
            "org_id, id, name, prefix, key_hash, role, client_id, enabled, revoked_at, created_at, last_used_at"),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.SourceConnectionString))
        {
            return;
        }
        await using var source = NpgsqlDataSource.Create(options.Value.SourceConnectionString);
        var waitingLogged = false;
        while (true)
        {
            switch (await StateOfAsync(source, cancellationToken))
            {
                case SourceState.SetAside:
                    await TakeOverAsync(source, cancellationToken);
                    return;
                case SourceState.NotYetSetAside:
                    if (!waitingLogged)
                    {
                        LogWaiting();
                        waitingLogged = true;
                    }
                    await Task.Delay(options.Value.PollInterval, cancellationToken);
                    break;
                default:
                    return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task<SourceState> StateOfAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"""
                SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = '{Schema}'),
                       to_regclass('public.organizations') IS NOT NULL
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return reader.GetBoolean(0) ? SourceState.SetAside
                : reader.GetBoolean(1) ? SourceState.NotYetSetAside
                : SourceState.Empty;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return SourceState.Empty;
        }
    }

    private async Task TakeOverAsync(NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        // Clients created from now on arrive as ClientUpserted; once the bus is up, none falls between the two.
        if (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, BusReadyTimeout) != BusHealthStatus.Healthy)
        {
            LogBusNotReady(BusReadyTimeout.TotalSeconds);
        }

        await using var from = await source.OpenConnectionAsync(cancellationToken);
        await using var to = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await to.BeginTransactionAsync(cancellationToken);
        foreach (var table in Tables)
        {
            var rows = await table.ReadAsync(from, cancellationToken);
            var added = await table.WriteAsync(transaction, rows, cancellationToken);
            LogTableTaken(table.Name, rows.Count, added);
        }
        await transaction.CommitAsync(cancellationToken);

        await using var drop = new NpgsqlCommand($"DROP SCHEMA {Schema} CASCADE", from);
        await drop.ExecuteNonQueryAsync(cancellationToken);
        LogTakenOver();
    }

    private enum SourceState
    {
        /// <summary>No directory there: a new installation, or the handover already happened.</summary>
        Empty,
        /// <summary>The subscription service still has its directory tables: its migration has not run yet.</summary>
        NotYetSetAside,
        SetAside,
    }

    private sealed record HandedOverTable(string Name, string Source, string Columns)
    {
        public async Task<List<object[]>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM {Source}", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<object[]>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = new object[reader.FieldCount];
                reader.GetValues(row);
                rows.Add(row);
            }
            return rows;
        }

        /// <summary>Inserts the rows identity does not have yet; returns how many that were.</summary>
        public async Task<int> WriteAsync(NpgsqlTransaction transaction, List<object[]> rows,
            CancellationToken cancellationToken)
        {
            var columnCount = Columns.Split(',').Length;
            var values = string.Join(", ", Enumerable.Range(0, columnCount).Select(index => $"${index + 1}"));
            var added = 0;
            foreach (var row in rows)
            {
                await using var command = new NpgsqlCommand(
                    $"INSERT INTO {Name} ({Columns}) VALUES ({values}) ON CONFLICT DO NOTHING",
                    transaction.Connection, transaction);
                foreach (var value in row)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }
                added += await command.ExecuteNonQueryAsync(cancellationToken);
            }
            return added;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Waiting for the subscription service to set its directory aside for identity")]
    private partial void LogWaiting();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The bus was not ready after {Seconds} s; clients created meanwhile reach identity when next changed")]
    private partial void LogBusNotReady(double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Directory handover: {Table} {Rows} rows, {Added} new")]
    private partial void LogTableTaken(string table, int rows, int added);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Directory handover done: identity owns organizations, users and API keys")]
    private partial void LogTakenOver();
}
