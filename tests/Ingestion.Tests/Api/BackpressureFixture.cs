extern alias ingestion;

using System.Net;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Application;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// The ingestion service with its outbox relay left out, so what it enqueues stays unsent as if metering had stopped
/// taking it, and with a backlog bound of <see cref="MaxQueuedBatches"/> batches measured every 100 ms. It speaks
/// HTTP/2 only, so one service answers both REST (clients with HTTP/2 prior knowledge) and gRPC calls.
/// </summary>
public sealed class BackpressureFixture : IngestionGrpcFixture
{
    public const int MaxQueuedBatches = 2;

    public MeteringBacklog Backlog => Services.GetRequiredService<MeteringBacklog>();

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Ingest:Backpressure:MaxQueuedBatches", MaxQueuedBatches.ToString());
        builder.UseSetting("Ingest:Backpressure:MaxOldestUnsentAge", "01:00:00");
        builder.UseSetting("Ingest:Backpressure:ResumeFraction", "0.5");
        builder.UseSetting("Ingest:Backpressure:SampleInterval", "00:00:00.100");
        builder.ConfigureTestServices(services => services.Remove(services.Single(service =>
            service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Name == "OutboxRelay")));
    }

    /// <summary>A REST client speaking HTTP/2 without negotiation, as the endpoint requires.</summary>
    public HttpClient Http2ClientFor(Guid orgId, string role)
    {
        var client = ClientFor(orgId, role);
        client.DefaultRequestVersion = HttpVersion.Version20;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return client;
    }

    /// <summary>Commits <paramref name="batches"/> accepted batches to the outbox, which nothing relays.</summary>
    public async Task EnqueueBacklogAsync(int batches)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var orgId = Guid.NewGuid();
        await Services.GetRequiredService<IOutbox>().EnqueueAllAsync(transaction, Enumerable.Range(0, batches)
            .Select(_ => new UsageReadingsAccepted(orgId, Guid.NewGuid(), null, Guid.NewGuid(), DateTimeOffset.UtcNow,
                [new AcceptedReading("backlog", "rmm", "device-1", "device", 1, DateTimeOffset.UtcNow, null)]))
            .ToList(), default);
        await transaction.CommitAsync();
    }

    /// <summary>Stamps all but <paramref name="left"/> unsent rows sent, oldest first, as the relay would.</summary>
    public async Task DrainOutboxAsync(int left = 0)
    {
        await using var connection = await OpenDatabaseAsync();
        await connection.ExecuteAsync("""
            UPDATE outbox_messages SET sent_at = now()
            WHERE sequence IN (SELECT sequence FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence
                               OFFSET @left)
            """, new { left });
    }

    /// <summary>Waits for a measurement taken after now that saw <paramref name="queuedBatches"/>.</summary>
    public Task<MeteringBacklogState> MeasuredAsync(long queuedBatches)
    {
        var after = DateTimeOffset.UtcNow;
        return Testing.Eventually.ReturnsAsync(() => Task.FromResult(Backlog.Current),
            state => state.SampledAt > after && state.QueuedBatches == queuedBatches,
            $"a backlog measurement of {queuedBatches} batches");
    }
}
