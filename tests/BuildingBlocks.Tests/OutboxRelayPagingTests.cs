using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>
/// The relay's memory during a backlog: it reads unsent rows a page at a time, bounded in rows and in payload bytes,
/// and never the whole backlog. Pages are observed through the relay's page instruments.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OutboxRelayPagingTests
{
    private static readonly string UnheardType =
        $"{typeof(ProbeUnheard).FullName}, {typeof(ProbeUnheard).Assembly.GetName().Name}";

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A hundred pages of backlog: the bound holds per page, so larger pages would only repeat it, each row costing a
    /// publish the broker confirms (50,000 rows took 45 s alone and minutes in the quick tier).
    /// </summary>
    [Fact]
    public async Task A_backlog_of_100_pages_is_relayed_in_pages_of_at_most_the_batch_size()
    {
        const int backlog = 5_000;
        const int batchSize = 50;
        await using var probe = await ProbeHost.StartAsync("relaypages", new Dictionary<string, string?>
        {
            ["Messaging:Outbox:BatchSize"] = batchSize.ToString(),
        });
        using var pages = new RelayPages(probe);

        await EnqueueUnheardAsync(probe, backlog, paddingBytes: 10);
        await Eventually.UntilAsync(async () => await UnsentAsync(probe) == 0, "the backlog to be relayed",
            DrainTimeout);

        var rows = pages.Rows.ToList();
        // At least once: a page whose publish outlasted PublishTimeout (a starved machine) is read again later.
        rows.Sum().ShouldBeGreaterThanOrEqualTo(backlog);
        rows.Max().ShouldBeLessThanOrEqualTo(batchSize);
        rows.Count.ShouldBeGreaterThanOrEqualTo(backlog / batchSize);
    }

    [Fact]
    public async Task A_page_holds_no_more_payload_than_the_byte_cap_unless_one_row_alone_exceeds_it()
    {
        const int maxPageBytes = 250_000;
        await using var probe = await ProbeHost.StartAsync("relaybytes", new Dictionary<string, string?>
        {
            ["Messaging:Outbox:MaxPageBytes"] = maxPageBytes.ToString(),
        });
        using var pages = new RelayPages(probe);

        // Twenty rows of ~100 kB fit the 100-row batch but not the byte cap; then one row larger than the cap.
        await EnqueueUnheardAsync(probe, 20, paddingBytes: 100_000);
        await EnqueueUnheardAsync(probe, 1, paddingBytes: 300_000);
        await Eventually.UntilAsync(async () => await UnsentAsync(probe) == 0, "the rows to be relayed", DrainTimeout);

        var pagesRead = pages.Pages.ToList();
        pagesRead.Sum(page => page.Rows).ShouldBe(21);
        pagesRead.ShouldAllBe(page => page.Bytes <= maxPageBytes || page.Rows == 1);
        pagesRead.Max(page => page.Rows).ShouldBeLessThanOrEqualTo(2);
        pagesRead.ShouldContain(page => page.Rows == 1 && page.Bytes > maxPageBytes);
    }

    private static async Task EnqueueUnheardAsync(ProbeHost probe, int count, int paddingBytes)
    {
        // One statement, one commit: the relay finds the whole backlog waiting at once.
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("""
            INSERT INTO outbox_messages (message_id, message_type, payload)
            SELECT gen_random_uuid(), @type, json_build_object('number', n, 'padding', repeat('x', @paddingBytes))
            FROM generate_series(1, @count) AS n
            """, new { type = UnheardType, count, paddingBytes });
    }

    private static async Task<long> UnsentAsync(ProbeHost probe)
    {
        await using var connection = await probe.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND message_type = @type",
            new { type = UnheardType });
    }

    /// <summary>Records the pages one probe host's relay reads (other hosts in the process are ignored).</summary>
    private sealed class RelayPages : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<int> rows = new();
        private readonly ConcurrentQueue<long> bytes = new();

        public RelayPages(ProbeHost probe)
        {
            var meterFactory = probe.Services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Scope == meterFactory
                    && instrument.Name is OutboxRelayInstruments.PageRows or OutboxRelayInstruments.PageBytes)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<int>((_, measurement, _, _) => rows.Enqueue(measurement));
            listener.SetMeasurementEventCallback<long>((_, measurement, _, _) => bytes.Enqueue(measurement));
            listener.Start();
        }

        public IEnumerable<int> Rows => rows;

        /// <summary>Each page's rows and bytes; both are recorded for every page, in the same order.</summary>
        public IEnumerable<(int Rows, long Bytes)> Pages => rows.Zip(bytes);

        public void Dispose() => listener.Dispose();
    }
}
