using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Apis;
using BillingOne.Invoice.Republishing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BillingOne.Invoice.Tests.Api;

/// <summary>
/// Every stored invoice announced once more (InvoiceUpserted, a new version each), so that read copies elsewhere catch
/// up: on an admin's request and once after the upgrade for each organization the migration queued. The seeded
/// organization holds 6 invoices, INV-1, INV-2 and INV-5 of the contact mapped to its client.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InvoiceRepublishTests(SeededInvoices seeded) : IClassFixture<SeededInvoices>
{
    private const string Republish = "/api/invoice/invoices/republish";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task An_admin_republishes_every_invoice_once_with_a_new_version_audited()
    {
        var before = await LatestVersionsAsync();
        using var finance = seeded.Service.ClientFor(seeded.OrgId, Roles.Finance);
        using var scoped = seeded.Service.ClientFor(seeded.OrgId, Roles.Admin, clientScope: seeded.ClientId);

        using var refused = await finance.PostAsync(Republish, null);
        using var narrowed = await scoped.PostAsync(Republish, null);
        using var response = await seeded.Http.PostAsync(Republish, null);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        narrowed.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<RepublishInvoicesResponse>())!.Invoices.ShouldBe(6);
        await ShouldHaveAnnouncedEachOnceMoreAsync(before);
        var announced = await AnnouncedAsync();
        var mapped = new[] { "INV-1", "INV-2", "INV-5" };
        foreach (var latest in announced.GroupBy(invoice => invoice.InvoiceId).Select(versions => versions.MaxBy(invoice => invoice.Version)!))
        {
            latest.ClientId.ShouldBe(mapped.Contains(latest.Number) ? seeded.ClientId : null, latest.Number);
        }
        announced.Where(invoice => invoice.Version == before[invoice.InvoiceId] + 1)
            .OrderBy(invoice => invoice.Number).Select(invoice => (invoice.Number, invoice.Status))
            .ShouldBe([("INV-1", "draft"), ("INV-2", "submitted"), ("INV-3", "awaiting"), ("INV-4", "overdue"),
                ("INV-5", "paid"), ("INV-6", "voided")]);
        // The stub pays a PAID invoice in full on its due day; nothing else is fully paid.
        announced.Where(invoice => invoice.FullyPaidOn is not null)
            .Select(invoice => (invoice.Number, invoice.FullyPaidOn == invoice.DueDate)).Distinct()
            .ShouldBe([("INV-5", true)]);
        (await RepublishAuditsAsync()).ShouldContain(("user", "6"));
    }

    [Fact]
    public async Task The_upgrade_backfill_announces_a_queued_organization_exactly_once_across_restarts()
    {
        var before = await LatestVersionsAsync();
        var auditsBefore = await RepublishAuditsAsync();
        await using (var database = new NpgsqlConnection(seeded.Service.DatabaseConnectionString))
        {
            // What the upgrade's migration queues for an organization that stored invoices before they were announced.
            await database.ExecuteAsync("INSERT INTO invoice_republish_backlog (org_id) VALUES (@OrgId)", new { seeded.OrgId });
        }
        var worker = seeded.Service.Services.GetRequiredService<InvoiceBackfillWorker>();

        var firstStart = await worker.DrainAsync(CancellationToken.None);
        var restart = await worker.DrainAsync(CancellationToken.None);

        (firstStart, restart).ShouldBe((1, 0));
        await ShouldHaveAnnouncedEachOnceMoreAsync(before);
        await using (var database = new NpgsqlConnection(seeded.Service.DatabaseConnectionString))
        {
            (await database.ExecuteScalarAsync<long>("SELECT count(*) FROM invoice_republish_backlog WHERE org_id = @OrgId",
                new { seeded.OrgId })).ShouldBe(0);
        }
        (await RepublishAuditsAsync()).ShouldBe([.. auditsBefore, ("service", "6")]);
    }

    /// <summary>Each of the 6 invoices has exactly one announcement more than before, with the next version.</summary>
    private async Task ShouldHaveAnnouncedEachOnceMoreAsync(IReadOnlyDictionary<Guid, long> before)
    {
        var announced = await AnnouncedAsync();
        var after = await LatestVersionsAsync();
        before.Count.ShouldBe(6);
        after.ShouldBe(before.Select(pair => KeyValuePair.Create(pair.Key, pair.Value + 1)), ignoreOrder: true);
        foreach (var (invoiceId, version) in after)
        {
            announced.Count(invoice => invoice.InvoiceId == invoiceId && invoice.Version == version).ShouldBe(1);
        }
    }

    private async Task<Dictionary<Guid, long>> LatestVersionsAsync() =>
        (await AnnouncedAsync()).GroupBy(invoice => invoice.InvoiceId)
            .ToDictionary(versions => versions.Key, versions => versions.Max(invoice => invoice.Version));

    private async Task<List<InvoiceUpserted>> AnnouncedAsync()
    {
        await using var database = new NpgsqlConnection(seeded.Service.DatabaseConnectionString);
        return [.. (await database.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%InvoiceUpserted%' AND payload->>'orgId' = @org
            """, new { org = seeded.OrgId.ToString() })).Select(payload => JsonSerializer.Deserialize<InvoiceUpserted>(payload, Json)!)];
    }

    private async Task<List<(string ActorType, string Invoices)>> RepublishAuditsAsync()
    {
        await using var database = new NpgsqlConnection(seeded.Service.DatabaseConnectionString);
        return [.. await database.QueryAsync<(string, string)>("""
            SELECT actor_type, new_values ->> 'invoices' FROM audit_log
            WHERE org_id = @OrgId AND table_name = 'invoices' AND action = 'republish' AND record_id = @record ORDER BY id
            """, new { seeded.OrgId, record = seeded.OrgId.ToString() })];
    }
}
