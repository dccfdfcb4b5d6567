using System.Globalization;
using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace BillingOne.Metering.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerBilling</c>: billing lines as <c>GET /api/metering/billing-readings</c> lists them,
/// and the raw usage readings as a resumable stream. A client-scoped caller sees only its client's lines and the
/// readings of assets assigned to its client; another client is <c>NOT_FOUND</c>, as the HTTP list answers.
/// </summary>
public sealed class PartnerBillingService(BillingReadingStore billingReadings, ClientStore clients,
    UsageReadingStreamStore usageReadings, IActorContext caller) : PartnerBilling.PartnerBillingBase
{
    /// <summary>Readings read per query while streaming: large enough to keep the stream busy, small enough to stop soon.</summary>
    public const int StreamPageSize = 500;

    public override async Task<ListBillingReadingsResponse> ListBillingReadings(ListBillingReadingsRequest request,
        ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var month = BillingMonth.Parse(request.Period, "period", errors);
        var clientId = QueryValues.ParseGuid(request.ClientId, "client_id", errors);
        var page = PageRequest.Parse(GrpcErrors.Given(request.Page), GrpcErrors.Given(request.PageSize), errors);
        if (month is null || errors.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(errors);
        }
        if (clientId is { } id && !await clients.IsVisibleAsync(caller, id, context.CancellationToken))
        {
            throw GrpcErrors.NotFound($"There is no client '{id}' in this organization.");
        }
        var result = await billingReadings.ListLinesAsync(caller.OrgId, caller.ClientScope, month, clientId, page,
            context.CancellationToken);
        var response = new ListBillingReadingsResponse
        {
            Page = result.Page,
            PageSize = result.PageSize,
            TotalCount = result.TotalCount,
        };
        response.Readings.AddRange(result.Items.Select(ToWire));
        return response;
    }

    public override async Task StreamUsageReadings(StreamUsageReadingsRequest request,
        IServerStreamWriter<UsageReading> responseStream, ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var from = Instant(request.From, "from", errors);
        var to = Instant(request.To, "to", errors);
        if (from is not null && to is not null && from >= to)
        {
            errors["to"] = ["to must be after from."];
        }
        var after = GrpcErrors.Given(request.ResumeToken) is { } token ? UsageReadingCursor.FromToken(token) : null;
        if (request.ResumeToken.Length > 0 && after is null)
        {
            errors["resume_token"] = ["resume_token is not a token this stream sent."];
        }
        if (errors.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(errors);
        }

        while (true)
        {
            var page = await usageReadings.PageAsync(caller.OrgId, caller.ClientScope, from!.Value, to!.Value, after,
                StreamPageSize, context.CancellationToken);
            foreach (var reading in page)
            {
                await responseStream.WriteAsync(ToWire(reading), context.CancellationToken);
            }
            if (page.Count < StreamPageSize)
            {
                return;
            }
            after = page[^1].Cursor;
        }
    }

    private static DateTimeOffset? Instant(Timestamp? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            errors[field] = [$"{field} is required."];
            return null;
        }
        try
        {
            return value.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            // Seconds or nanos outside what google.protobuf.Timestamp allows.
            errors[field] = [$"{field} is not a valid timestamp."];
            return null;
        }
    }

    private static UsageReading ToWire(StreamedReading reading) => new()
    {
        ReadingId = reading.ReadingId,
        AssetId = reading.AssetId.ToString(),
        AssetSource = reading.AssetSource,
        AssetExternalId = reading.AssetExternalId,
        ClientId = reading.ClientId?.ToString() ?? "",
        UnitTypeKey = reading.UnitTypeKey,
        Quantity = Text(reading.Quantity),
        ObservedAt = Timestamp.FromDateTimeOffset(reading.ObservedAt),
        ReceivedAt = Timestamp.FromDateTimeOffset(reading.ReceivedAt),
        Description = reading.Description ?? "",
        ResumeToken = reading.Cursor.ToToken(),
    };

    private static BillingReading ToWire(BillingLineView line) => new()
    {
        Id = line.Id.ToString(),
        RunId = line.RunId.ToString(),
        Kind = line.Kind,
        ClientId = line.ClientId.ToString(),
        ClientName = line.ClientName ?? "",
        BucketId = line.BucketId.ToString(),
        BucketName = line.BucketName,
        SourceType = line.SourceType ?? "",
        UnitTypeKey = line.UnitTypeKey,
        Aggregation = line.Aggregation,
        PeriodStart = Timestamp.FromDateTimeOffset(line.PeriodStart),
        PeriodEnd = Timestamp.FromDateTimeOffset(line.PeriodEnd),
        OriginalPeriod = line.OriginalMonth?.ToString() ?? "",
        Usage = Text(line.Usage),
        CommitUnits = Text(line.CommitUnits),
        Base = Money.Of(line.Base, line.Currency),
        OverageUnits = Text(line.OverageUnits),
        Overage = Money.Of(line.Overage, line.Currency),
        BufferUnits = Text(line.BufferUnits),
        Buffer = Money.Of(line.Buffer, line.Currency),
        Cost = Money.Of(line.Cost, line.Currency),
        Status = line.Status,
        FinalizedAt = line.FinalizedAt is { } finalized ? Timestamp.FromDateTimeOffset(finalized) : null,
    };

    private static string Text(decimal quantity) => quantity.ToString(CultureInfo.InvariantCulture);
}
