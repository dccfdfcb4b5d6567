using System.Globalization;
using System.Text.Json;
using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Tenancy;
using Decimals = BillingOne.Contracts.Money.Decimals;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace BillingOne.Projection.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerEvents</c>: the watch stream of billing events. Sends the stored events after the
/// caller's token, then polls for new ones until the call's deadline or cancellation. A client-scoped caller watches
/// only its client's events, never organization-level ones (a billing run covers every client); another client is
/// <c>NOT_FOUND</c>, as <see cref="PartnerClientsService"/> answers.
/// </summary>
public sealed class PartnerEventsService(PartnerWatchEventStore events, IActorContext caller)
    : PartnerEvents.PartnerEventsBase
{
    /// <summary>Events read per query: a caller far behind catches up in few queries.</summary>
    public const int PageSize = 200;

    /// <summary>How long a caller that has seen every event waits for the next query: one short query per interval.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>How long before the call's deadline the watch ends itself.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(250);

    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<WatchEvent> responseStream,
        ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var after = WatchEventCursor.Start;
        if (GrpcErrors.Given(request.ResumeToken) is { } token)
        {
            if (WatchEventCursor.FromToken(token) is { } cursor)
            {
                after = cursor;
            }
            else
            {
                errors["resume_token"] = ["resume_token is not a token this stream sent."];
            }
        }
        var unknownTypes = request.EventTypes.Where(type => !WatchEventTypes.All.Contains(type)).ToList();
        if (unknownTypes.Count > 0)
        {
            errors["event_types"] = [$"event_types must each be one of {string.Join(", ", WatchEventTypes.All)}."];
        }
        var clientId = QueryValues.ParseGuid(request.ClientId, "client_id", errors);
        if (errors.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(errors);
        }
        if (clientId is { } id && !caller.MaySee(id))
        {
            throw GrpcErrors.NotFound($"There is no client '{id}' in this organization.");
        }
        var types = request.EventTypes.Count > 0 ? request.EventTypes.Distinct().ToList() : null;
        var client = caller.ClientScope ?? clientId;

        // Headers first: a watch with nothing to send yet is then an established call, which the client reads as
        // ending with a status rather than as a failed start when the stream closes.
        await context.WriteResponseHeadersAsync([]);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        if (context.Deadline != DateTime.MaxValue)
        {
            // The watch ends itself shortly before the deadline, with DEADLINE_EXCEEDED in the trailers: left to the
            // deadline, the server's timer and the client's race, and a server reset read by the client as
            // INTERNAL or UNAVAILABLE instead of the deadline.
            var untilMargin = context.Deadline - DateTime.UtcNow - DeadlineMargin;
            watch.CancelAfter(untilMargin > TimeSpan.Zero ? untilMargin : TimeSpan.Zero);
        }
        try
        {
            while (true)
            {
                var page = await events.PageAsync(caller.OrgId, after, types, client, PageSize, watch.Token);
                foreach (var watched in page)
                {
                    await responseStream.WriteAsync(ToWire(watched), watch.Token);
                    after = watched.Cursor;
                }
                if (page.Count < PageSize)
                {
                    await Task.Delay(PollInterval, watch.Token);
                }
            }
        }
        catch (OperationCanceledException) when (watch.IsCancellationRequested
                                                 && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded, "The call's deadline passed."));
        }
    }

    private static WatchEvent ToWire(WatchedEvent watched)
    {
        var wire = new WatchEvent
        {
            ResumeToken = watched.Cursor.ToToken(),
            Type = watched.EventType,
            OccurredAt = Timestamp.FromDateTimeOffset(watched.OccurredAt),
            ClientId = watched.ClientId?.ToString() ?? "",
            ClientName = watched.ClientName ?? "",
        };
        switch (watched.EventType)
        {
            case WatchEventTypes.BillingRunFinished:
                var run = Payload<BillingRunFinishedEvent>(watched);
                wire.BillingRunFinished = new BillingRunFinished
                {
                    RunId = run.RunId.ToString(),
                    Period = Period(run.Year, run.Month),
                    Trigger = run.Trigger,
                    BucketLines = run.BucketLines,
                    Adjustments = run.Adjustments,
                    Clients = run.Clients,
                    Totals = { run.Totals.Select(total => Money.Of(total.Amount, total.Currency)) },
                };
                break;
            case WatchEventTypes.PeriodFinalized:
                var finalized = Payload<PeriodFinalizedEvent>(watched);
                wire.PeriodFinalized = new PeriodFinalized
                {
                    Period = Period(finalized.Year, finalized.Month),
                    Amount = Money.Of(finalized.Amount, finalized.Currency),
                    Buckets =
                    {
                        finalized.Buckets.Select(line => new FinalizedBucket
                        {
                            BucketId = line.BucketId.ToString(),
                            BucketName = line.BucketName,
                            UnitTypeKey = line.UnitTypeKey,
                            Kind = line.Kind,
                            OriginalPeriod = line is { OriginalYear: { } year, OriginalMonth: { } month }
                                ? Period(year, month) : "",
                            Usage = Text(line.Usage),
                            CommitUnits = Text(line.CommitUnits),
                            Charge = Money.Of(line.Charge, finalized.Currency),
                        }),
                    },
                };
                break;
            case WatchEventTypes.NewOverage:
                var overage = Payload<NewOverageEvent>(watched);
                wire.NewOverage = new NewOverage
                {
                    BucketId = overage.BucketId.ToString(),
                    BucketName = overage.BucketName,
                    UnitTypeKey = overage.UnitTypeKey,
                    Period = Period(overage.Year, overage.Month),
                    Usage = Text(overage.Usage),
                    CommitUnits = Text(overage.CommitUnits),
                    OverageUnits = Text(overage.OverageUnits),
                    // A configured price: padded to the currency's minor units, never rounded.
                    OveragePrice = new Money
                    {
                        Amount = Text(Decimals.UnitPrice(overage.OveragePrice, overage.Currency)),
                        Currency = overage.Currency,
                    },
                };
                break;
            default:
                throw new InvalidOperationException($"A watch event has the unknown type '{watched.EventType}'.");
        }
        return wire;
    }

    private static T Payload<T>(WatchedEvent watched) =>
        JsonSerializer.Deserialize<T>(watched.Payload, ProjectionEventLog.Json)
        ?? throw new InvalidOperationException($"A {watched.EventType} watch event has an empty payload.");

    private static string Period(int year, int month) => $"{year:D4}-{month:D2}";

    private static string Text(decimal quantity) => quantity.ToString(CultureInfo.InvariantCulture);
}
