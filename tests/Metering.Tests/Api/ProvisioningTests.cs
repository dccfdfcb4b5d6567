using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// Auto-provisioning started on demand. A run covers a whole organization, so every test works in an organization of
/// its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProvisioningTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private const string Runs = MeteringRequests.ProvisioningRuns;

    private readonly Guid orgId = Guid.NewGuid();
    private readonly MeteringTestData data = fixture.Data;
    private HttpClient Admin => adminClient ??= fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));
    private HttpClient? adminClient;

    [Fact]
    public async Task A_run_creates_an_unreviewed_bucket_per_client_from_the_template_and_binds_the_matching_assets()
    {
        var template = await Admin.CreateUnitTypeAsync("backup-gb", "Backup GB", aggregation: "max",
            autoProvision: true, filterPattern: "srv-*", basePrice: 250m, overagePrice: 0.5m, commitUnits: 1000m);
        var plain = await Admin.CreateUnitTypeAsync("licences", "Licences");
        var contoso = await data.ClientAsync("Contoso", orgId: orgId);
        var fabrikam = await data.ClientAsync("Fabrikam", orgId: orgId);
        var disabledClient = await data.ClientAsync("Disabled", enabled: false, orgId: orgId);
        var srv1 = await AssetAsync(contoso, "srv-1", template.Key);
        var srv2 = await data.AssetAsync(contoso, "SRV-2", [template.Key, plain.Key], orgId: orgId);
        await AssetAsync(contoso, "web-1", template.Key);                                     // filter pattern
        await AssetAsync(contoso, "srv-disabled", template.Key, enabled: false);
        await AssetAsync(contoso, "srv-disregarded", template.Key, disregarded: true);
        await AssetAsync(contoso, "srv-licences", plain.Key);                                 // another unit type
        var srv9 = await AssetAsync(fabrikam, "srv-9", template.Key);
        await AssetAsync(null, "srv-unassigned", template.Key);
        await AssetAsync(disabledClient, "srv-of-disabled", template.Key);

        var run = await RunToEndAsync();

        run.Status.ShouldBe("succeeded");
        run.Trigger.ShouldBe("manual");
        run.BucketsCreated.ShouldBe(2);
        run.AssetsBound.ShouldBe(3);
        run.Error.ShouldBeNull();
        run.FinishedAt.ShouldNotBeNull();
        var buckets = await BucketsAsync();
        buckets.Select(bucket => bucket.ClientId).ShouldBe([contoso, fabrikam], ignoreOrder: true);
        buckets.ShouldAllBe(bucket => bucket.UnitTypeId == template.Id && bucket.Name == "Backup GB"
            && !bucket.Reviewed && bucket.Enabled && bucket.AutoProvisioned && bucket.SourceType == null
            && bucket.Aggregation == "max" && bucket.BasePrice == 250m && bucket.OveragePrice == 0.5m
            && bucket.CommitUnits == 1000m && bucket.Currency == "AUD");
        (await BoundAssetIdsAsync(buckets.Single(bucket => bucket.ClientId == contoso).Id))
            .ShouldBe([srv1, srv2], ignoreOrder: true);
        (await BoundAssetIdsAsync(buckets.Single(bucket => bucket.ClientId == fabrikam).Id)).ShouldBe([srv9]);

        var events = await data.OutboxEventsAsync("BucketProvisioned", orgId);
        events.Select(message => message.GetProperty("bucketId").GetGuid())
            .ShouldBe(buckets.Select(bucket => bucket.Id), ignoreOrder: true);
        var contosoEvent = events.Single(message => message.GetProperty("clientId").GetGuid() == contoso);
        contosoEvent.GetProperty("unitTypeId").GetGuid().ShouldBe(template.Id);
        contosoEvent.GetProperty("name").GetString().ShouldBe("Backup GB");
        contosoEvent.GetProperty("boundAssets").GetInt32().ShouldBe(2);

        // Audited as the service, not as the person who asked for the run.
        (await AuditActorsAsync(buckets[0].Id)).ShouldBe([("buckets", "service"), ("bucket_assets", "service")],
            ignoreOrder: true);
    }

    [Fact]
    public async Task A_second_run_finds_nothing_left_to_do()
    {
        var template = await Admin.CreateUnitTypeAsync("vm-hours", "VM hours", autoProvision: true);
        var client = await data.ClientAsync("Contoso", orgId: orgId);
        await AssetAsync(client, "vm-1", template.Key);
        (await RunToEndAsync()).BucketsCreated.ShouldBe(1);
        fixture.Clock.Advance(TimeSpan.FromSeconds(1));

        var second = await RunToEndAsync();

        second.Status.ShouldBe("succeeded");
        second.BucketsCreated.ShouldBe(0);
        second.AssetsBound.ShouldBe(0);
        (await BucketsAsync()).Count.ShouldBe(1);
        (await data.OutboxEventsAsync("BucketProvisioned", orgId)).Count.ShouldBe(1);
        var runs = await (await Admin.GetAsync($"{Runs}?pageSize=1"))
            .ShouldBeJsonAsync<PagedResult<ProvisioningRunDto>>(HttpStatusCode.OK);
        runs.TotalCount.ShouldBe(2);
        runs.Items.ShouldHaveSingleItem().Id.ShouldBe(second.Id);
    }

    [Fact]
    public async Task A_client_that_already_has_a_bucket_of_the_unit_type_is_skipped()
    {
        var template = await Admin.CreateUnitTypeAsync("seats", "Seats", autoProvision: true);
        var covered = await data.ClientAsync("Covered", orgId: orgId);
        var uncovered = await data.ClientAsync("Uncovered", orgId: orgId);
        var existing = await Admin.CreateBucketAsync(covered, template.Id, "Hand-made");
        await AssetAsync(covered, "seat-1", template.Key);
        await AssetAsync(uncovered, "seat-2", template.Key);

        var run = await RunToEndAsync();

        run.BucketsCreated.ShouldBe(1);
        var buckets = await BucketsAsync();
        buckets.Single(bucket => bucket.ClientId == covered).Id.ShouldBe(existing.Id);
        buckets.Single(bucket => bucket.ClientId == uncovered).AutoProvisioned.ShouldBeTrue();
        (await Admin.GetBucketAsync(existing.Id)).BoundAssets.ShouldBe(0);
    }

    [Fact]
    public async Task While_a_run_is_in_progress_a_second_request_returns_it_and_a_run_left_by_a_dead_process_is_closed()
    {
        await data.ClientAsync("Contoso", orgId: orgId);
        var runId = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO provisioning_runs (org_id, id, trigger, status, started_at)
                VALUES (@orgId, @runId, 'schedule', 'running', now())
                """, new { orgId, runId });
        }
        // What a run in another replica holds while it works: the lock, in a transaction left open.
        await using var holder = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await holder.OpenAsync();
        var holding = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended('metering:provisioning-run:' || @org, 0))",
            new { org = orgId.ToString() }, holding);

        var busy = await Admin.PostAsync(Runs, null);

        var running = await busy.ShouldBeJsonAsync<ProvisioningRunDto>(HttpStatusCode.OK);
        running.Id.ShouldBe(runId);
        running.Status.ShouldBe("running");
        running.Trigger.ShouldBe("schedule");

        await holding.DisposeAsync();   // the replica dies: its transaction and lock end, its row still says running
        var next = await RunToEndAsync();

        next.Id.ShouldNotBe(runId);
        next.Status.ShouldBe("succeeded");
        var abandoned = await (await Admin.GetAsync($"{Runs}/{runId}")).ShouldBeJsonAsync<ProvisioningRunDto>(HttpStatusCode.OK);
        abandoned.Status.ShouldBe("failed");
        abandoned.Error.ShouldNotBeNullOrWhiteSpace();
        abandoned.FinishedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task Client_scoped_and_read_only_callers_cannot_start_runs_and_unknown_runs_are_not_found()
    {
        var client = await data.ClientAsync("Contoso", orgId: orgId);
        using var scoped = fixture.CreateClient(TestTokens.For(orgId, Roles.Admin, clientScope: client));
        using var reader = fixture.CreateClient(TestTokens.For(orgId, Roles.ReadOnly));

        await (await scoped.PostAsync(Runs, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.PostAsync(Runs, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await reader.GetAsync($"{Runs}/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await reader.GetAsync(Runs)).ShouldBeJsonAsync<PagedResult<ProvisioningRunDto>>(HttpStatusCode.OK))
            .TotalCount.ShouldBe(0);
        var badPage = await reader.GetAsync($"{Runs}?pageSize=0");
        (await badPage.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["pageSize"]);
    }

    [Fact]
    public async Task Another_organizations_runs_are_not_visible()
    {
        var run = await RunToEndAsync();

        // The fixture's own client acts for the demo organization.
        await (await fixture.Client.GetAsync($"{Runs}/{run.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose() => adminClient?.Dispose();

    private Task<Guid> AssetAsync(Guid? clientId, string externalId, string unitTypeKey, bool enabled = true,
        bool disregarded = false) =>
        data.AssetAsync(clientId, externalId, [unitTypeKey], enabled: enabled, disregarded: disregarded, orgId: orgId);

    /// <summary>Starts a run (202 with the running run) and follows it until it ends.</summary>
    private async Task<ProvisioningRunDto> RunToEndAsync()
    {
        var response = await Admin.PostAsync(Runs, null);
        var started = await response.ShouldBeJsonAsync<ProvisioningRunDto>(HttpStatusCode.Accepted);
        response.Headers.Location!.OriginalString.ShouldBe($"{Runs}/{started.Id}");
        started.Status.ShouldBe("running");
        started.FinishedAt.ShouldBeNull();
        return await Eventually.ReturnsAsync(
            async () => await Admin.GetFromJsonAsync<ProvisioningRunDto>($"{Runs}/{started.Id}"),
            run => run!.Status != "running", "the provisioning run to end") ?? throw new InvalidOperationException();
    }

    private async Task<List<BucketDto>> BucketsAsync() =>
        (await (await Admin.GetAsync($"{MeteringRequests.Buckets}?pageSize=200"))
            .ShouldBeJsonAsync<PagedResult<BucketDto>>(HttpStatusCode.OK)).Items.ToList();

    private async Task<List<Guid>> BoundAssetIdsAsync(Guid bucketId) =>
        (await (await Admin.GetAsync($"{MeteringRequests.Buckets}/{bucketId}/assets"))
            .ShouldBeJsonAsync<PagedResult<BoundAssetDto>>(HttpStatusCode.OK)).Items.Select(asset => asset.Id).ToList();

    private async Task<List<(string Table, string ActorType)>> AuditActorsAsync(Guid bucketId)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var rows = await connection.QueryAsync<(string, string)>(
            "SELECT table_name, actor_type FROM audit_log WHERE org_id = @orgId AND record_id = @recordId",
            new { orgId, recordId = bucketId.ToString() });
        return rows.ToList();
    }
}
