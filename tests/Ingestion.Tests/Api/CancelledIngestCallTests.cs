using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Ingestion.V1;
using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Grpc;
using BillingOne.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static BillingOne.Ingestion.Tests.Api.IngestionGrpcFixture;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// <c>UsageIngestion/IngestReadings</c> calls the client cancels: a client told CANCELLED cannot know what was kept,
/// so a call cancelled before its batch is published keeps nothing, and one cancelled after keeps all of it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CancelledIngestCallTests(IngestionGrpcFixture fixture)
    : IClassFixture<IngestionGrpcFixture>, IAsyncLifetime
{
    private const string UnitType = "device";
    private const string IngestMethod = "/billingone.ingestion.v1.UsageIngestion/IngestReadings";

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid keyId = Guid.NewGuid();
    private readonly Timestamp observedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5));

    public Task InitializeAsync() => fixture.KnowUnitTypesAsync(orgId, UnitType);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_call_cancelled_without_ending_its_stream_keeps_nothing_and_the_same_reading_sent_again_is_kept()
    {
        var credentials = CredentialsFor(orgId, Roles.Ingest, keyId);
        using (var cancellation = new CancellationTokenSource())
        using (var cancelled = fixture.Client().IngestReadings(credentials, cancellationToken: cancellation.Token))
        {
            await cancelled.RequestStream.WriteAsync(Batch(Reading("a")));
            await cancellation.CancelAsync();

            (await Should.ThrowAsync<RpcException>(() => cancelled.ResponseAsync))
                .StatusCode.ShouldBe(StatusCode.Cancelled);
        }

        using var completed = fixture.Client().IngestReadings(credentials);
        await completed.RequestStream.WriteAsync(Batch(Reading("a")));
        await completed.RequestStream.CompleteAsync();
        var result = await completed;

        result.Outcomes.ShouldHaveSingleItem().Status.ShouldBe(ReadingStatus.Accepted);
        // The completed call's batch alone: the cancelled call published nothing.
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["a"]);
    }

    [Fact]
    public async Task A_call_cancelled_right_after_its_end_of_stream_keeps_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        // As grpc-js cancels (Node's HTTP/2 sends END_STREAM, then RST_STREAM): the stream ends cleanly, and the call
        // is cancelled before the service has stored anything.
        var requests = new RequestStream([Batch(Reading("a"), Reading("b"))], atEnd: cancellation.Cancel);

        await Should.ThrowAsync<OperationCanceledException>(() => IngestOnServiceAsync(requests, cancellation.Token));

        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_call_cancelled_while_its_batch_is_published_keeps_the_batch()
    {
        using var cancellation = new CancellationTokenSource();
        var bus = fixture.Services.GetRequiredService<IBus>();
        using var cancelOnPublish = bus.ConnectPublishObserver(new CancelOnPublish(orgId, cancellation));

        var result = await IngestOnServiceAsync(new RequestStream([Batch(Reading("a"))]), cancellation.Token);

        cancellation.IsCancellationRequested.ShouldBeTrue("the call was cancelled during the publish");
        result.Accepted.ShouldBe(1);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["a"]);
    }

    /// <summary>The service's handler, called as gRPC would call it, with a call context the test cancels.</summary>
    private async Task<IngestResult> IngestOnServiceAsync(IAsyncStreamReader<ReadingBatch> requests,
        CancellationToken callCancellation)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var service = new UsageIngestionService(services.GetRequiredService<ReadingIngestPipeline>(),
            new IngestKey(orgId, keyId), services.GetRequiredService<MeteringBacklog>(),
            services.GetRequiredService<IngestMetrics>());
        return await service.IngestReadings(requests, new TestServerCallContext(IngestMethod, callCancellation));
    }

    private static ReadingBatch Batch(params Reading[] readings) => new() { Readings = { readings } };

    private Reading Reading(string id) => new()
    {
        Id = id,
        AssetSource = "ninjaone",
        AssetExternalId = "router-7",
        UnitTypeKey = UnitType,
        Quantity = "1",
        ObservedAt = observedAt.Clone(),
    };

    /// <summary>The batches, then a clean end of the stream, at which <paramref name="atEnd"/> runs.</summary>
    private sealed class RequestStream(IReadOnlyList<ReadingBatch> batches, Action? atEnd = null)
        : IAsyncStreamReader<ReadingBatch>
    {
        private int read;

        public ReadingBatch Current { get; private set; } = null!;

        public Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            if (read < batches.Count)
            {
                Current = batches[read++];
                return Task.FromResult(true);
            }
            atEnd?.Invoke();
            return Task.FromResult(false);
        }
    }

    /// <summary>Cancels the call as the organization's batch goes to the broker.</summary>
    private sealed class CancelOnPublish(Guid orgId, CancellationTokenSource call) : IPublishObserver
    {
        public Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            if (context.Message is UsageReadingsAccepted batch && batch.OrgId == orgId)
            {
                call.Cancel();
            }
            return Task.CompletedTask;
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class =>
            Task.CompletedTask;
    }

    /// <summary>An organization-wide ingest key, as the service's token validation would present it.</summary>
    private sealed record IngestKey(Guid OrgId, Guid ActorId) : IActorContext
    {
        public string ActorType => ActorTypes.ApiKey;
        public Guid? ApiKeyId => ActorId;
        public string Role => Roles.Ingest;
        public string Name => "ingest key";
        public Guid? ClientScope => null;
    }
}
