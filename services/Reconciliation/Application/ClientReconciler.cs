using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Npgsql;

namespace BillingOne.Reconciliation.Application;

/// <summary>
/// Compares every client of an organization again inside the caller's transaction (a consumer's, the snapshot's or a
/// person's change of an opportunity), stores what moved and announces each client whose figures changed with
/// <see cref="ClientReconciled"/> through the outbox. Unlicensed devices are priced at the organization's average, so
/// one client's licences can move another's figures: the whole organization is compared, and only changes are written.
/// A lock per organization serializes recomputations, so versions grow one at a time. A disabled client is left out
/// altogether (no comparison, no gaps, its licences not in the average): its open opportunities go, its decided ones
/// stay as history, and its last comparison stays stored (hidden from the lists) so that enabling it again continues
/// its versions. The rules are <see cref="OrganizationReconciliation"/>'s; the SQL is <see cref="ReconciliationStore"/>'s.
/// </summary>
public sealed class ClientReconciler(IOutbox outbox, TimeProvider clock)
{
    public async Task RecomputeAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken)
    {
        await ReconciliationStore.LockAsync(transaction, orgId, cancellationToken);
        var (snapshot, clients, overages, stored, previous) =
            await ReconciliationStore.ReadAsync(transaction, orgId, cancellationToken);

        var now = clock.GetUtcNow();
        var outcomes = OrganizationReconciliation.Compute(clients, overages);
        await ReconciliationStore.ApplyOpportunitiesAsync(transaction, orgId,
            OrganizationReconciliation.Plan(stored, outcomes.SelectMany(outcome => outcome.Gaps)), now,
            cancellationToken);

        var states = stored.ToDictionary(opportunity => opportunity.Key, opportunity => opportunity.State, StringComparer.Ordinal);
        var announcements = new List<ClientReconciled>();
        foreach (var outcome in outcomes)
        {
            var comparison = outcome.Comparison;
            var figures = new ReconciliationStore.ReconciliationRow(outcome.ClientId, 0,
                comparison.Devices is null ? null : snapshot?.Id, comparison.Devices, comparison.DeviceLicenses,
                comparison.Variance, comparison.Status, outcome.Currency, outcome.DeviceLicenseUnitPrice,
                OrganizationReconciliation.OpenAmount(outcome.Gaps, states, outcome.Currency),
                ProductLines.Serialize(comparison.Products));
            if (previous.TryGetValue(outcome.ClientId, out var before) && before.SameFigures(figures))
            {
                continue;
            }
            announcements.Add(new ClientReconciled(orgId, figures.ClientId, (before?.Version ?? 0) + 1, now,
                figures.SnapshotId, figures.SnapshotId is null ? null : UtcInstants.From(snapshot!.TakenAt), figures.Devices,
                figures.DeviceLicenses, figures.Variance, figures.Status, figures.MissedBillingOpen, figures.Currency));
        }
        if (announcements.Count == 0)
        {
            return;
        }
        await ReconciliationStore.SaveAsync(transaction, orgId, now, announcements,
            outcomes.ToDictionary(outcome => outcome.ClientId, outcome => outcome.DeviceLicenseUnitPrice),
            outcomes.ToDictionary(outcome => outcome.ClientId, outcome => ProductLines.Serialize(outcome.Comparison.Products)),
            cancellationToken);
        await outbox.EnqueueAllAsync(transaction, announcements, cancellationToken);
    }
}
