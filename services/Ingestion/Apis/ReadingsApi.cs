using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Domain;
using BillingOne.Ingestion.Transport;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Ingestion.Apis;

/// <summary>
/// Usage readings pushed by partners over HTTP: the REST face of <see cref="ReadingIngestPipeline"/>. The body is
/// read as a stream, so a full batch never sits in memory as text.
/// </summary>
public static class ReadingsApi
{
    private const string ReadingsPath = "/api/ingestion/readings";
    private const string JsonMediaType = "application/json";
    private const string NdjsonMediaType = "application/x-ndjson";

    public static IEndpointRouteBuilder MapReadingsApi(this IEndpointRouteBuilder app)
    {
        var limits = app.ServiceProvider.GetRequiredService<IngestLimits>();

        app.MapPost(ReadingsPath, IngestReadings)
            .WithTags("Readings")
            .RequireAuthorization(Policies.Ingest)
            // Above the service-wide default: a full batch with long descriptions needs the room.
            .WithMetadata(new RequestSizeLimitAttribute(limits.MaxBodyBytes))
            .Accepts<IReadOnlyList<ReadingRequest>>(JsonMediaType, NdjsonMediaType)
            .WithName("IngestReadings")
            .WithinClientScope()
            .WithSummary("Ingest usage readings")
            .WithDescription($"A JSON array of readings (`{JsonMediaType}`) or one reading per line " +
                $"(`{NdjsonMediaType}`), at most {limits.MaxBatchSize:N0} readings and {limits.MaxBodyBytes:N0} bytes. " +
                "Each reading gets an outcome: `accepted`, `duplicate` (its id came earlier in this call with the same " +
                "payload), `conflict` (its id came earlier in this call with another payload, which is kept), " +
                "`rejected` (invalid; the reason says why) or `suppressed` (matched a suppression rule). The answer " +
                "is 200 whatever the outcomes, once the accepted readings are durably queued for storage. A reading " +
                "id is the sender's idempotency key across calls too, but that is settled when the readings are " +
                "stored, within seconds: an id stored before is answered `accepted` here, then skipped if the payload " +
                "is the same, or, with another payload, refused and listed under `GET /api/metering/ingest-exceptions` " +
                "(both payloads; the first reading stays stored). `outcomes=exceptions` answers the same counts with outcomes " +
                "only for the readings not accepted (every position not listed was accepted): a fraction of the answer " +
                "for large, mostly clean batches. While metering is too far behind the call is refused " +
                "with 429 and a `Retry-After` (seconds) and nothing of it is stored: send it again after that delay.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesJsonBodyProblems();

        return app;
    }

    public static async Task<Results<Ok<IngestResponse>, ValidationProblem, ProblemHttpResult>> IngestReadings(
        HttpRequest request, IngestBatchReader reader, ReadingIngestPipeline pipeline, IActorContext caller,
        MeteringBacklog backlog, IngestMetrics metrics, CancellationToken cancellationToken, string? outcomes = null)
    {
        if (IngestResponse.ParseOutcomes(outcomes) is not { } listed)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["outcomes"] = [IngestResponse.OutcomesError] },
                title: "The ingest call is not valid.");
        }
        // Before the body is read: a refused call costs the service next to nothing.
        if (backlog.IsRefusing(out var retryAfter))
        {
            metrics.RecordRefused("http");
            request.HttpContext.Response.Headers.RetryAfter = MeteringBacklog.RetryAfterSeconds(retryAfter);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Metering is behind: try again later.",
                detail: MeteringBacklog.RefusedDetail);
        }
        // Routing already refuses other declared content types (the endpoint accepts these two); a body without
        // one arrives here.
        if (BodyFormat(request) is not { } format)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported content type.",
                detail: $"Send readings as {JsonMediaType} (an array) or {NdjsonMediaType} (one per line).");
        }
        try
        {
            var ingested = await pipeline.IngestAsync(caller, reader.ReadAsync(request.Body, format, cancellationToken),
                cancellationToken);
            return TypedResults.Ok(IngestResponse.From(ingested, listed));
        }
        catch (MalformedBatchException malformed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The body is not a batch of readings.",
                detail: malformed.Message);
        }
        catch (IngestBatchTooLargeException tooLarge)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too many readings.",
                detail: tooLarge.Message);
        }
    }

    private static IngestBodyFormat? BodyFormat(HttpRequest request) =>
        request.GetTypedHeaders().ContentType?.MediaType.Value?.ToLowerInvariant() switch
        {
            JsonMediaType => IngestBodyFormat.JsonArray,
            NdjsonMediaType => IngestBodyFormat.Ndjson,
            _ => null,
        };
}
