using System.Runtime.CompilerServices;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Ingestion.Apis;
using BillingOne.Contracts.Ingestion.V1;
using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Domain;
using Google.Protobuf;
using Grpc.Core;
using ReadingStatus = BillingOne.Ingestion.Domain.ReadingStatus;
using WireReadingOutcome = BillingOne.Contracts.Ingestion.V1.ReadingOutcome;
using WireReadingStatus = BillingOne.Contracts.Ingestion.V1.ReadingStatus;

namespace BillingOne.Ingestion.Grpc;

/// <summary>
/// <c>billingone.ingestion.v1.UsageIngestion</c>: the gRPC face of <see cref="ReadingIngestPipeline"/>. Readings are
/// screened as the stream's batches arrive; positions count across batches. While metering is too far behind the call is
/// refused with <c>RESOURCE_EXHAUSTED</c> and a <c>retry-after</c> trailer (seconds) before any message is read. The
/// <see cref="OutcomesHeader"/> request header asks for the exceptions-only answer.
/// The end of the request stream is not the end of the call: a client that cancels may have half-closed first (Node's
/// HTTP/2, under grpc-js, sends END_STREAM just before RST_STREAM), so the pipeline, handed the call's cancellation,
/// keeps nothing of a call cancelled before its readings are published.
/// </summary>
public sealed class UsageIngestionService(
    ReadingIngestPipeline pipeline, IActorContext caller, MeteringBacklog backlog, IngestMetrics metrics)
    : UsageIngestion.UsageIngestionBase
{
    public const string RetryAfterTrailer = "retry-after";

    /// <summary>
    /// Request header: <c>all</c> (the default) lists an outcome per reading, <c>exceptions</c> only the readings not
    /// accepted, as the HTTP call's <c>outcomes</c> parameter does.
    /// </summary>
    public const string OutcomesHeader = "outcomes";

    public override async Task<IngestResult> IngestReadings(IAsyncStreamReader<ReadingBatch> requestStream,
        ServerCallContext context)
    {
        if (backlog.IsRefusing(out var retryAfter))
        {
            metrics.RecordRefused("grpc");
            throw new RpcException(new Status(StatusCode.ResourceExhausted, MeteringBacklog.RefusedDetail),
                new Metadata { { RetryAfterTrailer, MeteringBacklog.RetryAfterSeconds(retryAfter) } });
        }
        if (IngestResponse.ParseOutcomes(context.RequestHeaders.GetValue(OutcomesHeader)) is not { } listed)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"The {OutcomesHeader} header must be 'all' (the default) or 'exceptions'; no reading of the call was kept."));
        }
        try
        {
            var ingested = await pipeline.IngestAsync(caller, Entries(requestStream, context.CancellationToken),
                context.CancellationToken);
            return ToResult(ingested.Report, listed);
        }
        catch (IngestBatchTooLargeException tooLarge)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, tooLarge.Message));
        }
    }

    private static async IAsyncEnumerable<BatchEntry> Entries(IAsyncStreamReader<ReadingBatch> requestStream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0;
        var messageNumber = 0;
        await using var batches = requestStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            messageNumber++;
            try
            {
                if (!await batches.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (InvalidProtocolBufferException)
            {
                // Nothing after a message that cannot be read is trustworthy, as with a broken JSON array.
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"Message {messageNumber} of the stream is not a valid {ReadingBatch.Descriptor.FullName} " +
                    "(malformed protobuf or text that is not UTF-8); no reading of the call was kept."));
            }
            foreach (var reading in batches.Current.Readings)
            {
                yield return ToEntry(position++, reading);
            }
        }
    }

    private static BatchEntry ToEntry(int position, Reading reading)
    {
        DateTimeOffset? observedAt = null;
        if (reading.ObservedAt is { } timestamp)
        {
            try
            {
                observedAt = timestamp.ToDateTimeOffset();
            }
            catch (InvalidOperationException)
            {
                // Seconds or nanos outside what google.protobuf.Timestamp allows.
                return BatchEntry.Unreadable(position, "observed_at is not a valid timestamp.", reading.Id);
            }
        }
        return BatchEntry.Of(position, new RawReading(reading.Id, reading.AssetSource, reading.AssetExternalId,
            reading.UnitTypeKey, reading.Quantity, observedAt, reading.HasDescription ? reading.Description : null));
    }

    private static IngestResult ToResult(IngestReport report, ListedOutcomes listed)
    {
        var result = new IngestResult
        {
            Accepted = report.Count(ReadingStatus.Accepted),
            Duplicates = report.Count(ReadingStatus.Duplicate),
            Conflicts = report.Count(ReadingStatus.Conflict),
            Rejected = report.Count(ReadingStatus.Rejected),
            Suppressed = report.Count(ReadingStatus.Suppressed),
        };
        var outcomes = IngestResponse.Listed(report, listed);
        result.Outcomes.Capacity = outcomes.Count;
        foreach (var outcome in outcomes)
        {
            result.Outcomes.Add(new WireReadingOutcome
            {
                Position = outcome.Position,
                Id = outcome.ReadingId ?? "",
                Status = ToWire(outcome.Status),
                Reason = outcome.Reason ?? "",
            });
        }
        return result;
    }

    private static WireReadingStatus ToWire(ReadingStatus status) => status switch
    {
        ReadingStatus.Accepted => WireReadingStatus.Accepted,
        ReadingStatus.Duplicate => WireReadingStatus.Duplicate,
        ReadingStatus.Conflict => WireReadingStatus.Conflict,
        ReadingStatus.Rejected => WireReadingStatus.Rejected,
        ReadingStatus.Suppressed => WireReadingStatus.Suppressed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown reading status."),
    };
}
