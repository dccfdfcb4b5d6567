using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.Contracts.Ingestion.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace BillingOne.SystemDriver;

/// <summary>A usage reading as a partner sends it.</summary>
public sealed record ReadingToSend(
    string Id,
    string AssetSource,
    string AssetExternalId,
    string UnitTypeKey,
    decimal Quantity,
    DateTimeOffset ObservedAt,
    string? Description = null);

/// <summary>The ingest answer, the same for HTTP and gRPC: counts and one outcome per reading.</summary>
public sealed record IngestAnswer(
    int Accepted, int Duplicates, int Conflicts, int Rejected, int Suppressed, IReadOnlyList<IngestOutcome> Outcomes)
{
    public int Total => Accepted + Duplicates + Conflicts + Rejected + Suppressed;
}

/// <param name="Status">accepted, duplicate, conflict, rejected or suppressed.</param>
public sealed record IngestOutcome(int Position, string? Id, string Status, string? Reason);

public enum IngestBody
{
    JsonArray,
    Ndjson,
}

/// <summary>Which outcomes an ingest answer lists (HTTP: the <c>outcomes</c> query parameter; gRPC: the header).</summary>
public enum IngestOutcomes
{
    /// <summary>One per reading.</summary>
    All,

    /// <summary>Only the readings not accepted; the client fills in the accepted ones.</summary>
    Exceptions,
}

/// <summary>
/// Sends usage readings to the ingest API with an API key: over HTTP (<c>POST /api/ingestion/readings</c>) or over
/// the gRPC client stream, both through the gateway. Used by the end-to-end tests and the benchmark.
/// </summary>
public sealed class UsageIngestClient(HttpClient http, GrpcChannel grpc, string apiKey)
{
    public const string ReadingsPath = "/api/ingestion/readings";

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>
    /// Posts <paramref name="readings"/>; the answer lists an outcome per reading either way: with
    /// <see cref="IngestOutcomes.Exceptions"/> the server lists only the readings not accepted and the others are
    /// filled in here as accepted.
    /// </summary>
    public async Task<IngestAnswer> SendHttpAsync(IReadOnlyList<ReadingToSend> readings, IngestBody body,
        CancellationToken cancellationToken = default, IngestOutcomes outcomes = IngestOutcomes.All)
    {
        var path = outcomes == IngestOutcomes.Exceptions ? $"{ReadingsPath}?outcomes=exceptions" : ReadingsPath;
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = HttpBody(readings, body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"Ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                null, response.StatusCode);
        }
        var answer = await response.Content.ReadFromJsonAsync<IngestAnswer>(Json, cancellationToken)
            ?? throw new InvalidOperationException("Ingest answered an empty body.");
        return outcomes == IngestOutcomes.Exceptions ? WithAccepted(answer, readings) : answer;
    }

    /// <summary>An exceptions-only answer with the readings it does not list added as accepted, in position order.</summary>
    private static IngestAnswer WithAccepted(IngestAnswer answer, IReadOnlyList<ReadingToSend> readings)
    {
        var listed = answer.Outcomes.ToDictionary(outcome => outcome.Position);
        return answer with
        {
            Outcomes = Enumerable.Range(0, readings.Count)
                .Select(position => listed.GetValueOrDefault(position)
                    ?? new IngestOutcome(position, readings[position].Id, "accepted", null))
                .ToList(),
        };
    }

    /// <summary>
    /// Streams <paramref name="readings"/> in messages of <paramref name="readingsPerMessage"/> in one call; the answer
    /// lists an outcome per reading either way, as <see cref="SendHttpAsync"/>'s does.
    /// </summary>
    public async Task<IngestAnswer> SendGrpcAsync(IReadOnlyList<ReadingToSend> readings, int readingsPerMessage,
        CancellationToken cancellationToken = default, IngestOutcomes outcomes = IngestOutcomes.All)
    {
        var client = new UsageIngestion.UsageIngestionClient(grpc);
        var headers = new Metadata { { "authorization", $"Bearer {apiKey}" } };
        if (outcomes == IngestOutcomes.Exceptions)
        {
            headers.Add("outcomes", "exceptions");
        }
        using var call = client.IngestReadings(headers, cancellationToken: cancellationToken);
        foreach (var chunk in readings.Chunk(readingsPerMessage))
        {
            var batch = new ReadingBatch();
            batch.Readings.AddRange(chunk.Select(ToProto));
            await call.RequestStream.WriteAsync(batch, cancellationToken);
        }
        await call.RequestStream.CompleteAsync();
        var result = await call;
        var answer = new IngestAnswer(result.Accepted, result.Duplicates, result.Conflicts, result.Rejected,
            result.Suppressed, result.Outcomes.Select(outcome => new IngestOutcome(
                outcome.Position, outcome.Id, StatusName(outcome.Status),
                outcome.Reason.Length == 0 ? null : outcome.Reason)).ToList());
        return outcomes == IngestOutcomes.Exceptions ? WithAccepted(answer, readings) : answer;
    }

    public static HttpContent HttpBody(IReadOnlyList<ReadingToSend> readings, IngestBody body)
    {
        var text = new StringBuilder(readings.Count * 200);
        if (body == IngestBody.JsonArray)
        {
            text.Append('[');
        }
        for (var i = 0; i < readings.Count; i++)
        {
            if (i > 0)
            {
                text.Append(body == IngestBody.JsonArray ? "," : "\n");
            }
            text.Append(JsonSerializer.Serialize(readings[i], Json));
        }
        if (body == IngestBody.JsonArray)
        {
            text.Append(']');
        }
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
        content.Headers.ContentType = new MediaTypeHeaderValue(
            body == IngestBody.JsonArray ? "application/json" : "application/x-ndjson");
        return content;
    }

    private static Reading ToProto(ReadingToSend reading)
    {
        var proto = new Reading
        {
            Id = reading.Id,
            AssetSource = reading.AssetSource,
            AssetExternalId = reading.AssetExternalId,
            UnitTypeKey = reading.UnitTypeKey,
            Quantity = reading.Quantity.ToString(CultureInfo.InvariantCulture),
            ObservedAt = Timestamp.FromDateTimeOffset(reading.ObservedAt),
        };
        if (reading.Description is not null)
        {
            proto.Description = reading.Description;
        }
        return proto;
    }

    private static string StatusName(ReadingStatus status) => status switch
    {
        ReadingStatus.Accepted => "accepted",
        ReadingStatus.Duplicate => "duplicate",
        ReadingStatus.Conflict => "conflict",
        ReadingStatus.Rejected => "rejected",
        ReadingStatus.Suppressed => "suppressed",
        _ => throw new InvalidOperationException($"The server answered reading status {status}."),
    };
}
