using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using BillingOne.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MassTransit;
using static BillingOne.Projection.Tests.Grpc.PartnerGrpcFixture;

namespace BillingOne.Projection.Tests.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerEvents/WatchEvents</c> on the service as the gateway forwards a key: metering's
/// events become watch events in order, each with the token that resumes after it. Each test has an organization of
/// its own, so the events it watches are its own.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartnerEventsGrpcTests(PartnerGrpcFixture fixture) : IClassFixture<PartnerGrpcFixture>
{
    private static readonly DateTimeOffset Completed = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Finalized = new(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Observed = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid northwind = Guid.NewGuid();
    private readonly Guid contoso = Guid.NewGuid();
    private readonly Guid runId = Guid.NewGuid();
    private readonly Guid workstations = Guid.NewGuid();

    [Fact]
    public async Task A_watch_from_the_start_sends_each_event_in_order_with_its_token_and_payload()
    {
        await SceneAsync();

        var events = await WatchUntilAsync(new WatchEventsRequest(), As(orgId, Roles.ReadOnly), IsContosoFinalized);

        events.Select(watched => (watched.Type, watched.ClientName)).ShouldBe([
            ("billing-run-finished", ""), ("period-finalized", "Northwind"), ("new-overage", "Northwind"),
            ("period-finalized", "Contoso")]);
        events.Select(watched => watched.ResumeToken).Distinct().Count().ShouldBe(4);
        events[0].ShouldBe(new WatchEvent
        {
            ResumeToken = events[0].ResumeToken,
            Type = "billing-run-finished",
            OccurredAt = Timestamp.FromDateTimeOffset(Completed),
            BillingRunFinished = new BillingRunFinished
            {
                RunId = runId.ToString(),
                Period = "2026-02",
                Trigger = "schedule",
                BucketLines = 3,
                Adjustments = 1,
                Clients = 2,
                Totals =
                {
                    new Money { Amount = "10.00", Currency = "EUR" },
                    new Money { Amount = "150.50", Currency = "GBP" },
                },
            },
        });
        events[1].ShouldBe(new WatchEvent
        {
            ResumeToken = events[1].ResumeToken,
            Type = "period-finalized",
            OccurredAt = Timestamp.FromDateTimeOffset(Finalized),
            ClientId = northwind.ToString(),
            ClientName = "Northwind",
            PeriodFinalized = new PeriodFinalized
            {
                Period = "2026-02",
                Amount = new Money { Amount = "100.00", Currency = "GBP" },
                Buckets =
                {
                    new FinalizedBucket
                    {
                        BucketId = workstations.ToString(), BucketName = "Workstations", UnitTypeKey = "workstation",
                        Kind = "reading", OriginalPeriod = "", Usage = "12", CommitUnits = "10",
                        Charge = new Money { Amount = "95.00", Currency = "GBP" },
                    },
                    new FinalizedBucket
                    {
                        BucketId = workstations.ToString(), BucketName = "Workstations", UnitTypeKey = "workstation",
                        Kind = "adjustment", OriginalPeriod = "2026-01", Usage = "1", CommitUnits = "10",
                        Charge = new Money { Amount = "5.00", Currency = "GBP" },
                    },
                },
            },
        });
        events[2].ShouldBe(new WatchEvent
        {
            ResumeToken = events[2].ResumeToken,
            Type = "new-overage",
            OccurredAt = Timestamp.FromDateTimeOffset(Observed.AddHours(1)),
            ClientId = northwind.ToString(),
            ClientName = "Northwind",
            NewOverage = new NewOverage
            {
                BucketId = workstations.ToString(), BucketName = "Workstations", UnitTypeKey = "workstation",
                Period = "2026-03", Usage = "12", CommitUnits = "10", OverageUnits = "2",
                OveragePrice = new Money { Amount = "7.50", Currency = "GBP" },
            },
        });
        events[3].PeriodFinalized.Amount.ShouldBe(new Money { Amount = "50.50", Currency = "GBP" });
    }

    [Fact]
    public async Task A_watch_resumed_from_an_events_token_sends_exactly_the_events_after_it()
    {
        await SceneAsync();
        var admin = As(orgId, Roles.Admin);
        var all = await WatchUntilAsync(new WatchEventsRequest(), admin, IsContosoFinalized);
        all.Count.ShouldBe(4, string.Join(", ", all.Select(watched => $"{watched.Type} {watched.ClientName}")));

        var rest = await WatchUntilAsync(new WatchEventsRequest { ResumeToken = all[1].ResumeToken }, admin,
            IsContosoFinalized);

        rest.ShouldBe(all.Skip(2));
    }

    [Fact]
    public async Task An_event_committed_after_a_later_one_is_not_passed_over_by_a_resumed_watch()
    {
        await SceneAsync();
        var admin = As(orgId, Roles.Admin);
        var seen = await WatchUntilAsync(new WatchEventsRequest(), admin, IsContosoFinalized);
        var lateRun = Guid.NewGuid();
        var laterRun = Guid.NewGuid();

        // The late event's transaction starts first (an older xid) and commits after the later event's.
        await using var late = await fixture.DataSource.OpenConnectionAsync();
        await using var lateTransaction = await late.BeginTransactionAsync();
        await AppendRunAsync(lateTransaction, lateRun);
        await using (var later = await fixture.DataSource.OpenConnectionAsync())
        await using (var laterTransaction = await later.BeginTransactionAsync())
        {
            await AppendRunAsync(laterTransaction, laterRun);
            await laterTransaction.CommitAsync();
        }
        // While the late transaction runs, the later event is held back: a token after it would skip the late one.
        var whileOpen = await WatchForAsync(new WatchEventsRequest { ResumeToken = seen[^1].ResumeToken }, admin,
            TimeSpan.FromSeconds(2));
        await lateTransaction.CommitAsync();
        var afterCommit = await WatchUntilAsync(new WatchEventsRequest { ResumeToken = seen[^1].ResumeToken }, admin,
            watched => watched.BillingRunFinished?.RunId == laterRun.ToString());

        whileOpen.ShouldBeEmpty();
        afterCommit.Select(watched => watched.BillingRunFinished.RunId)
            .ShouldBe([lateRun.ToString(), laterRun.ToString()]);
    }

    [Fact]
    public async Task A_client_scoped_key_watches_only_its_clients_events_and_another_client_is_not_found()
    {
        await SceneAsync();
        var scoped = As(orgId, Roles.ReadOnly, clientScope: northwind);

        var own = await WatchUntilAsync(new WatchEventsRequest(), scoped, watched => watched.Type == "new-overage");
        var contosos = await WatchUntilAsync(new WatchEventsRequest { ClientId = contoso.ToString() },
            As(orgId, Roles.Finance), IsContosoFinalized);
        var overages = await WatchUntilAsync(new WatchEventsRequest { EventTypes = { "new-overage" } },
            As(orgId, Roles.Admin), watched => watched.Type == "new-overage");
        var other = await Should.ThrowAsync<RpcException>(() =>
            WatchUntilAsync(new WatchEventsRequest { ClientId = contoso.ToString() }, scoped, _ => true));

        own.Select(watched => (watched.Type, watched.ClientId)).ShouldBe([
            ("period-finalized", northwind.ToString()), ("new-overage", northwind.ToString())]);
        contosos.Select(watched => watched.ClientName).ShouldBe(["Contoso"]);
        overages.Select(watched => watched.ClientName).ShouldBe(["Northwind"]);
        other.StatusCode.ShouldBe(StatusCode.NotFound);
        other.Status.Detail.ShouldBe($"There is no client '{contoso}' in this organization.");
    }

    [Fact]
    public async Task A_redelivered_event_and_a_usage_already_over_its_commit_are_announced_once()
    {
        var run = Run();
        var messageId = NewId.NextGuid();

        await fixture.Bus.Publish(run, context => context.MessageId = messageId);
        await fixture.Bus.Publish(run, context => context.MessageId = messageId);
        await fixture.Consumed.WaitUntilConsumedAsync(messageId, times: 2);
        await fixture.PublishAndWaitAsync(Usage(version: 1, usage: 11m));
        await fixture.PublishAndWaitAsync(Usage(version: 2, usage: 14m));
        await fixture.PublishAndWaitAsync(new ClientBillingFinalized(orgId, contoso, 2026, 2, "GBP", Finalized, 0m,
            [new FinalizedBillingLine(Guid.NewGuid(), "Backup", "storage-gb", ClientBillingFinalized.ReadingLine, 14m, 20m, 0m,
                0m, 0m, null, null)]));

        var events = await WatchUntilAsync(new WatchEventsRequest(), As(orgId, Roles.Admin), IsContosoFinalized);

        events.Select(watched => watched.Type).ShouldBe(["billing-run-finished", "new-overage", "period-finalized"]);
        events[1].NewOverage.OverageUnits.ShouldBe("1");
    }

    [Fact]
    public async Task Bad_arguments_are_invalid_argument_naming_the_field()
    {
        var admin = As(orgId, Roles.Admin);

        var token = await Should.ThrowAsync<RpcException>(() =>
            WatchUntilAsync(new WatchEventsRequest { ResumeToken = "not-a-token" }, admin, _ => true));
        var typeAndClient = await Should.ThrowAsync<RpcException>(() => WatchUntilAsync(
            new WatchEventsRequest { EventTypes = { "invoice-paid" }, ClientId = "north" }, admin, _ => true));

        token.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        token.Status.Detail.ShouldBe("resume_token: resume_token is not a token this stream sent.");
        typeAndClient.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        typeAndClient.Status.Detail.ShouldBe("client_id: client_id must be an id (uuid). event_types: event_types " +
            "must each be one of billing-run-finished, period-finalized, new-overage.");
    }

    [Fact]
    public async Task A_watch_ends_at_its_deadline_and_refuses_a_key_without_a_read_role_and_a_call_without_one()
    {
        var deadline = await Should.ThrowAsync<RpcException>(() => WatchUntilAsync(new WatchEventsRequest(),
            As(orgId, Roles.Admin).WithDeadline(DateTime.UtcNow.AddSeconds(1)), _ => true));
        var ingest = await Should.ThrowAsync<RpcException>(() =>
            WatchUntilAsync(new WatchEventsRequest(), As(orgId, Roles.Ingest), _ => true));
        var anonymous = await Should.ThrowAsync<RpcException>(() =>
            WatchUntilAsync(new WatchEventsRequest(), new CallOptions(), _ => true));

        deadline.StatusCode.ShouldBe(StatusCode.DeadlineExceeded);
        ingest.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        anonymous.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    private bool IsContosoFinalized(WatchEvent watched) =>
        watched.Type == "period-finalized" && watched.ClientId == contoso.ToString();

    /// <summary>The events up to the first that <paramref name="isLast"/> holds for; the call's deadline, if none, is 30 s.</summary>
    private async Task<List<WatchEvent>> WatchUntilAsync(WatchEventsRequest request, CallOptions caller,
        Func<WatchEvent, bool> isLast)
    {
        using var call = fixture.Events.WatchEvents(request,
            caller.Deadline is null ? caller.WithDeadline(DateTime.UtcNow + Eventually.DefaultTimeout) : caller);
        var events = new List<WatchEvent>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.Add(call.ResponseStream.Current);
            if (isLast(call.ResponseStream.Current))
            {
                return events;
            }
        }
        throw new ShouldAssertException($"The watch ended by itself ({call.GetStatus()}) after " +
            $"[{string.Join(", ", events.Select(watched => $"{watched.Type} {watched.ClientName}"))}]; it runs until " +
            "its deadline.");
    }

    /// <summary>Every event the watch sends until its deadline, <paramref name="window"/> from now.</summary>
    private async Task<List<WatchEvent>> WatchForAsync(WatchEventsRequest request, CallOptions caller, TimeSpan window)
    {
        using var call = fixture.Events.WatchEvents(request, caller.WithDeadline(DateTime.UtcNow + window));
        var events = new List<WatchEvent>();
        try
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
                events.Add(call.ResponseStream.Current);
            }
        }
        catch (RpcException ended) when (ended.StatusCode == StatusCode.DeadlineExceeded)
        {
            // The watch runs until its deadline: what came before it is the answer.
        }
        return events;
    }

    private Task AppendRunAsync(Npgsql.NpgsqlTransaction transaction, Guid run) =>
        PartnerWatchEventStore.AppendAsync(transaction, orgId, WatchEventTypes.BillingRunFinished, Completed, null, null,
            new BillingRunFinishedEvent(run, 2026, 2, "manual", 0, 0, 0, []), CancellationToken.None);

    private BillingRunCompleted Run() => new(orgId, runId, 2026, 2, "schedule", Completed, 3, 1,
    [
        new ClientBillingTotal(northwind, "GBP", 100m, 2),
        new ClientBillingTotal(contoso, "GBP", 50.5m, 1),
        new ClientBillingTotal(contoso, "EUR", 10m, 1),
    ]);

    /// <summary>Northwind's workstations in March 2026: a commit of 10 at 7.50 per unit above it.</summary>
    private BucketUsageObserved Usage(long version, decimal usage) => new(orgId, workstations, version, northwind, null,
        "Workstations", "workstation", "max", true, 10m, 5m, 7.5m, "GBP", 2026, 3, new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), Observed.AddHours(version - 1), usage, [], false);

    /// <summary>
    /// February's run, Northwind's final month, its workstations going above the commit in March (under it, above it,
    /// further above: one overage), and Contoso's final month, in that order.
    /// </summary>
    private async Task SceneAsync()
    {
        await fixture.PublishAndWaitAsync(new ClientUpserted(orgId, northwind, "Northwind", true, "Europe/London", 1,
            Completed, Completed));
        await fixture.PublishAndWaitAsync(new ClientUpserted(orgId, contoso, "Contoso", true, "Europe/London", 1,
            Completed, Completed));
        await fixture.PublishAndWaitAsync(Run());
        await fixture.PublishAndWaitAsync(new ClientBillingFinalized(orgId, northwind, 2026, 2, "GBP", Finalized, 100m,
        [
            new FinalizedBillingLine(workstations, "Workstations", "workstation", "reading", 12m, 10m, 50m, 45m, 95m,
                null, null),
            new FinalizedBillingLine(workstations, "Workstations", "workstation", "adjustment", 1m, 10m, 0m, 5m, 5m,
                2026, 1),
        ]));
        await fixture.PublishAndWaitAsync(Usage(version: 1, usage: 8m));
        await fixture.PublishAndWaitAsync(Usage(version: 2, usage: 12m));
        await fixture.PublishAndWaitAsync(Usage(version: 3, usage: 15m));
        await fixture.PublishAndWaitAsync(new ClientBillingFinalized(orgId, contoso, 2026, 2, "GBP", Finalized, 50.5m,
        [
            new FinalizedBillingLine(Guid.NewGuid(), "Users", "user", "reading", 5m, 5m, 50.5m, 0m, 50.5m, null, null),
        ]));
    }
}
