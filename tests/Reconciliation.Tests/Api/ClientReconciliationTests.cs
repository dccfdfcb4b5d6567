using System.Net;
using System.Net.Http.Json;
using System.Text;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Apis;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Data;
using BillingOne.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// A hand-computed organization, built from the events the other services publish and a stored device snapshot:
///
/// | Client  | RMM site (devices)        | Device licences × price | Devices | Variance | Status         |
/// |---------|---------------------------|-------------------------|---------|----------|----------------|
/// | Acme    | site-a (5 ws)             | 5 × 12.00               | 5       | 0        | matched        |
/// | Bravo   | site-b (10 ws + 2 srv)    | 9 × 15.00               | 12      | 3        | under-licensed |
/// | Charlie | site-c (3 ws)             | 5 × 10.00               | 3       | −2       | over-licensed  |
/// | Delta   | site-d unmapped (4 ws)    | 4 × 11.00               | —       | —        | no-data        |
/// | Echo    | site-e (6 ws + 1 other)   | no subscription         | 7       | 7        | under-licensed |
/// | Foxtrot | —                         | none (user licences)    | —       | —        | no-data        |
/// | Golf    | —                         | —                       | —       | —        | no-data        |
///
/// site-a also lists a retired device and site-e one awaiting approval: neither is counted anywhere.
///
/// Missed billing (AUD a month): Bravo 3 × 15.00 = 45.00; Echo 7 × the average (5×12 + 9×15 + 5×10 + 4×11) ÷ 23 =
/// 289 ÷ 23 = 12.565217… → 12.5652, × 7 = 87.9564 → 87.96; Foxtrot's Backup overage of 2026-10 (40.00, no invoice);
/// Golf's Email overage of 2026-09 (10.00, its invoice voided) — Golf's 2026-10 overage (25.50) is covered by invoice
/// 'BillingOne 2026-10'. Open: 4 opportunities, 182.96.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClientReconciliationTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    private const string Clients = "/api/reconciliation/clients";
    private const string MissedBilling = "/api/reconciliation/missed-billing";

    private static readonly RmmOrganization[] Sites =
    [
        new(RmmVendor.DattoRmm, "site-a", "Acme HQ"),
        new(RmmVendor.DattoRmm, "site-b", "Bravo Office"),
        new(RmmVendor.DattoRmm, "site-c", "Charlie Co"),
        new(RmmVendor.DattoRmm, "site-d", "Delta (not mapped)"),
        new(RmmVendor.DattoRmm, "site-e", "Echo Works"),
    ];

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid acme = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid charlie = Guid.NewGuid();
    private readonly Guid delta = Guid.NewGuid();
    private readonly Guid echo = Guid.NewGuid();
    private readonly Guid foxtrot = Guid.NewGuid();
    private readonly Guid golf = Guid.NewGuid();
    private readonly Guid backupBucket = Guid.NewGuid();
    private readonly Guid emailBucket = Guid.NewGuid();
    private readonly Guid golfOctoberInvoice = Guid.NewGuid();
    private readonly Guid golfSeptemberInvoice = Guid.NewGuid();

    private DatabaseProbe Probe => new(fixture.DatabaseConnectionString);

    [Fact]
    public async Task The_dataset_gets_exactly_the_hand_computed_statuses_variances_and_missed_billing()
    {
        await SeedAsync();
        using var client = fixture.ClientFor(orgId);

        var rows = (await client.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>(Clients))!.Items;
        var summary = (await client.GetFromJsonAsync<ReconciliationSummaryResponse>($"{Clients}/summary"))!;
        var opportunities = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(MissedBilling))!.Items;
        var totals = (await client.GetFromJsonAsync<MissedBillingSummaryResponse>($"{MissedBilling}/summary"))!;

        // Default order: variance, largest first (no data last), then name.
        rows.Select(row => (row.ClientName, row.Devices, row.Licenses, row.Variance, row.Status, row.MissedBillingMonthly))
            .ShouldBe([
                ("Echo", 7, 0, 7, "under-licensed", 87.96m),
                ("Bravo", 12, 9, 3, "under-licensed", 45.00m),
                ("Acme", 5, 5, 0, "matched", 0m),
                ("Charlie", 3, 5, -2, "over-licensed", 0m),
                ("Delta", null, 4, null, "no-data", 0m),
                ("Foxtrot", null, 0, null, "no-data", 40.00m),
                ("Golf", null, 0, null, "no-data", 10.00m),
            ]);
        rows.Single(row => row.ClientId == bravo).ShouldSatisfyAllConditions(
            row => row.Currency.ShouldBe("AUD"),
            row => row.DeviceLicenseUnitPrice.ShouldBe(15.00m),
            row => row.SnapshotTakenAt.ShouldNotBeNull());
        rows.Single(row => row.ClientId == delta).SnapshotTakenAt.ShouldBeNull();
        (summary.UnderLicensed, summary.OverLicensed, summary.Matched, summary.NoData).ShouldBe((2, 1, 1, 3));
        summary.LatestSnapshotAt.ShouldNotBeNull();

        opportunities.Select(opportunity => (opportunity.Kind, opportunity.ClientName, opportunity.BucketName,
                opportunity.Period, opportunity.Amount, opportunity.State))
            .ShouldBe([
                ("unlicensed-devices", "Echo", null, null, 87.96m, "open"),
                ("under-licensed", "Bravo", null, null, 45.00m, "open"),
                ("uninvoiced-overage", "Foxtrot", "Backup", "2026-10", 40.00m, "open"),
                ("uninvoiced-overage", "Golf", "Email", "2026-09", 10.00m, "open"),
            ]);
        opportunities[0].Evidence.ShouldBe("7 devices in the latest snapshot and no device licence: 7 × 12.5652 AUD, " +
            "the organization's average device licence price a month.");
        totals.ShouldSatisfyAllConditions(
            () => totals.Currency.ShouldBe("AUD"),
            () => totals.Open.ShouldBe(new MissedBillingTotalResponse(4, 182.96m)),
            () => totals.Dismissed.ShouldBe(new MissedBillingTotalResponse(0, 0.00m)),
            () => totals.ByKind.Select(kind => (kind.Kind, kind.Count, kind.Amount)).ShouldBe([
                ("under-licensed", 1, 45.00m), ("unlicensed-devices", 1, 87.96m), ("uninvoiced-overage", 2, 50.00m)]));

        var announced = await Probe.ReconciledEventsAsync(orgId, bravo);
        announced.Last().ShouldSatisfyAllConditions(
            last => (last.Devices, last.DeviceLicenses, last.Variance, last.Status, last.MissedBillingOpen)
                .ShouldBe(((int?)12, 9, (int?)3, "under-licensed", 45.00m)),
            last => last.Version.ShouldBe(announced.Count));
        announced.Select(reconciled => reconciled.Version).ShouldBe(Enumerable.Range(1, announced.Count).Select(v => (long)v));
    }

    [Fact]
    public async Task The_summary_counts_beside_each_amount_only_the_opportunities_it_adds_and_totals_each_currency()
    {
        await SeedAsync();
        var hotel = Guid.NewGuid();
        await PublishAsync(Client(hotel, "Hotel"),
            Finalized(hotel, 2026, 9, Line(Guid.NewGuid(), "Storage", overage: 12.34m), "USD"),
            Finalized(hotel, 2026, 10, Line(Guid.NewGuid(), "Compute", overage: 20.00m), "USD"));
        using var client = fixture.ClientFor(orgId);
        var storageGap = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>($"{MissedBilling}?clientId={hotel}"))!
            .Items.Single(opportunity => opportunity.BucketName == "Storage");
        await DecideAsync(client, $"{storageGap.Id}/bill", null);

        var totals = (await client.GetFromJsonAsync<MissedBillingSummaryResponse>($"{MissedBilling}/summary"))!;

        // AUD has the most opportunities (the class's 4 open); Hotel's 2 USD overages are neither counted nor added there.
        totals.ShouldSatisfyAllConditions(
            () => totals.Currency.ShouldBe("AUD"),
            () => totals.Open.ShouldBe(new MissedBillingTotalResponse(4, 182.96m)),
            () => totals.Billed.ShouldBe(new MissedBillingTotalResponse(0, 0.00m)),
            () => totals.ByKind.Single(kind => kind.Kind == "uninvoiced-overage")
                .ShouldBe(new MissedBillingKindTotalResponse("uninvoiced-overage", 2, 50.00m)),
            () => totals.ByCurrency.ShouldBe([
                new MissedBillingCurrencyTotalResponse("AUD", new MissedBillingTotalResponse(4, 182.96m),
                    new MissedBillingTotalResponse(0, 0.00m), new MissedBillingTotalResponse(0, 0.00m)),
                new MissedBillingCurrencyTotalResponse("USD", new MissedBillingTotalResponse(1, 20.00m),
                    new MissedBillingTotalResponse(0, 0.00m), new MissedBillingTotalResponse(1, 12.34m)),
            ]));
    }

    [Fact]
    public async Task Each_covering_product_is_compared_with_the_devices_it_covers_and_missed_billing_is_at_its_own_price()
    {
        await SeedAsync();
        var workstationBackup = Guid.NewGuid();
        var antivirus = Guid.NewGuid();
        var serverBackup = Guid.NewGuid();
        var microsoft365 = Guid.NewGuid();
        // Bravo: 10 workstations and 2 servers. 8 workstation backup seats (2 short), 12 antivirus (matched), 3 server
        // backup (1 over), 20 Microsoft 365 users (not compared). Their sum, 23 device seats, is never compared.
        await PublishAsync(Licences(bravo, 2, 23, 9.00m) with
        {
            Products =
            [
                new CoveringProduct(workstationBackup, "Workstation backup", ProductCoverages.Workstations, 8, 6.80m, "AUD"),
                new CoveringProduct(antivirus, "Antivirus", ProductCoverages.Devices, 12, 5.00m, "AUD"),
                new CoveringProduct(serverBackup, "Server backup", ProductCoverages.Servers, 3, 38.00m, "AUD"),
                new CoveringProduct(microsoft365, "Microsoft 365", ProductCoverages.Users, 20, 33.00m, "AUD"),
            ],
        });
        using var client = fixture.ClientFor(orgId);

        var detail = (await client.GetFromJsonAsync<ClientReconciliationDetailResponse>($"{Clients}/{bravo}"))!;
        var opportunities = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(
            $"{MissedBilling}?clientId={bravo}"))!.Items;
        var csv = await client.GetStringAsync($"{Clients}/export/products?search=Bravo");
        using var badStatus = await client.GetAsync($"{Clients}/export/products?status=short");

        (detail.Devices, detail.Licenses, detail.Variance, detail.Status, detail.DeviceLicenseUnitPrice,
                detail.MissedBillingMonthly)
            .ShouldBe(((int?)12, 8, (int?)2, "under-licensed", (decimal?)6.80m, 13.60m));
        detail.Products.Select(product => (product.ProductName, product.CoveredDevices, product.Quantity, product.Variance,
                product.Status))
            .ShouldBe([
                ("Workstation backup", (int?)10, 8, (int?)2, "under-licensed"),
                ("Antivirus", 12, 12, 0, "matched"),
                ("Server backup", 2, 3, -1, "over-licensed"),
                ("Microsoft 365", null, 20, null, "not-compared"),
            ]);
        var gap = opportunities.ShouldHaveSingleItem();
        (gap.Kind, gap.ProductName, gap.Amount).ShouldBe(("under-licensed", "Workstation backup", (decimal?)13.60m));
        gap.Evidence.ShouldBe("10 workstations in the latest snapshot, 8 licences of 'Workstation backup': 2 unlicensed × " +
            "6.80 AUD per licence a month.");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe(string.Join(',', ReconciliationCsv.ProductHeader));
        lines.Skip(1).Select(line => string.Join(',', line.Split(',').Skip(4).Take(6))).ShouldBe([
            "Workstation backup,workstations,10,8,2,under-licensed",
            "Antivirus,devices,12,12,0,matched",
            "Server backup,servers,2,3,-1,over-licensed",
            "Microsoft 365,users,,20,,not-compared",
        ]);
        var problem = (await badStatus.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors();
        problem.Keys.ShouldBe(["status"]);
    }

    [Fact]
    public async Task Filters_sort_and_the_export_holds_exactly_the_filtered_rows_of_every_page()
    {
        await SeedAsync();
        using var client = fixture.ClientFor(orgId);

        var firstPage = (await client.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>(
            $"{Clients}?status=no-data&sort=client&pageSize=2"))!;
        var csv = await client.GetStringAsync($"{Clients}/export?status=no-data&sort=client");
        var byDevices = (await client.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>(
            $"{Clients}?sort=devices&direction=asc&search=o"))!.Items;

        firstPage.TotalCount.ShouldBe(3);
        firstPage.Items.Select(row => row.ClientName).ShouldBe(["Delta", "Foxtrot"]);
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Client ID,Client,Devices,Licenses,Variance,Status");
        lines.Skip(1).Select(line => line.Split(',')[1]).ShouldBe(["Delta", "Foxtrot", "Golf"]);
        lines[1].ShouldBe($"{delta},Delta,,4,,no-data,,AUD,11.00,0.00");
        // "o" is in Bravo, Echo, Foxtrot and Golf: Echo has 7 devices, Bravo 12, the others none (last).
        byDevices.Select(row => row.ClientName).ShouldBe(["Echo", "Bravo", "Foxtrot", "Golf"]);
    }

    [Fact]
    public async Task A_clients_detail_shows_its_rmm_organizations_and_snapshot_history_as_it_was_then()
    {
        await SeedAsync();
        // Bravo buys a licence; the next snapshot compares 12 devices with 10 licences, the first one still with 9.
        await PublishAsync(Licences(bravo, 2, 10, 15.00m));
        await TakeSnapshotAsync();
        using var client = fixture.ClientFor(orgId);

        var detail = (await client.GetFromJsonAsync<ClientReconciliationDetailResponse>($"{Clients}/{bravo}"))!;

        (detail.Devices, detail.Licenses, detail.Variance, detail.Status, detail.MissedBillingMonthly)
            .ShouldBe(((int?)12, 10, (int?)2, "under-licensed", 30.00m));
        detail.RmmOrganizations.ShouldBe([new ClientRmmOrganizationResponse("datto-rmm", "site-b", "Bravo Office", 12)]);
        detail.History.Select(snapshot => (snapshot.Devices, snapshot.Licenses, snapshot.Variance))
            .ShouldBe([(12, 10, 2), (12, 9, 3)]);
        detail.History[0].TakenAt.ShouldBeGreaterThanOrEqualTo(detail.History[1].TakenAt);
        using var unknown = await client.GetAsync($"{Clients}/{Guid.NewGuid()}");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_mapping_change_recompares_and_late_or_unchanged_events_announce_nothing()
    {
        await SeedAsync();
        using var client = fixture.ClientFor(orgId);
        var deltaAnnounced = (await Probe.ReconciledEventsAsync(orgId, delta)).Count;
        var acmeAnnounced = (await Probe.ReconciledEventsAsync(orgId, acme)).Count;

        // Delta's site is mapped now: its 4 devices meet its 4 licences. An older licence figure of Acme and a rename
        // move nothing.
        await PublishAsync(Mapping("site-d", delta, DateTimeOffset.UtcNow.AddMinutes(1)),
            Licences(acme, 1, 1, 99m),
            Client(acme, "Acme Corporation") with { Version = 2 });

        var rows = (await client.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>($"{Clients}?sort=client"))!.Items;
        rows.Single(row => row.ClientId == delta).ShouldSatisfyAllConditions(
            row => (row.Devices, row.Licenses, row.Variance, row.Status).ShouldBe(((int?)4, 4, (int?)0, "matched")));
        rows.Single(row => row.ClientId == acme).ShouldSatisfyAllConditions(
            row => (row.ClientName, row.Devices, row.Licenses, row.Status).ShouldBe(("Acme Corporation", (int?)5, 5, "matched")));
        var deltaEvents = await Probe.ReconciledEventsAsync(orgId, delta);
        deltaEvents.Count.ShouldBe(deltaAnnounced + 1);
        (deltaEvents[^1].Status, deltaEvents[^1].Version).ShouldBe(("matched", (long)deltaEvents.Count));
        (await Probe.ReconciledEventsAsync(orgId, acme)).Count.ShouldBe(acmeAnnounced);
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_only_its_client()
    {
        await SeedAsync();
        using var scoped = fixture.ClientFor(orgId, clientScope: bravo);

        var rows = (await scoped.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>(Clients))!.Items;
        var summary = (await scoped.GetFromJsonAsync<ReconciliationSummaryResponse>($"{Clients}/summary"))!;
        var opportunities = (await scoped.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(MissedBilling))!.Items;
        using var other = await scoped.GetAsync($"{Clients}/{acme}");

        rows.ShouldHaveSingleItem().ClientId.ShouldBe(bravo);
        (summary.UnderLicensed, summary.OverLicensed, summary.Matched, summary.NoData).ShouldBe((1, 0, 0, 0));
        opportunities.ShouldHaveSingleItem().ClientId.ShouldBe(bravo);
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Decisions_are_validated_audited_and_survive_recomputation()
    {
        await SeedAsync();
        using var client = fixture.ClientFor(orgId, role: Roles.Finance);
        var opportunities = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(MissedBilling))!.Items;
        var bravoGap = opportunities.Single(opportunity => opportunity.ClientId == bravo);
        var foxtrotGap = opportunities.Single(opportunity => opportunity.ClientId == foxtrot);
        var golfGap = opportunities.Single(opportunity => opportunity.ClientId == golf);

        using var withoutReason = await client.PostAsJsonAsync($"{MissedBilling}/{bravoGap.Id}/dismiss", new { reason = " " });
        withoutReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await withoutReason.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.ShouldBe(["reason"]);

        var dismissed = await DecideAsync(client, $"{bravoGap.Id}/dismiss", new { reason = "Spare laptops in storage" });
        var billed = await DecideAsync(client, $"{foxtrotGap.Id}/bill", null);
        using var billAgain = await client.PostAsync($"{MissedBilling}/{foxtrotGap.Id}/bill", null);
        using var reopenOpen = await client.PostAsync($"{MissedBilling}/{golfGap.Id}/reopen", null);
        using var unknown = await client.PostAsync($"{MissedBilling}/{Guid.NewGuid()}/bill", null);

        (dismissed.State, dismissed.DismissReason).ShouldBe(("dismissed", "Spare laptops in storage"));
        dismissed.StateChangedBy.ShouldNotBeNullOrWhiteSpace();
        dismissed.StateChangedAt.ShouldNotBeNull();
        billed.State.ShouldBe("billed");
        billAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        reopenOpen.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetFromJsonAsync<ClientReconciliationDetailResponse>($"{Clients}/{bravo}"))!.MissedBillingMonthly
            .ShouldBe(0.00m, "a dismissed opportunity is not open");

        // Recomputation: Bravo's variance drops to 2 (30.00, still dismissed); the average becomes 304 ÷ 24 = 12.6667, so
        // Echo's estimate is 7 × 12.6667 = 88.6669 → 88.67; Golf's September invoice is reissued (open gap removed);
        // Foxtrot's October invoice appears (billed gap kept as history).
        await PublishAsync(Licences(bravo, 2, 10, 15.00m),
            Invoice(golfSeptemberInvoice, golf, "BillingOne 2026-09", "awaiting", 2),
            Invoice(Guid.NewGuid(), foxtrot, "BillingOne 2026-10", "draft", 1));

        var after = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>($"{MissedBilling}?sort=client"))!.Items;
        after.Select(opportunity => (opportunity.ClientName, opportunity.Amount, opportunity.State, opportunity.DismissReason))
            .ShouldBe([
                ("Bravo", 30.00m, "dismissed", "Spare laptops in storage"),
                ("Echo", 88.67m, "open", null),
                ("Foxtrot", 40.00m, "billed", null),
            ]);
        var totals = (await client.GetFromJsonAsync<MissedBillingSummaryResponse>($"{MissedBilling}/summary"))!;
        (totals.Open, totals.Dismissed, totals.Billed).ShouldBe((new MissedBillingTotalResponse(1, 88.67m),
            new MissedBillingTotalResponse(1, 30.00m), new MissedBillingTotalResponse(1, 40.00m)));
        using var reopenClosed = await client.PostAsync($"{MissedBilling}/{foxtrotGap.Id}/reopen", null);
        reopenClosed.StatusCode.ShouldBe(HttpStatusCode.Conflict, "Foxtrot's overage is invoiced now");
        var reopened = await DecideAsync(client, $"{bravoGap.Id}/reopen", null);
        (reopened.State, reopened.DismissReason, reopened.Amount).ShouldBe(("open", (string?)null, (decimal?)30.00m));

        var csv = await client.GetStringAsync($"{MissedBilling}/export?state=open");
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')[0]).ShouldBe([$"{after[1].Id}", $"{bravoGap.Id}"]);
    }

    [Fact]
    public async Task A_disabled_client_is_not_reconciled_until_it_is_enabled_again()
    {
        await SeedAsync();
        using var client = fixture.ClientFor(orgId, role: Roles.Finance);
        var foxtrotGap = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(MissedBilling))!.Items
            .Single(opportunity => opportunity.ClientId == foxtrot);
        await DecideAsync(client, $"{foxtrotGap.Id}/bill", null);

        // Bravo (under-licensed, 45.00 open) and Foxtrot (its overage billed) are disabled. Without Bravo's 9 × 15.00 the
        // average is (5×12 + 5×10 + 4×11) ÷ 14 = 154 ÷ 14 = 11.0000, so Echo's estimate is 7 × 11.0000 = 77.00; Bravo's
        // open opportunity goes, Foxtrot's billed one stays as history.
        await PublishAsync(Client(bravo, "Bravo") with { Enabled = false, Version = 2 },
            Client(foxtrot, "Foxtrot") with { Enabled = false, Version = 2 });

        var rows = (await client.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>(Clients))!.Items;
        rows.Select(row => (row.ClientName, row.Variance, row.Status, row.MissedBillingMonthly)).ShouldBe([
            ("Echo", (int?)7, "under-licensed", 77.00m),
            ("Acme", 0, "matched", 0m),
            ("Charlie", -2, "over-licensed", 0m),
            ("Delta", null, "no-data", 0m),
            ("Golf", null, "no-data", 10.00m),
        ]);
        var summary = (await client.GetFromJsonAsync<ReconciliationSummaryResponse>($"{Clients}/summary"))!;
        (summary.UnderLicensed, summary.OverLicensed, summary.Matched, summary.NoData).ShouldBe((1, 1, 1, 2));
        var csv = await client.GetStringAsync($"{Clients}/export");
        csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')[1]).ShouldBe(["Echo", "Acme", "Charlie", "Delta", "Golf"]);
        using (var disabledDetail = await client.GetAsync($"{Clients}/{bravo}"))
        {
            disabledDetail.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        var opportunities = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>($"{MissedBilling}?sort=client"))!.Items;
        opportunities.Select(opportunity => (opportunity.ClientName, opportunity.Kind, opportunity.Amount, opportunity.State))
            .ShouldBe([
                ("Echo", "unlicensed-devices", (decimal?)77.00m, "open"),
                ("Foxtrot", "uninvoiced-overage", 40.00m, "billed"),
                ("Golf", "uninvoiced-overage", 10.00m, "open"),
            ]);
        var totals = (await client.GetFromJsonAsync<MissedBillingSummaryResponse>($"{MissedBilling}/summary"))!;
        (totals.Open, totals.Billed).ShouldBe((new MissedBillingTotalResponse(2, 87.00m), new MissedBillingTotalResponse(1, 40.00m)));
        var bravoAnnounced = await Probe.ReconciledEventsAsync(orgId, bravo);

        // Enabled again: the first comparison comes back (Bravo's opportunity opens anew), Foxtrot's stays billed.
        await PublishAsync(Client(bravo, "Bravo") with { Version = 3 }, Client(foxtrot, "Foxtrot") with { Version = 3 });

        rows = (await client.GetFromJsonAsync<PagedResult<ClientReconciliationResponse>>(Clients))!.Items;
        rows.Select(row => (row.ClientName, row.Variance, row.Status, row.MissedBillingMonthly)).ShouldBe([
            ("Echo", (int?)7, "under-licensed", 87.96m),
            ("Bravo", 3, "under-licensed", 45.00m),
            ("Acme", 0, "matched", 0m),
            ("Charlie", -2, "over-licensed", 0m),
            ("Delta", null, "no-data", 0m),
            ("Foxtrot", null, "no-data", 0m),
            ("Golf", null, "no-data", 10.00m),
        ]);
        summary = (await client.GetFromJsonAsync<ReconciliationSummaryResponse>($"{Clients}/summary"))!;
        (summary.UnderLicensed, summary.OverLicensed, summary.Matched, summary.NoData).ShouldBe((2, 1, 1, 3));
        (await client.GetFromJsonAsync<ClientReconciliationDetailResponse>($"{Clients}/{bravo}"))!.Variance.ShouldBe(3);
        opportunities = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>($"{MissedBilling}?sort=client"))!.Items;
        opportunities.Select(opportunity => (opportunity.ClientName, opportunity.Amount, opportunity.State)).ShouldBe([
            ("Bravo", (decimal?)45.00m, "open"),
            ("Echo", 87.96m, "open"),
            ("Foxtrot", 40.00m, "billed"),
            ("Golf", 10.00m, "open"),
        ]);
        // Bravo's figures were the same as before it was disabled: nothing new to announce, versions stay consecutive.
        var bravoEvents = await Probe.ReconciledEventsAsync(orgId, bravo);
        bravoEvents.Count.ShouldBe(bravoAnnounced.Count);
        bravoEvents.Select(reconciled => reconciled.Version).ShouldBe(Enumerable.Range(1, bravoEvents.Count).Select(v => (long)v));
    }

    [Fact]
    public async Task The_days_found_keep_the_opportunities_found_on_them_in_the_list_totals_and_export()
    {
        await SeedAsync();
        using var client = fixture.ClientFor(orgId);
        static string Day(int offset) =>
            DateTime.UtcNow.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var every = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(MissedBilling))!.Items;

        var foundLately = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(
            $"{MissedBilling}?from={Day(-1)}&to={Day(0)}"))!.Items;
        var foundBefore = (await client.GetFromJsonAsync<PagedResult<MissedBillingResponse>>(
            $"{MissedBilling}?to={Day(-2)}"))!.Items;
        var totalsBefore = (await client.GetFromJsonAsync<MissedBillingSummaryResponse>($"{MissedBilling}/summary?to={Day(-2)}"))!;
        var csvBefore = await client.GetStringAsync($"{MissedBilling}/export?to={Day(-2)}");

        every.ShouldNotBeEmpty();
        foundLately.Select(opportunity => opportunity.Id).ShouldBe(every.Select(opportunity => opportunity.Id), ignoreOrder: true);
        foundBefore.ShouldBeEmpty();
        (totalsBefore.Open.Count, totalsBefore.Dismissed.Count, totalsBefore.Billed.Count).ShouldBe((0, 0, 0));
        csvBefore.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1, "the header only");
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    public async Task A_bad_found_day_is_a_problem_naming_it_in_the_list_totals_and_export(string query, string parameter)
    {
        using var client = fixture.ClientFor(orgId);

        foreach (var path in new[] { MissedBilling, $"{MissedBilling}/summary", $"{MissedBilling}/export" })
        {
            using var response = await client.GetAsync($"{path}?{query}");
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, path);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.ShouldBe([parameter], path);
        }
    }

    [Fact]
    public async Task The_snapshot_schedule_is_validated_audited_and_starts_the_rmm_sync_when_due()
    {
        using var client = fixture.ClientFor(orgId);
        using var invalid = await client.PutAsJsonAsync("/api/reconciliation/snapshot-schedule",
            new { enabled = true, dayOfMonth = 29, hourUtc = 24 });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.Keys.Order()
            .ShouldBe(["dayOfMonth", "hourUtc"]);
        (await client.GetFromJsonAsync<SnapshotScheduleResponse>("/api/reconciliation/snapshot-schedule"))!
            .ShouldBe(new SnapshotScheduleResponse(false, 1, 6, null));
        using var scoped = fixture.ClientFor(orgId, clientScope: Guid.NewGuid());
        using var refused = await scoped.GetAsync("/api/reconciliation/snapshot-schedule");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var saved = await client.PutAsJsonAsync("/api/reconciliation/snapshot-schedule",
            new { enabled = true, dayOfMonth = 28, hourUtc = 23 });
        var schedule = (await saved.Content.ReadFromJsonAsync<SnapshotScheduleResponse>())!;
        (schedule.Enabled, schedule.DayOfMonth, schedule.HourUtc).ShouldBe((true, 28, 23));
        schedule.NextRunAt.ShouldNotBeNull().ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        (schedule.NextRunAt.Value.Day, schedule.NextRunAt.Value.Hour).ShouldBe((28, 23));

        using var stub = NinjaOneStub.WithAccount(organizations: 2, workstationsEach: 1);
        await client.SaveStubSettingsAsync(stub);
        await Probe.MakeSnapshotDueAsync(orgId, DateTimeOffset.UtcNow.AddMinutes(-1));
        await fixture.Services.GetRequiredService<Scheduling.SnapshotScheduler>().TickAsync(CancellationToken.None);

        var run = (await client.GetFromJsonAsync<PagedResult<BuildingBlocks.Integrations.SyncRunResponse>>(
            $"{IntegrationCalls.RmmPath}/sync-runs"))!.Items.ShouldHaveSingleItem();
        run.Trigger.ShouldBe("scheduled");
        (await client.FinishedRunAsync(run.Id)).Error.ShouldBeNull();
        var next = (await client.GetFromJsonAsync<SnapshotScheduleResponse>("/api/reconciliation/snapshot-schedule"))!;
        next.NextRunAt.ShouldBe(schedule.NextRunAt);
    }

    /// <summary>The dataset of the class summary, as the other services announce it, and one snapshot.</summary>
    private async Task SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(
            Client(acme, "Acme"), Client(bravo, "Bravo"), Client(charlie, "Charlie"), Client(delta, "Delta"),
            Client(echo, "Echo"), Client(foxtrot, "Foxtrot"), Client(golf, "Golf"),
            Mapping("site-a", acme, now), Mapping("site-b", bravo, now), Mapping("site-c", charlie, now),
            Mapping("site-e", echo, now), Mapping("site-d", null, now),
            Licences(acme, 1, 5, 12.00m), Licences(bravo, 1, 9, 15.00m), Licences(charlie, 1, 5, 10.00m),
            Licences(delta, 1, 4, 11.00m),
            new ClientLicensesChanged(orgId, foxtrot, 1, now, "AUD", 80.00m, 1, 0, 8, null, []));
        await TakeSnapshotAsync();
        await PublishAsync(
            Finalized(foxtrot, 2026, 10, Line(backupBucket, "Backup", overage: 40.00m)),
            Finalized(golf, 2026, 10, Line(emailBucket, "Email", overage: 25.50m)),
            Finalized(golf, 2026, 9, Line(emailBucket, "Email", overage: 10.00m)),
            Invoice(golfOctoberInvoice, golf, "BillingOne 2026-10", "awaiting", 1),
            Invoice(golfSeptemberInvoice, golf, "BillingOne 2026-09", "voided", 1));
    }

    private async Task TakeSnapshotAsync()
    {
        RmmDevice[] devices =
        [
            .. Devices("site-a", "a", 5, RmmDeviceKind.Workstation),
            .. Devices("site-b", "b", 10, RmmDeviceKind.Workstation),
            .. Devices("site-b", "b-srv", 2, RmmDeviceKind.Server),
            .. Devices("site-c", "c", 3, RmmDeviceKind.Workstation),
            .. Devices("site-d", "d", 4, RmmDeviceKind.Workstation),
            .. Devices("site-e", "e", 6, RmmDeviceKind.Workstation),
            .. Devices("site-e", "e-other", 1, RmmDeviceKind.Other),
            new RmmDevice(RmmVendor.DattoRmm, "retired-1", "site-a", "OLD-PC", RmmDeviceKind.Workstation, null,
                RmmDeviceState.Retired),
            new RmmDevice(RmmVendor.DattoRmm, "pending-1", "site-e", "NEW-PC", RmmDeviceKind.Workstation, null,
                RmmDeviceState.Pending),
        ];
        await fixture.Services.GetRequiredService<DeviceSnapshotStore>().ApplyAsync(orgId, Guid.NewGuid(),
            RmmVendor.DattoRmm, Sites, devices, CancellationToken.None);
    }

    private static IEnumerable<RmmDevice> Devices(string site, string prefix, int count, RmmDeviceKind kind) =>
        Enumerable.Range(1, count).Select(number => new RmmDevice(RmmVendor.DattoRmm, $"{prefix}-{number}", site,
            $"{prefix.ToUpperInvariant()}-{number:D2}", kind, null, RmmDeviceState.Online));

    private ClientUpserted Client(Guid clientId, string name) =>
        new(orgId, clientId, name, true, "Australia/Sydney", 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    private ClientMappingChanged Mapping(string site, Guid? clientId, DateTimeOffset at) =>
        new(orgId, "rmm", site, clientId, clientId is null ? null : "manual", at);

    private ClientLicensesChanged Licences(Guid clientId, long version, int deviceLicences, decimal price) =>
        new(orgId, clientId, version, DateTimeOffset.UtcNow, "AUD", deviceLicences * price, 1, deviceLicences, 0, price, []);

    private ClientBillingFinalized Finalized(Guid clientId, int year, int month, FinalizedBillingLine line,
        string currency = "AUD") =>
        new(orgId, clientId, year, month, currency, DateTimeOffset.UtcNow, line.Cost, [line]);

    private static FinalizedBillingLine Line(Guid bucketId, string name, decimal overage) =>
        new(bucketId, name, "gb", "reading", 140m, 100m, 100.00m, overage, 100.00m + overage, null, null);

    private InvoiceUpserted Invoice(Guid invoiceId, Guid clientId, string reference, string status, long version) =>
        new(orgId, invoiceId, "xero", clientId, "Accounts", "INV-1", reference, status, null, null, "AUD", 100m, 100m,
            version, DateTimeOffset.UtcNow);

    private static async Task<MissedBillingResponse> DecideAsync(HttpClient client, string path, object? body)
    {
        using var response = body is null
            ? await client.PostAsync($"{MissedBilling}/{path}", null)
            : await client.PostAsJsonAsync($"{MissedBilling}/{path}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MissedBillingResponse>())!;
    }

    /// <summary>Publishes the messages as their services would and waits until the consumers have taken all of them.</summary>
    private async Task PublishAsync(params object[] messages)
    {
        var ids = new List<Guid>();
        foreach (var message in messages)
        {
            var messageId = NewId.NextGuid();
            ids.Add(messageId);
            await fixture.Bus.Publish(message, context => context.MessageId = messageId);
        }
        foreach (var messageId in ids)
        {
            // A loaded CI machine can take longer than the default half minute to start the consumers.
            await Eventually.UntilAsync(() => Probe.InboxHoldsAsync(messageId), $"the consumer to take message {messageId}",
                TimeSpan.FromMinutes(2));
        }
    }
}
