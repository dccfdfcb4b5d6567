using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Metering.Tests.Api;
using BillingOne.Testing;
using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace BillingOne.Metering.Tests.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerBilling</c> called on the service as the gateway forwards a key: an internal token
/// with the key's role and client scope. The fixture's clock stands at 15 March 2026, so February is closed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartnerBillingGrpcTests(FixedClockMeteringFixture fixture)
    : IClassFixture<FixedClockMeteringFixture>, IDisposable
{
    private const string UnitType = "backup-gb";
    private const int ReadingsPerAsset = 400;
    private static readonly DateTimeOffset From = new(2026, 2, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2026, 2, 11, 0, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly GrpcChannel channel = fixture.CreateGrpcChannel();

    private PartnerBilling.PartnerBillingClient Client => new(channel);

    [Fact]
    public async Task A_stream_resumed_from_a_token_yields_every_reading_of_the_range_exactly_once()
    {
        var scene = await SceneAsync();
        var admin = As(Roles.Admin);

        var whole = await StreamAsync(new StreamUsageReadingsRequest { From = Stamp(From), To = Stamp(To) }, admin);
        var first = await StreamAsync(new StreamUsageReadingsRequest { From = Stamp(From), To = Stamp(To) }, admin,
            stopAfter: 700);
        var rest = await StreamAsync(new StreamUsageReadingsRequest
        {
            From = Stamp(From),
            To = Stamp(To),
            ResumeToken = first[^1].ResumeToken,
        }, admin);

        // Three assets of 400 readings, two per minute each: ties on observed_at across assets and within one.
        whole.Count.ShouldBe(3 * ReadingsPerAsset);
        whole.Select(Identity).Distinct().Count().ShouldBe(whole.Count);
        whole.ShouldNotContain(reading => reading.ReadingId == "at-to");
        first.Count.ShouldBe(700);
        first.Concat(rest).Select(Identity).ShouldBe(whole.Select(Identity));
        var reading = whole.First(candidate => candidate.AssetId == scene.NorthwindAsset.ToString());
        (reading.AssetSource, reading.AssetExternalId, reading.ClientId, reading.UnitTypeKey)
            .ShouldBe(("agent", "pc-northwind", scene.Northwind.ToString(), UnitType));
    }

    [Fact]
    public async Task A_client_scoped_key_streams_and_lists_only_its_clients_and_other_clients_are_not_found()
    {
        var scene = await SceneAsync();
        await RunFebruaryAsync(scene);
        var scoped = As(Roles.ReadOnly, scene.Northwind);

        var readings = await StreamAsync(new StreamUsageReadingsRequest { From = Stamp(From), To = Stamp(To) }, scoped);
        var lines = await Client.ListBillingReadingsAsync(new ListBillingReadingsRequest { Period = "2026-02" }, scoped);
        var other = await Should.ThrowAsync<RpcException>(async () => await Client.ListBillingReadingsAsync(
            new ListBillingReadingsRequest { Period = "2026-02", ClientId = scene.Contoso.ToString() }, scoped));

        readings.Count.ShouldBe(ReadingsPerAsset);
        readings.ShouldAllBe(reading => reading.ClientId == scene.Northwind.ToString());
        lines.Readings.Select(line => line.ClientName).ShouldBe(["Northwind"]);
        other.StatusCode.ShouldBe(StatusCode.NotFound);
        other.Status.Detail.ShouldBe($"There is no client '{scene.Contoso}' in this organization.");
    }

    [Fact]
    public async Task An_admin_key_lists_a_months_billing_lines_of_every_client()
    {
        var scene = await SceneAsync();
        await RunFebruaryAsync(scene);

        var lines = await Client.ListBillingReadingsAsync(new ListBillingReadingsRequest { Period = "2026-02" },
            As(Roles.Admin));

        lines.TotalCount.ShouldBe(2);
        lines.Readings.Select(line => (line.ClientName, line.Kind, line.Status, decimal.Parse(line.Usage,
                System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldBe([("Contoso", "reading", "draft", 79_800m), ("Northwind", "reading", "draft", 79_800m)]);
        var northwind = lines.Readings[1];
        northwind.PeriodStart.ShouldBe(Stamp(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));
        // 79,700 units above the commit of 100 at 6 AUD, on top of the 500 AUD base.
        (northwind.Base, northwind.Overage, northwind.Cost).ShouldBe((
            new Money { Amount = "500.00", Currency = "AUD" }, new Money { Amount = "478200.00", Currency = "AUD" },
            new Money { Amount = "478700.00", Currency = "AUD" }));
    }

    [Fact]
    public async Task Both_methods_refuse_a_key_without_a_read_role_and_a_call_without_credentials()
    {
        foreach (var (options, expected) in new (CallOptions, StatusCode)[]
            { (As(Roles.Ingest), StatusCode.PermissionDenied), (new CallOptions(), StatusCode.Unauthenticated) })
        {
            (await Should.ThrowAsync<RpcException>(async () => await Client.ListBillingReadingsAsync(
                new ListBillingReadingsRequest { Period = "2026-02" }, options))).StatusCode.ShouldBe(expected);
            (await Should.ThrowAsync<RpcException>(() => StreamAsync(
                new StreamUsageReadingsRequest { From = Stamp(From), To = Stamp(To) }, options))).StatusCode
                .ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Bad_arguments_are_invalid_argument_naming_the_field()
    {
        var admin = As(Roles.Admin);

        var period = await Should.ThrowAsync<RpcException>(async () => await Client.ListBillingReadingsAsync(
            new ListBillingReadingsRequest { Period = "2026-13", PageSize = -1 }, admin));
        var missing = await Should.ThrowAsync<RpcException>(() => StreamAsync(new StreamUsageReadingsRequest(), admin));
        var backwards = await Should.ThrowAsync<RpcException>(() => StreamAsync(
            new StreamUsageReadingsRequest { From = Stamp(To), To = Stamp(From) }, admin));
        var token = await Should.ThrowAsync<RpcException>(() => StreamAsync(new StreamUsageReadingsRequest
        {
            From = Stamp(From),
            To = Stamp(To),
            ResumeToken = "not-a-token",
        }, admin));

        new[] { period, missing, backwards, token }.ShouldAllBe(failure => failure.StatusCode == StatusCode.InvalidArgument);
        period.Status.Detail.ShouldBe("page_size: pageSize must be between 1 and 200. " +
            "period: period must be a month from 0002-01 to 9998-12.");
        missing.Status.Detail.ShouldBe("from: from is required. to: to is required.");
        backwards.Status.Detail.ShouldBe("to: to must be after from.");
        token.Status.Detail.ShouldBe("resume_token: resume_token is not a token this stream sent.");
    }

    public void Dispose() => channel.Dispose();

    private CallOptions As(string role, Guid? clientScope = null) =>
        new(new Metadata { { "authorization", TestTokens.For(orgId, role, clientScope).ToString() } });

    private static Timestamp Stamp(DateTimeOffset instant) => Timestamp.FromDateTimeOffset(instant);

    private static (string AssetId, string ReadingId) Identity(UsageReading reading) =>
        (reading.AssetId, reading.ReadingId);

    /// <summary>Reads the stream to its end, or cancels it after <paramref name="stopAfter"/> readings.</summary>
    private async Task<List<UsageReading>> StreamAsync(StreamUsageReadingsRequest request, CallOptions options,
        int? stopAfter = null)
    {
        using var stop = new CancellationTokenSource();
        using var call = Client.StreamUsageReadings(request, options.WithCancellationToken(stop.Token));
        var readings = new List<UsageReading>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            readings.Add(call.ResponseStream.Current);
            if (readings.Count == stopAfter)
            {
                await stop.CancelAsync();
                break;
            }
        }
        return readings;
    }

    private sealed record Scene(Guid Northwind, Guid Contoso, Guid NorthwindAsset, Guid ContosoAsset);

    /// <summary>
    /// Northwind's and Contoso's assets and an unassigned one, each with 400 readings of 0 … 399 units two a minute
    /// from <see cref="From"/>, and one reading observed at <see cref="To"/>, outside the range.
    /// </summary>
    private async Task<Scene> SceneAsync()
    {
        var data = fixture.Data;
        var northwind = await data.ClientAsync("Northwind", orgId: orgId);
        var contoso = await data.ClientAsync("Contoso", orgId: orgId);
        var northwindAsset = await data.AssetAsync(northwind, "pc-northwind", [UnitType], orgId: orgId);
        var contosoAsset = await data.AssetAsync(contoso, "pc-contoso", [UnitType], orgId: orgId);
        var unassigned = await data.AssetAsync(null, "pc-unassigned", [UnitType], orgId: orgId);
        await using var connection = await fixture.OpenDatabaseAsync();
        await connection.ExecuteAsync("""
            SELECT ensure_raw_readings_partition(@from);
            INSERT INTO raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, received_at,
                                      batch_id, late)
            SELECT @orgId, @from + (n / 2) * interval '1 minute', 'r-' || n, asset_id, @unitType, n, @from,
                   gen_random_uuid(), false
            FROM unnest(@assets) AS asset_id, generate_series(0, @perAsset - 1) AS n;
            INSERT INTO raw_readings (org_id, observed_at, reading_id, asset_id, unit_type_key, quantity, received_at,
                                      batch_id, late)
            VALUES (@orgId, @to, 'at-to', @unassigned, @unitType, 1, @to, gen_random_uuid(), false);
            """, new
        {
            orgId,
            from = From.UtcDateTime,
            to = To.UtcDateTime,
            assets = new[] { northwindAsset, contosoAsset, unassigned },
            unassigned,
            unitType = UnitType,
            perAsset = ReadingsPerAsset,
        });
        return new Scene(northwind, contoso, northwindAsset, contosoAsset);
    }

    /// <summary>A bucket per client over its asset (500 AUD for 100 units, 6 AUD per unit above), billed for February.</summary>
    private async Task RunFebruaryAsync(Scene scene)
    {
        using var admin = fixture.CreateClient(TestTokens.For(orgId, Roles.Admin));
        var unitType = await admin.CreateUnitTypeAsync(UnitType, "Backup GB");
        foreach (var (client, asset) in new[] { (scene.Northwind, scene.NorthwindAsset), (scene.Contoso, scene.ContosoAsset) })
        {
            var bucket = await admin.CreateBucketAsync(client, unitType.Id, name: "Backup");
            await admin.BindAsync(bucket.Id, asset);
        }
        await admin.RunBillingToEndAsync(2026, 2);
    }
}
