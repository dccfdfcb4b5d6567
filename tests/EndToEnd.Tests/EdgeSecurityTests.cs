using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Contracts.Ingestion.V1;
using BillingOne.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>Authentication at the edge with real keys issued by the running system.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class EdgeSecurityTests(SystemFixture fixture)
{
    /// <summary>How long the gateway may keep answering from its cache after a key changes.</summary>
    private static readonly TimeSpan KeyCacheBound = TimeSpan.FromSeconds(1);

    private readonly GatewayCallers callers = new(fixture.System);

    [SystemFact]
    public async Task A_request_without_credentials_is_refused_at_the_edge()
    {
        using var anonymous = fixture.System.CreateAnonymousGatewayClient();

        using var response = await anonymous.GetAsync("/api/subscription/clients");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ShouldContain(challenge => challenge.Scheme == "Bearer");
    }

    [SystemTheory]
    [InlineData("disable")]
    [InlineData("revoke")]
    public async Task A_key_stops_working_within_a_second_of_being_disabled_or_revoked(string action)
    {
        var (keyId, key) = await callers.CreateKeyAsync($"e2e {action}", "read-only");
        using var caller = callers.KeyClient(key);
        (await caller.GetAsync("/api/subscription/clients")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await callers.Admin.PostAsync($"/api/identity/api-keys/{keyId}/{action}", null)).EnsureSuccessStatusCode();
        await Task.Delay(KeyCacheBound + TimeSpan.FromMilliseconds(100));

        using var refused = await caller.GetAsync("/api/subscription/clients");
        await refused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [SystemFact]
    public async Task A_read_only_key_may_read_but_not_change_billing_data()
    {
        var (_, key) = await callers.CreateKeyAsync("e2e read-only", "read-only");
        using var caller = callers.KeyClient(key);

        (await caller.GetAsync("/api/projection/clients")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var create = await caller.PostAsJsonAsync("/api/subscription/clients", new { name = "Not allowed" });
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [SystemFact]
    public async Task A_client_scoped_key_sees_only_its_client_and_its_actions_reach_the_audit_log()
    {
        var own = await callers.CreateClientAsync($"Scoped {Guid.NewGuid():N}"[..20]);
        var other = await callers.CreateClientAsync($"Other {Guid.NewGuid():N}"[..19]);
        var (keyId, key) = await callers.CreateKeyAsync("e2e scoped finance", "finance", own);
        using var scoped = callers.KeyClient(key);

        var page = await scoped.GetFromJsonAsync<JsonElement>("/api/subscription/clients");
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ShouldBe([own]);
        (await scoped.GetAsync($"/api/subscription/clients/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.PatchAsJsonAsync($"/api/subscription/clients/{own}", new { name = $"Renamed {own:N}"[..20] }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await Eventually.AssertAsync(async () =>
        {
            var audit = await callers.Admin.GetFromJsonAsync<JsonElement>($"/api/projection/audit-log?actorId={keyId}");
            var entry = audit.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            entry.GetProperty("action").GetString().ShouldBe("update");
            entry.GetProperty("recordId").GetString().ShouldBe(own.ToString());
            entry.GetProperty("apiKeyId").GetGuid().ShouldBe(keyId);
        });
    }

    [SystemFact]
    public async Task An_ingest_key_streams_usage_readings_to_ingestion_over_grpc()
    {
        var (_, key) = await callers.CreateKeyAsync("e2e grpc ingest", "ingest");

        var result = await IngestOverGrpcAsync(key);

        // The unit type is unknown to the organization: the reading reached ingestion and was judged there.
        var outcome = result.Outcomes.ShouldHaveSingleItem();
        outcome.Status.ShouldBe(ReadingStatus.Rejected);
        outcome.Reason.ShouldBe("unitTypeKey 'e2e-no-such-unit' is not a known unit type");
    }

    [SystemFact]
    public async Task Over_grpc_a_key_outside_the_ingest_policy_is_permission_denied_and_no_key_unauthenticated()
    {
        var (_, readOnlyKey) = await callers.CreateKeyAsync("e2e grpc read-only", "read-only");

        var forbidden = await Should.ThrowAsync<RpcException>(() => IngestOverGrpcAsync(readOnlyKey));
        var anonymous = await Should.ThrowAsync<RpcException>(() => IngestOverGrpcAsync(key: null));

        forbidden.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        anonymous.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    private async Task<IngestResult> IngestOverGrpcAsync(string? key)
    {
        using var channel = GrpcChannel.ForAddress(fixture.System.GatewayGrpc);
        var metadata = new Metadata();
        if (key is not null)
        {
            metadata.Add("authorization", $"Bearer {key}");
        }
        using var call = new UsageIngestion.UsageIngestionClient(channel)
            .IngestReadings(metadata, deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            await call.RequestStream.WriteAsync(new ReadingBatch
            {
                Readings =
                {
                    new Reading
                    {
                        Id = $"e2e-{Guid.NewGuid():N}",
                        AssetSource = "e2e",
                        AssetExternalId = "srv-01",
                        UnitTypeKey = "e2e-no-such-unit",
                        Quantity = "1",
                        ObservedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)),
                    },
                },
            });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // A refused call may be answered before its stream is written; the call's status, awaited below, is the answer.
        }
        return await call;
    }
}
