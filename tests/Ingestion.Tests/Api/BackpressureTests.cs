using System.Net;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Ingestion.V1;
using BillingOne.Ingestion.Domain;
using BillingOne.Ingestion.Grpc;
using BillingOne.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using static BillingOne.Ingestion.Tests.Api.SentReadings;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// Ingest calls while metering is behind: over the bound they are refused before anything is stored, with a delay to
/// retry after; once the backlog is down to half the bound they are accepted again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class BackpressureTests(BackpressureFixture fixture) : IClassFixture<BackpressureFixture>, IAsyncLifetime
{
    private const string Readings = "/api/ingestion/readings";

    private readonly Guid orgId = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await fixture.KnowUnitTypesAsync(orgId, UnitType);
        await fixture.DrainOutboxAsync();
        (await fixture.MeasuredAsync(0)).Refusing.ShouldBeFalse();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Over_the_bound_http_ingest_is_refused_with_429_and_retry_after_and_stores_nothing_until_it_drains()
    {
        using var http = fixture.Http2ClientFor(orgId, Roles.Ingest);
        await fixture.EnqueueBacklogAsync(BackpressureFixture.MaxQueuedBatches + 1);
        (await fixture.MeasuredAsync(BackpressureFixture.MaxQueuedBatches + 1)).Refusing.ShouldBeTrue();

        using (var refused = await http.SendAsync(WithIdempotencyKey(JsonArray(Reading("refused")))))
        {
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            problem.GetProperty("detail").GetString().ShouldBe(
                "Usage readings are coming in faster than they can be metered. Nothing of this call was stored: send " +
                "it again after the Retry-After delay (seconds).");
            RetryAfterSeconds(refused.Headers.RetryAfter?.Delta).ShouldBeInRange(1, 30);
        }
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();
        using (var health = await http.GetAsync("/health"))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            CheckStatus(await health.Content.ReadAsStringAsync(), "metering-backlog").ShouldBe("Degraded");
        }
        // Still ready: the pod stays in its Service, so callers get this 429 and not the Service's 503.
        using (var readiness = await http.GetAsync("/ready"))
        {
            readiness.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // At the bound but above half of it: still refused, so the answer does not flap at the edge.
        await fixture.DrainOutboxAsync(left: BackpressureFixture.MaxQueuedBatches);
        (await fixture.MeasuredAsync(BackpressureFixture.MaxQueuedBatches)).Refusing.ShouldBeTrue();
        using (var stillRefused = await http.PostAsync(Readings, JsonArray(Reading("refused"))))
        {
            await stillRefused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        }

        await fixture.DrainOutboxAsync(left: 1);
        (await fixture.MeasuredAsync(1)).Refusing.ShouldBeFalse();
        // The refused call kept nothing under its Idempotency-Key either: sent again with it, it runs.
        using var accepted = await http.SendAsync(WithIdempotencyKey(JsonArray(Reading("refused"))));
        (await accepted.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK)).Accepted.ShouldBe(1);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id)
            .ShouldBe(["refused"]);
        using var healthy = await http.GetAsync("/health");
        CheckStatus(await healthy.Content.ReadAsStringAsync(), "metering-backlog").ShouldBe("Healthy");
    }

    [Fact]
    public async Task Over_the_bound_grpc_ingest_is_refused_as_resource_exhausted_with_a_retry_after_trailer()
    {
        var credentials = IngestionGrpcFixture.CredentialsFor(orgId, Roles.Ingest);
        await fixture.EnqueueBacklogAsync(BackpressureFixture.MaxQueuedBatches + 1);
        (await fixture.MeasuredAsync(BackpressureFixture.MaxQueuedBatches + 1)).Refusing.ShouldBeTrue();

        var refused = await Should.ThrowAsync<RpcException>(() => GrpcIngestAsync(credentials, "refused"));

        refused.StatusCode.ShouldBe(StatusCode.ResourceExhausted);
        refused.Status.Detail.ShouldStartWith("Usage readings are coming in faster than they can be metered.");
        int.Parse(refused.Trailers.GetValue(UsageIngestionService.RetryAfterTrailer)!).ShouldBeInRange(1, 30);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldBeEmpty();

        await fixture.DrainOutboxAsync();
        (await fixture.MeasuredAsync(0)).Refusing.ShouldBeFalse();
        (await GrpcIngestAsync(credentials, "refused")).Accepted.ShouldBe(1);
        (await fixture.AcceptedEventsAsync(orgId)).ShouldHaveSingleItem().Readings.Select(r => r.Id)
            .ShouldBe(["refused"]);
    }

    [Fact]
    public async Task Messages_waiting_in_meterings_queue_count_towards_the_bound()
    {
        var queue = fixture.Services.GetRequiredService<IngestBackpressureOptions>().MeteringQueue;
        var factory = new ConnectionFactory { Uri = fixture.VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        for (var i = 0; i <= BackpressureFixture.MaxQueuedBatches; i++)
        {
            await channel.BasicPublishAsync("", queue, "{}"u8.ToArray());
        }

        var measured = await fixture.MeasuredAsync(BackpressureFixture.MaxQueuedBatches + 1);
        (measured.MeteringQueueDepth, measured.UnsentOutboxRows, measured.Refusing).ShouldBe(
            (BackpressureFixture.MaxQueuedBatches + 1, 0, true));
        using var http = fixture.Http2ClientFor(orgId, Roles.Ingest);
        using (var refused = await http.PostAsync(Readings, JsonArray(Reading("queued"))))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        }

        await channel.QueueDeleteAsync(queue);
        (await fixture.MeasuredAsync(0)).Refusing.ShouldBeFalse();
        using var accepted = await http.PostAsync(Readings, JsonArray(Reading("queued")));
        (await accepted.ShouldBeJsonAsync<IngestResponseDto>(HttpStatusCode.OK)).Accepted.ShouldBe(1);
    }

    private HttpRequestMessage WithIdempotencyKey(HttpContent content) => new(HttpMethod.Post, Readings)
    {
        // A request message does not take the client's default version: the endpoint speaks HTTP/2 only.
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Content = content,
        Headers = { { "Idempotency-Key", $"backpressure-{orgId}" } },
    };

    private async Task<IngestResult> GrpcIngestAsync(Metadata credentials, string id)
    {
        using var call = fixture.Client().IngestReadings(credentials);
        try
        {
            await call.RequestStream.WriteAsync(new ReadingBatch
            {
                Readings =
                {
                    new Reading
                    {
                        Id = id, AssetSource = "rmm", AssetExternalId = "srv-01", UnitTypeKey = UnitType,
                        Quantity = "1", ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-5)),
                    },
                },
            });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // Refused before the stream was read: the call's own status, awaited below, is the answer.
        }
        return await call;
    }

    private static int RetryAfterSeconds(TimeSpan? delta) =>
        (int)(delta ?? throw new ShouldAssertException("no Retry-After header")).TotalSeconds;

    private static string? CheckStatus(string healthReport, string check) =>
        JsonDocument.Parse(healthReport).RootElement.GetProperty("checks").EnumerateArray()
            .Single(entry => entry.GetProperty("name").GetString() == check).GetProperty("status").GetString();
}
