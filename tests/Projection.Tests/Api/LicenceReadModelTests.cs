using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Npgsql;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// The licence side of the read models, fed with a hand-computed set of events of four clients and seven invoices,
/// some arriving before their client, late (older versions) or twice; then rebuilt from the event log. Each test is
/// an organization of its own, since the dashboard and the rebuild take in the whole organization.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LicenceReadModelTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private const string Clients = "/api/projection/clients";
    private const string Dashboard = "/api/projection/dashboard";
    private const string Rebuild = Rebuilds.Path;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset At = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    // The trend's 12 months: the current one (UTC) last.
    private static readonly DateTime FirstMonth = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0,
        DateTimeKind.Utc).AddMonths(-11);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();
    private readonly Guid bravo = Guid.NewGuid();
    private readonly Guid charlie = Guid.NewGuid();
    private readonly Guid delta = Guid.NewGuid();
    private readonly Guid[] invoices = [.. Enumerable.Range(0, 7).Select(_ => Guid.NewGuid())];

    private int loggedEvents;

    [Fact]
    public async Task The_dashboard_and_client_detail_add_up_the_events_highest_version_winning()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var dashboard = await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json);

        dashboard!.Currency.ShouldBe("AUD");
        dashboard.Mrr.ShouldBe(1750.49m, "1200.00 + 450.50 + 99.99; Alpha's late version 1 (900.00) is ignored");
        dashboard.ActiveSubscriptions.ShouldBe(6, "3 + 2 + 0 + 1");
        dashboard.PendingInvoices.ShouldBe(4, "two drafts (one unmapped) and two submitted; awaiting, paid, voided are not");
        dashboard.UnderLicensedClients.ShouldBe(2, "Alpha (+5) and Delta (+2); Alpha's late 'matched' is ignored");
        dashboard.Clients.ShouldBe(4);
        dashboard.MrrTrend.Select(month => (month.Year, month.Month)).ShouldBe(
            [.. Enumerable.Range(0, 12).Select(index => (FirstMonth.AddMonths(index).Year, FirstMonth.AddMonths(index).Month))]);
        dashboard.MrrTrend.Select(month => month.Amount).ShouldBe(
        [
            1099.99m, 1099.99m, 1099.99m, 1099.99m, 1099.99m, 1099.99m, // Alpha 1000.00 + Delta 99.99
            1299.99m, 1299.99m, 1299.99m, // Alpha 1200.00 + Delta 99.99
            1750.49m, 1750.49m, 1750.49m, // + Bravo 450.50
        ]);

        var detail = await http.GetFromJsonAsync<ClientDetailDto>($"{Clients}/{alpha}", Json);
        detail!.Name.ShouldBe("Alpha Dental");
        detail.Mrr.ShouldBe(new MoneyDto(1200.00m, "AUD"));
        (detail.Subscriptions, detail.Devices, detail.Licenses, detail.DeviceLicenses, detail.UserLicenses)
            .ShouldBe((3, 25, 20, 20, 15));
        (detail.Variance, detail.Status).ShouldBe((5, "under-licensed"));
        detail.SnapshotTakenAt.ShouldBe(At.AddDays(-1));
        detail.MissedBillingOpen.ShouldBe(50.00m);
        detail.Invoices.ShouldBe(4);
        detail.TotalSpend.ShouldBe(new MoneyDto(660.00m, "AUD"), "110.00 + 220.00 + 330.00; the voided 1000.00 is not spend");
        detail.BillingContact.ShouldBe("Alpha Finance", "the latest invoice (issued 1 Oct) is addressed to it");

        var noData = await http.GetFromJsonAsync<ClientDetailDto>($"{Clients}/{charlie}", Json);
        (noData!.Status, noData.Variance, noData.Devices, noData.SnapshotTakenAt).ShouldBe(("no-data", null, 0, null));
        (noData.TotalSpend, noData.BillingContact, noData.Invoices).ShouldBe((null, null, 0L));

        var list = await http.GetFromJsonAsync<PageDto<ClientSnapshotDto>>($"{Clients}?sort=name", Json);
        list!.Items.Select(client => (client.Name, client.Licenses, client.UserLicenses, client.Variance)).ShouldBe(
        [
            ("Alpha Dental", 20, 15, (int?)5), ("Bravo Legal", 10, 0, -2), ("Charlie Freight", 0, 0, null),
            ("Delta Medical", 4, 2, 2),
        ]);
    }

    [Fact]
    public async Task A_disabled_client_counts_nowhere_on_the_dashboard_until_it_is_enabled_again()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);
        var enabled = await http.GetStringAsync(Dashboard);

        await PublishAsync(Client(alpha, "Alpha Dental") with { Enabled = false, Version = 2 });

        var dashboard = await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json);
        (dashboard!.Mrr, dashboard.ActiveSubscriptions, dashboard.PendingInvoices, dashboard.UnderLicensedClients,
            dashboard.Clients).ShouldBe((550.49m, 3L, 4L, 1L, 3L),
            "Bravo 450.50 + Delta 99.99; 2 + 1 subscriptions; invoices unchanged; Delta alone under-licensed");
        dashboard.MrrTrend.Select(month => month.Amount).ShouldBe(
            [99.99m, 99.99m, 99.99m, 99.99m, 99.99m, 99.99m, 99.99m, 99.99m, 99.99m, 550.49m, 550.49m, 550.49m]);
        var underLicensed = await http.GetFromJsonAsync<PageDto<ClientSnapshotDto>>($"{Clients}?status=under-licensed", Json);
        underLicensed!.Items.Select(client => client.ClientId).ShouldBe([delta]);
        var all = await http.GetFromJsonAsync<PageDto<ClientSnapshotDto>>($"{Clients}?sort=name", Json);
        all!.Items.Select(client => (client.Name, client.Enabled)).ShouldBe(
            [("Alpha Dental", false), ("Bravo Legal", true), ("Charlie Freight", true), ("Delta Medical", true)]);

        await PublishAsync(Client(alpha, "Alpha Dental") with { Version = 3 });

        (await http.GetStringAsync(Dashboard)).ShouldBe(enabled);
    }

    [Fact]
    public async Task A_client_scope_narrows_the_dashboard_and_the_lists()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: alpha);

        var dashboard = await http.GetFromJsonAsync<DashboardDto>(Dashboard, Json);

        (dashboard!.Currency, dashboard.Mrr, dashboard.ActiveSubscriptions, dashboard.PendingInvoices,
            dashboard.UnderLicensedClients, dashboard.Clients).ShouldBe(("AUD", 1200.00m, 3L, 2L, 1L, 1L));
        dashboard.MrrTrend.Select(month => month.Amount).ShouldBe(
            [1000m, 1000m, 1000m, 1000m, 1000m, 1000m, 1200m, 1200m, 1200m, 1200m, 1200m, 1200m]);
        var list = await http.GetFromJsonAsync<PageDto<ClientSnapshotDto>>(Clients, Json);
        list!.Items.Select(client => client.ClientId).ShouldBe([alpha]);
        await (await http.GetAsync($"{Clients}/{bravo}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rebuild_replays_the_event_log_into_the_same_list_detail_and_dashboard()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.Admin);
        var before = await ReadModelsAsync(http);
        // Read models gone astray (a bug, a manual edit): the rebuild recomputes them from the log alone.
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        await connection.ExecuteAsync("""
            UPDATE client_billing_snapshots SET mrr_amount = 0, status = 'matched', variance = 0 WHERE org_id = @orgId;
            DELETE FROM invoice_copies WHERE org_id = @orgId;
            DELETE FROM client_mrr_history WHERE org_id = @orgId AND client_id = @alpha;
            """, new { orgId, alpha });
        (await ReadModelsAsync(http)).ShouldNotBe(before);

        var rebuilt = await Rebuilds.RunAsync(http);

        (rebuilt.Status, rebuilt.EventsTotal, rebuilt.EventsReplayed, rebuilt.Clients).ShouldBe(("completed", loggedEvents, loggedEvents, 4));
        loggedEvents.ShouldBe(21, "the redelivered invoice is logged once");
        (await ReadModelsAsync(http)).ShouldBe(before);
        (await connection.QuerySingleAsync<string>("""
            SELECT new_values::text FROM audit_log WHERE org_id = @orgId AND action = 'rebuild' AND table_name = 'read_models'
            """, new { orgId })).ShouldBe($$"""{"events": {{loggedEvents}}, "clients": 4}""");
    }

    [Fact]
    public async Task A_rebuild_is_for_owners_and_admins_of_the_whole_organization()
    {
        using var finance = fixture.Host.ClientFor(orgId, Roles.Finance);
        using var scoped = fixture.Host.ClientFor(orgId, Roles.Admin, clientScope: alpha);

        (await finance.PostAsync(Rebuild, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await scoped.PostAsync(Rebuild, null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_second_rebuild_while_one_runs_is_refused_naming_it_and_an_unknown_one_is_not_found()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.Admin);
        // A consumer applying an event holds the organization's read models: the rebuild waits for it, running.
        await using var consumer = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        await consumer.OpenAsync();
        var applying = await consumer.BeginTransactionAsync();
        await consumer.ExecuteAsync("SELECT pg_advisory_xact_lock_shared(hashtext('projection-read-models:' || @org))",
            new { org = orgId.ToString() }, applying);

        using var first = await http.PostAsync(Rebuild, null);
        var queued = await first.ShouldBeJsonAsync<RebuildJobDto>(HttpStatusCode.Accepted);
        first.Headers.Location!.ToString().ShouldBe($"/api/projection/rebuilds/{queued.Id}");
        await Eventually.UntilAsync(async () => (await http.GetFromJsonAsync<RebuildJobDto>(first.Headers.Location, Json))!
            .Status == "running", "the rebuild to be claimed");
        using var second = await http.PostAsync(Rebuild, null);

        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.GetProperty("rebuildId").GetGuid().ShouldBe(queued.Id);
        await applying.RollbackAsync();
        (await Eventually.ReturnsAsync(() => http.GetFromJsonAsync<RebuildJobDto>(first.Headers.Location, Json),
            job => job!.Status == "completed", "the rebuild to complete"))!.EventsReplayed.ShouldBe(loggedEvents);
        await (await http.GetAsync($"/api/projection/rebuilds/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rebuild_cut_short_by_a_stopped_service_is_run_again_from_the_start()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.Admin);
        var interrupted = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO read_model_rebuilds (id, org_id, status, requested_by, requested_at, started_at, events_total, events_replayed)
            VALUES (@interrupted, @orgId, 'running', @orgId, '2000-01-01', '2000-01-01', 21, 7)
            """, new { interrupted, orgId });

        var rebuilt = await Eventually.ReturnsAsync(
            () => http.GetFromJsonAsync<RebuildJobDto>($"/api/projection/rebuilds/{interrupted}", Json),
            job => job!.Status == "completed", "the interrupted rebuild to run again");

        (rebuilt!.EventsReplayed, rebuilt.Clients).ShouldBe((loggedEvents, 4));
    }

    [Fact]
    public async Task A_redelivered_event_is_logged_and_applied_once()
    {
        await GivenTheDatasetAsync();

        await using var connection = new NpgsqlConnection(fixture.Host.DatabaseConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM projection_event_log WHERE org_id = @orgId",
            new { orgId })).ShouldBe(loggedEvents);
        (await connection.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM projection_event_log WHERE org_id = @orgId AND event_type = 'InvoiceUpserted'
              AND payload->>'invoiceId' = @invoice
            """, new { orgId, invoice = invoices[0].ToString() })).ShouldBe(1);
    }

    private async Task<(string List, string Detail, string Dashboard)> ReadModelsAsync(HttpClient http) => (
        await http.GetStringAsync($"{Clients}?sort=name"),
        await http.GetStringAsync($"{Clients}/{alpha}"),
        await http.GetStringAsync(Dashboard));

    /// <summary>
    /// Alpha: MRR 1200.00 (1000.00 for the first six months of the trend), 3 subscriptions, 20 device and 15 user
    /// licences, 25 devices. Bravo: 450.50 for the last three months, 10 device licences, 8 devices. Charlie: no
    /// licences, no device snapshot. Delta: 99.99 all year, 4 device and 2 user licences, 6 devices; its figures
    /// arrive before the client. Invoices: Alpha draft 110, submitted 220, paid 330, voided 1000; Bravo awaiting 500;
    /// an unmapped draft 50; Delta submitted 75.
    /// </summary>
    private async Task GivenTheDatasetAsync()
    {
        await PublishAsync(Licenses(delta, 1, 99.99m, 1, 4, 2, _ => 99.99m));
        await PublishAsync(Client(alpha, "Alpha Dental"));
        await PublishAsync(Client(bravo, "Bravo Legal"));
        await PublishAsync(Client(charlie, "Charlie Freight"));
        await PublishAsync(Client(delta, "Delta Medical"));
        await PublishAsync(Licenses(alpha, 2, 1200.00m, 3, 20, 15, index => index < 6 ? 1000.00m : 1200.00m));
        await PublishAsync(Licenses(alpha, 1, 900.00m, 2, 12, 15, _ => 900.00m));
        await PublishAsync(Licenses(bravo, 1, 450.50m, 2, 10, 0, index => index < 9 ? 0m : 450.50m));
        await PublishAsync(Reconciled(alpha, 2, 25, 20, "under-licensed", 50.00m));
        await PublishAsync(Reconciled(alpha, 1, 20, 20, "matched", 0m));
        await PublishAsync(Reconciled(bravo, 1, 8, 10, "over-licensed", 0m));
        await PublishAsync(Reconciled(charlie, 1, null, 0, "no-data", 0m));
        await PublishAsync(Reconciled(delta, 1, 6, 4, "under-licensed", 20.00m));
        var redelivered = await PublishAsync(Invoice(0, alpha, "draft", 110.00m, new DateOnly(2026, 9, 1), "Alpha Accounts"));
        await PublishAsync(Invoice(1, alpha, "submitted", 220.00m, new DateOnly(2026, 10, 1), "Alpha Finance", version: 2));
        await PublishAsync(Invoice(1, alpha, "draft", 200.00m, new DateOnly(2026, 12, 1), "Stale Contact"));
        await PublishAsync(Invoice(2, alpha, "paid", 330.00m, new DateOnly(2026, 8, 1), "Alpha Old"));
        await PublishAsync(Invoice(3, alpha, "voided", 1000.00m, new DateOnly(2026, 7, 1), "Alpha Voided"));
        await PublishAsync(Invoice(4, bravo, "awaiting", 500.00m, new DateOnly(2026, 10, 15), "Bravo AP"));
        await PublishAsync(Invoice(5, null, "draft", 50.00m, new DateOnly(2026, 10, 20), "Unmapped Pty"));
        await PublishAsync(Invoice(6, delta, "submitted", 75.00m, new DateOnly(2026, 11, 1), "Delta Office"));
        await PublishAsync(Invoice(0, alpha, "draft", 110.00m, new DateOnly(2026, 9, 1), "Alpha Accounts"), redelivered);
    }

    [Fact]
    public async Task A_clients_licences_are_its_least_covered_products_as_reconciled_never_a_sum_of_products()
    {
        await PublishAsync(Client(bravo, "Bravo Legal"));
        // 50 devices; 50 seats of antivirus and RMM, 45 of backup: reconciliation says 45 licences, under by 5 ...
        await PublishAsync(Reconciled(bravo, 1, 50, 45, "under-licensed", 62.50m));
        // ... and the subscription service's device licences, which add the three products up (145), arrive later.
        await PublishAsync(Licenses(bravo, 1, 450.50m, 3, 145, 0, _ => 450.50m));
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var detail = await http.GetFromJsonAsync<ClientDetailDto>($"{Clients}/{bravo}", Json);

        (detail!.Devices, detail.Licenses, detail.DeviceLicenses, detail.Variance, detail.Status)
            .ShouldBe((50, 45, 45, (int?)5, "under-licensed"));
    }

    /// <summary>Publishes under a new message id (or <paramref name="messageId"/>, a redelivery) and waits for it.</summary>
    private async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        var times = fixture.Host.Consumed.TimesConsumed(id) + 1;
        await fixture.Host.Bus.Publish(message, context => context.MessageId = id);
        await fixture.Host.Consumed.WaitUntilConsumedAsync(id, times);
        if (messageId is null)
        {
            loggedEvents++;
        }
        return id;
    }

    private ClientUpserted Client(Guid clientId, string name) =>
        new(orgId, clientId, name, true, "Australia/Sydney", 1, At, At);

    private ClientLicensesChanged Licenses(Guid clientId, long version, decimal mrr, int subscriptions, int deviceLicenses,
        int userLicenses, Func<int, decimal> monthAmount) =>
        new(orgId, clientId, version, At.AddMinutes(version), "AUD", mrr, subscriptions, deviceLicenses, userLicenses,
            10.00m, [.. Enumerable.Range(0, 12).Select(index =>
                new MonthlyRecurringRevenue(FirstMonth.AddMonths(index).Year, FirstMonth.AddMonths(index).Month, monthAmount(index)))]);

    private ClientReconciled Reconciled(Guid clientId, long version, int? devices, int deviceLicenses, string status,
        decimal missedBilling) =>
        new(orgId, clientId, version, At.AddMinutes(version), devices is null ? null : Guid.NewGuid(),
            devices is null ? null : At.AddDays(-1), devices, deviceLicenses, devices - deviceLicenses, status, missedBilling,
            "AUD");

    private InvoiceUpserted Invoice(int index, Guid? clientId, string status, decimal total, DateOnly issued, string contact,
        long version = 1) =>
        new(orgId, invoices[index], "xero", clientId, contact, $"INV-{index}", null, status, issued, issued.AddDays(30),
            "AUD", total, status == "paid" ? 0m : total, version, At.AddMinutes(version));

    private sealed record DashboardDto(string? Currency, decimal Mrr, long ActiveSubscriptions, long PendingInvoices,
        long UnderLicensedClients, long Clients, List<MonthAmountDto> MrrTrend);

    private sealed record MonthAmountDto(int Year, int Month, decimal Amount);

    private sealed record ClientDetailDto(Guid ClientId, string Name, MoneyDto Mrr, int Subscriptions, int Devices,
        int Licenses, int DeviceLicenses, int UserLicenses, int? Variance, string Status, DateTimeOffset? SnapshotTakenAt,
        decimal MissedBillingOpen, MoneyDto? TotalSpend, string? BillingContact, long Invoices);

}
