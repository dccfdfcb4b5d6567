using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Ingestion.V1;
using BillingOne.Testing;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static BillingOne.Ingestion.Tests.Api.IngestionGrpcFixture;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary><c>UsageIngestion/IngestReadings</c> called directly on the service, over HTTP/2 as gRPC runs.</summary>
[Trait("Category", "Integration")]
public sealed class ReadingsGrpcTests(IngestionGrpcFixture fixture) : IClassFixture<IngestionGrpcFixture>, IAsyncLifetime
{
    private const string UnitType = "device";

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid keyId = Guid.NewGuid();
    private readonly Timestamp observedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5));

    public Task InitializeAsync() => fixture.KnowUnitTypesAsync(orgId, UnitType);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Readings_streamed_in_batches_get_outcomes_by_position_across_batches_and_one_event()
    {
        var clientId = Guid.NewGuid();

        var result = await IngestAsync(CredentialsFor(orgId, Roles.Ingest, keyId, clientId),
            [Reading("a", "1.50"), Reading("b", "-1")],
            [Reading("a", "1.5"), Reading("a", "2"), Reading("c", "7", description: "edge router")]);

        (result.Accepted, result.Duplicates, result.Conflicts, result.Rejected, result.Suppressed)
            .ShouldBe((2, 1, 1, 1, 0));
        result.Outcomes.Select(o => (o.Position, o.Id, o.Status)).ShouldBe([
            (0, "a", ReadingStatus.Accepted),
            (1, "b", ReadingStatus.Rejected),
            (2, "a", ReadingStatus.Duplicate),
            (3, "a", ReadingStatus.Conflict),
            (4, "c", ReadingStatus.Accepted),
        ]);
        result.Outcomes[0].Reason.ShouldBeEmpty();
        result.Outcomes[1].Reason.ShouldBe("quantity must be 0 or more");
        var accepted = (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem();
        (accepted.ClientScope, accepted.ActorId).ShouldBe((clientId, keyId));
        accepted.Readings.Select(r => (r.Id, r.Quantity, r.Description))
            .ShouldBe([("a", 1.5m, null), ("c", 7m, "edge router")]);
    }

    [Fact]
    public async Task Ids_sent_again_over_grpc_are_accepted_again_unless_repeated_within_the_same_call()
    {
        var credentials = CredentialsFor(orgId, Roles.Ingest, keyId);
        await IngestAsync(credentials, [Reading("a", "1")]);

        var again = await IngestAsync(credentials, [Reading("a", "1.0"), Reading("b", "2")], [Reading("a", "1")]);

        again.Outcomes.Select(o => (o.Id, o.Status)).ShouldBe([
            ("a", ReadingStatus.Accepted), ("b", ReadingStatus.Accepted), ("a", ReadingStatus.Duplicate),
        ]);
        (await fixture.AcceptedEventsAsync(orgId)).Select(e => e.Readings.Select(r => (r.Id, r.Quantity)).ToList())
            .ShouldBe([[("a", 1m)], [("a", 1m), ("b", 2m)]]);
    }

    [Fact]
    public async Task The_exceptions_only_answer_lists_the_readings_not_accepted_with_the_counts_of_all()
    {
        var headers = CredentialsFor(orgId, Roles.Ingest, keyId);
        headers.Add(BillingOne.Ingestion.Grpc.UsageIngestionService.OutcomesHeader, "Exceptions");

        var result = await IngestAsync(headers, [Reading("a", "1"), Reading("b", "-1")], [Reading("c", "2")]);

        (result.Accepted, result.Rejected).ShouldBe((2, 1));
        result.Outcomes.Select(o => (o.Position, o.Id, o.Status)).ShouldBe([(1, "b", ReadingStatus.Rejected)]);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id).ShouldBe(["a", "c"]);
    }

    [Fact]
    public async Task An_unknown_outcomes_header_is_invalid_and_keeps_nothing()
    {
        var headers = CredentialsFor(orgId, Roles.Ingest, keyId);
        headers.Add(BillingOne.Ingestion.Grpc.UsageIngestionService.OutcomesHeader, "some");

        var refused = await Should.ThrowAsync<RpcException>(() => IngestAsync(headers, [Reading("a", "1")]));

        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Status.Detail.ShouldStartWith("The outcomes header must be 'all' (the default) or 'exceptions'");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reading_without_or_with_an_impossible_timestamp_is_rejected()
    {
        var missing = Reading("missing", "1");
        missing.ObservedAt = null;
        var impossible = Reading("impossible", "1");
        impossible.ObservedAt = new Timestamp { Seconds = 1, Nanos = -5 };

        var result = await IngestAsync(CredentialsFor(orgId, Roles.Ingest), [missing, impossible]);

        result.Outcomes.Select(o => (o.Id, o.Status, o.Reason)).ShouldBe([
            ("missing", ReadingStatus.Rejected, "observedAt is required"),
            ("impossible", ReadingStatus.Rejected, "observed_at is not a valid timestamp."),
        ]);
    }

    [Fact]
    public async Task More_than_10000_readings_in_one_call_are_refused_as_resource_exhausted()
    {
        var full = Enumerable.Range(0, 10_000).Select(i => Reading($"r-{i}", "1")).ToArray();

        var failure = await Should.ThrowAsync<RpcException>(
            () => IngestAsync(CredentialsFor(orgId, Roles.Ingest), full, [Reading("one-more", "1")]));

        failure.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        failure.Status.Detail.ShouldBe("A batch may hold at most 10000 readings; split it into several calls.");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    public static TheoryData<string, byte[]> MalformedMessages => new()
    {
        { "not protobuf", [0xFF, 0xFF, 0xFF, 0xFF] },
        // ReadingBatch { readings: [ Reading { id: <the byte 0xFF, which no UTF-8 text contains> } ] }
        { "invalid UTF-8 in a string", [0x0A, 0x03, 0x0A, 0x01, 0xFF] },
        { "truncated", [0x0A, 0x10, 0x0A, 0x01] },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task A_malformed_message_is_an_invalid_argument_with_a_safe_message_and_nothing_is_kept(
        string kind, byte[] message)
    {
        _ = kind;
        var call = fixture.Invoker().AsyncClientStreamingCall(RawIngestReadings, null,
            new CallOptions(CredentialsFor(orgId, Roles.Ingest)));
        await call.RequestStream.WriteAsync(ReadingBatchBytes(Reading("valid", "1")));
        await call.RequestStream.WriteAsync(message);
        await call.RequestStream.CompleteAsync();

        var failure = await Should.ThrowAsync<RpcException>(() => call.ResponseAsync);

        failure.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        failure.Status.Detail.ShouldBe("Message 2 of the stream is not a valid billingone.ingestion.v1.ReadingBatch " +
            "(malformed protobuf or text that is not UTF-8); no reading of the call was kept.");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(RawGrpc.MalformedFrames), MemberType = typeof(RawGrpc))]
    public async Task A_broken_frame_is_an_invalid_argument_saying_what_to_fix_and_nothing_is_kept(
        string kind, byte[] frame)
    {
        var (status, message) = await RawGrpc.CallAsync(fixture.GrpcAddress,
            "/billingone.ingestion.v1.UsageIngestion/IngestReadings", frame, TestTokens.For(orgId, Roles.Ingest));

        status.ShouldBe(((int)StatusCode.InvalidArgument).ToString(), $"{kind}: {message}");
        message.ShouldNotBeNullOrWhiteSpace();
        message.ShouldNotContain("Exception");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_message_above_16_mib_is_resource_exhausted_with_a_status_and_one_below_is_ingested()
    {
        var credentials = CredentialsFor(orgId, Roles.Ingest);
        // Far above the service's default body limit of 1 MiB, well within the 16 MiB a message may have.
        var large = Enumerable.Range(0, 3_000).Select(i => Reading($"r-{i}", "1", new string('d', 1000))).ToArray();
        var tooLarge = Reading("huge", "1", new string('d', 16 * 1024 * 1024));

        (await IngestAsync(credentials, large)).Accepted.ShouldBe(3_000);
        using var call = fixture.Client().IngestReadings(credentials, deadline: DateTime.UtcNow.AddMinutes(2));
        // The server answers as soon as it reads the message's declared length, while the client may still be
        // blocked writing the rest under HTTP/2 flow control: the answer is awaited beside the write, not after it,
        // and the write is then cancelled (disposing the call alone once left it blocked for good on a loaded machine).
        using var stopWriting = new CancellationTokenSource();
        var writing = WriteThenCompleteAsync(call, new ReadingBatch { Readings = { tooLarge } }, stopWriting.Token);
        var failure = await Should.ThrowAsync<RpcException>(() => call.ResponseAsync);
        await stopWriting.CancelAsync();
        call.Dispose();
        await writing.WaitAsync(TimeSpan.FromSeconds(30));

        failure.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        failure.Status.Detail.ShouldBe("Received message exceeds the maximum configured message size.");
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Count.ShouldBe(3_000);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated()
    {
        var failure = await Should.ThrowAsync<RpcException>(() => IngestAsync(new Metadata(), [Reading("a", "1")]));

        failure.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Theory]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Finance)]
    public async Task A_call_with_a_role_outside_the_ingest_policy_is_permission_denied(string role)
    {
        var failure = await Should.ThrowAsync<RpcException>(
            () => IngestAsync(CredentialsFor(orgId, role), [Reading("a", "1")]));

        failure.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
    }

    private static readonly Method<byte[], IngestResult> RawIngestReadings = new(MethodType.ClientStreaming,
        "billingone.ingestion.v1.UsageIngestion", "IngestReadings",
        Marshallers.Create(bytes => bytes, bytes => bytes),
        Marshallers.Create(result => result.ToByteArray(), IngestResult.Parser.ParseFrom));

    private static byte[] ReadingBatchBytes(params Reading[] readings) =>
        new ReadingBatch { Readings = { readings } }.ToByteArray();

    private static async Task WriteThenCompleteAsync(
        AsyncClientStreamingCall<ReadingBatch, IngestResult> call, ReadingBatch batch, CancellationToken cancellationToken)
    {
        try
        {
            await call.RequestStream.WriteAsync(batch, cancellationToken);
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or ObjectDisposedException
                                      or InvalidOperationException)
        {
            // The call ended (answered, or disposed or its write cancelled once answered) while the message was still
            // being written.
        }
    }

    private async Task<IngestResult> IngestAsync(Metadata credentials, params Reading[][] batches)
    {
        using var call = fixture.Client().IngestReadings(credentials);
        try
        {
            foreach (var batch in batches)
            {
                await call.RequestStream.WriteAsync(new ReadingBatch { Readings = { batch } });
            }
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server answered (refused) before reading the whole stream; a write racing that answer sees the
            // stream cancelled, while the call's own status, awaited below, is the server's answer.
        }
        return await call;
    }

    private Reading Reading(string id, string quantity, string? description = null)
    {
        var reading = new Reading
        {
            Id = id,
            AssetSource = "ninjaone",
            AssetExternalId = "router-7",
            UnitTypeKey = UnitType,
            Quantity = quantity,
            ObservedAt = observedAt.Clone(),
        };
        if (description is not null)
        {
            reading.Description = description;
        }
        return reading;
    }
}
