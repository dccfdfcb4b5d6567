using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Publishes committed outbox rows in order and stamps them sent once the broker has confirmed them.
/// Rows are locked with SKIP LOCKED so several instances of a service can relay side by side. While the
/// broker is unreachable the rows stay unsent and the relay backs off; nothing committed is lost, and a
/// row published twice (crash between confirm and stamp) is absorbed by the consumers' inbox. However long the backlog,
/// the relay holds one page of rows at a time: at most <see cref="OutboxRelayOptions.BatchSize"/> rows and
/// <see cref="OutboxRelayOptions.MaxPageBytes"/> of payload (or the one row that exceeds it alone).
/// </summary>
internal sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    ConfirmedPublisher publisher,
    OutboxRelaySignal signal,
    IOptions<OutboxRelayOptions> options,
    IMeterFactory meterFactory,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly ActivitySource Source = new(TelemetryNames.BillingOne);

    // The factory hands out one meter per name, so both instruments land on the same meter.
    private readonly Histogram<int> pageRows = meterFactory.Create(TelemetryNames.BillingOne).CreateHistogram<int>(
        OutboxRelayInstruments.PageRows, "{message}", "Outbox rows read into memory per relay page.");
    private readonly Histogram<long> pageBytes = meterFactory.Create(TelemetryNames.BillingOne).CreateHistogram<long>(
        OutboxRelayInstruments.PageBytes, "By", "Outbox payload bytes read into memory per relay page.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var outcome = await RelayBatchAsync(settings, stoppingToken);
                backoff = outcome.Failed ? NextBackoff(backoff, settings.MaxBackoff) : TimeSpan.Zero;
                if (outcome.MoreWaiting && !outcome.Failed)
                {
                    continue; // more rows are probably waiting
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                LogRelayFailed(exception);
                backoff = NextBackoff(backoff, settings.MaxBackoff);
            }

            try
            {
                if (backoff > TimeSpan.Zero)
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(settings.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static TimeSpan NextBackoff(TimeSpan current, TimeSpan max) =>
        current == TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(TimeSpan.FromMilliseconds(500).Ticks, max.Ticks))
        : TimeSpan.FromTicks(Math.Min(current.Ticks * 2, max.Ticks));

    private async Task<RelayOutcome> RelayBatchAsync(OutboxRelayOptions settings, CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        // The byte cap is applied in the database, so rows past it never reach this process; the first row always
        // comes, however large, or the relay would stall on it. Locked rows past the cap are released at commit.
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition("""
            SELECT sequence, message_id AS MessageId, message_type AS MessageType, payload AS Payload,
                   trace_parent AS TraceParent, bytes AS Bytes, locked AS Locked
            FROM (SELECT locked.*, sum(bytes) OVER (ORDER BY sequence) - bytes AS bytes_before,
                         count(*) OVER () AS locked
                  FROM (SELECT sequence, message_id, message_type, payload::text AS payload, trace_parent,
                               octet_length(payload::text)::bigint AS bytes
                        FROM outbox_messages
                        WHERE sent_at IS NULL
                        ORDER BY sequence
                        LIMIT @batchSize
                        FOR UPDATE SKIP LOCKED) AS locked) AS page
            WHERE bytes_before = 0 OR bytes_before + bytes <= @maxPageBytes
            ORDER BY sequence
            """, new { batchSize = settings.BatchSize, maxPageBytes = settings.MaxPageBytes }, transaction,
            cancellationToken: stoppingToken))).AsList();
        if (rows.Count == 0)
        {
            return new RelayOutcome(0, Failed: false, MoreWaiting: false);
        }
        pageRows.Record(rows.Count);
        pageBytes.Record(rows.Sum(row => row.Bytes));
        var moreWaiting = rows[0].Locked == settings.BatchSize || rows.Count < rows[0].Locked;

        var sent = new List<long>(rows.Count);
        OutboxRow? failedRow = null;
        Exception? failure = null;
        foreach (var row in rows)
        {
            try
            {
                await PublishAsync(row, stoppingToken);
                sent.Add(row.Sequence);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Keep order: stop at the first row the broker did not take.
                failedRow = row;
                failure = exception;
                break;
            }
        }

        if (sent.Count > 0)
        {
            // The stamp need not wait for the disk: if a crash loses it, the rows are published again and the
            // consumers' inbox absorbs the repeats. Nothing else is written in this transaction.
            await connection.ExecuteAsync(new CommandDefinition("""
                SET LOCAL synchronous_commit = off;
                UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE sequence = ANY(@sent);
                """, new { sent }, transaction, cancellationToken: stoppingToken));
        }
        if (failedRow is not null)
        {
            LogPublishFailed(failedRow.MessageId, failedRow.MessageType, failure!);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @error WHERE sequence = @sequence",
                new { sequence = failedRow.Sequence, error = failure!.Message }, transaction,
                cancellationToken: stoppingToken));
        }
        await transaction.CommitAsync(stoppingToken);
        return new RelayOutcome(sent.Count, Failed: failedRow is not null, moreWaiting);
    }

    private async Task PublishAsync(OutboxRow row, CancellationToken stoppingToken)
    {
        var messageType = OutboxMessageTypes.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Payload, messageType, OutboxMessageTypes.Json)
            ?? throw new InvalidOperationException($"Outbox message {row.MessageId} has an empty payload.");

        ActivityContext.TryParse(row.TraceParent, null, out var parent);
        using var activity = Source.StartActivity("outbox publish", ActivityKind.Producer, parent);
        activity?.SetTag("messaging.message.id", row.MessageId);

        await publisher.PublishAsync(message, messageType, row.MessageId, stoppingToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({MessageType}) was not published; it stays queued")]
    private partial void LogPublishFailed(Guid messageId, string messageType, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay pass failed; backing off")]
    private partial void LogRelayFailed(Exception exception);

    private sealed record OutboxRow(long Sequence, Guid MessageId, string MessageType, string Payload,
        string? TraceParent, long Bytes, long Locked);

    private readonly record struct RelayOutcome(int Published, bool Failed, bool MoreWaiting);
}
