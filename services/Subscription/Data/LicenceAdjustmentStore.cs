using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Domain;
using BillingOne.Subscription.Domain.Licensing;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

/// <summary>What became of a proposal request.</summary>
public enum ProposalOutcome { Proposed, ClientNotFound, NoChange, InProgress }

/// <summary>What became of a request to start applying an adjustment.</summary>
public enum ApplyStart { Started, NotFound, WrongState }

/// <summary>What became of a request to dismiss an adjustment.</summary>
public enum Dismissal { Dismissed, NotFound, WrongState }

/// <summary>
/// Licence adjustments: proposals computed by <see cref="LicenceAdjustmentRule"/> from the stored subscriptions, the
/// approval that moves one to <c>applying</c> (committed before Pax8 is called) and the outcome, each in its own
/// transaction. An applied change updates the stored subscription, is audited once with the quantity before and
/// after, and refreshes the client's licence figures so reconciliation compares again.
/// </summary>
public sealed class LicenceAdjustmentStore(NpgsqlDataSource dataSource, IAuditTrail audit, ClientLicenseStore licenses,
    TimeProvider clock)
{
    public const string Table = "licence_adjustments";
    public const string SubscriptionTable = "pax8_subscriptions";

    private const string Columns = """
        a.id, a.org_id AS OrgId, a.client_id AS ClientId, a.subscription_id AS SubscriptionId, a.product_id AS ProductId,
        p.name AS ProductName, a.devices, a.quantity_before AS QuantityBefore, a.proposed_quantity AS ProposedQuantity,
        a.approved_quantity AS ApprovedQuantity, a.quantity_after AS QuantityAfter, a.state, a.error, a.attempts,
        a.proposed_by AS ProposedBy, a.proposed_at AS ProposedAt, a.approved_by AS ApprovedBy,
        a.approved_at AS ApprovedAt, a.applied_at AS AppliedAt
        FROM licence_adjustments a
        LEFT JOIN pax8_products p ON p.org_id = a.org_id AND p.id = a.product_id
        """;

    /// <summary>
    /// Proposes the change that brings the client's device licences to <paramref name="devices"/> — of one covering
    /// product when <paramref name="productId"/> is given (docs/domain.md "Licences: coverage per product"): its
    /// covered devices against its own seats — replacing a
    /// proposal of the same subscription still waiting for approval or one that failed (InProgress while one is being
    /// applied). Audited as the caller.
    /// </summary>
    public async Task<(ProposalOutcome Outcome, LicenceAdjustment? Adjustment, int RemainingVariance)> ProposeAsync(
        Guid orgId, Guid? clientScope, Guid clientId, Guid? productId, int devices, string proposedBy,
        CancellationToken cancellationToken)
    {
        if (!ClientScopes.Allows(clientScope, clientId))
        {
            return (ProposalOutcome.ClientNotFound, null, 0);
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM clients WHERE org_id = @orgId AND id = @clientId)",
            new { orgId, clientId }, transaction, cancellationToken: cancellationToken));
        if (!exists)
        {
            return (ProposalOutcome.ClientNotFound, null, 0);
        }
        // The device licences as the client's figures count them (LicensedSubscription.IsActiveAt): one not started yet
        // covers no device, so it neither lowers the variance nor is the one changed.
        var active = (await connection.QueryAsync<DeviceSubscriptionRow>(new CommandDefinition("""
            SELECT s.id, s.product_id AS ProductId, s.quantity, s.billing_term AS BillingTerm
            FROM pax8_subscriptions s
            JOIN client_mappings m ON m.org_id = s.org_id AND m.vendor = 'pax8' AND m.external_id = s.company_id::text
            JOIN pax8_products p ON p.org_id = s.org_id AND p.id = s.product_id
            LEFT JOIN catalog_overrides o ON o.org_id = s.org_id AND o.product_id = s.product_id
            WHERE s.org_id = @orgId AND m.client_id = @clientId AND s.status = @active AND s.removed_at IS NULL
              AND s.start_date <= @now AND (@productId::uuid IS NULL OR s.product_id = @productId)
              AND CASE WHEN o.product_id IS NULL THEN p.licence_unit ELSE nullif(o.licence_unit, 'none') END = @device
            """, new
        {
            orgId,
            clientId,
            productId,
            active = LicensedSubscription.ActiveStatus,
            device = LicenceUnits.Device,
            now = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken)))
            .Select(row => row.ToSubscription())
            .ToList();
        if (LicenceAdjustmentRule.Propose(devices, active) is not { } proposal)
        {
            return (ProposalOutcome.NoChange, null, 0);
        }
        var id = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            INSERT INTO licence_adjustments (id, org_id, client_id, subscription_id, product_id, devices, quantity_before,
                proposed_quantity, state, proposed_by, proposed_at)
            VALUES (@id, @orgId, @clientId, @subscriptionId, @productId, @devices, @quantityBefore, @proposedQuantity,
                @proposed, @proposedBy, @now)
            ON CONFLICT (org_id, subscription_id) WHERE state IN ('proposed', 'applying', 'failed') DO UPDATE
                SET devices = excluded.devices, quantity_before = excluded.quantity_before,
                    proposed_quantity = excluded.proposed_quantity, proposed_by = excluded.proposed_by,
                    proposed_at = excluded.proposed_at, state = @proposed, error = NULL, approved_quantity = NULL,
                    approved_by = NULL, approved_at = NULL
                WHERE licence_adjustments.state IN (@proposed, @failed)
            RETURNING id
            """, new
        {
            id = Guid.CreateVersion7(),
            orgId,
            clientId,
            subscriptionId = proposal.SubscriptionId,
            productId = proposal.ProductId,
            devices,
            quantityBefore = proposal.QuantityBefore,
            proposedQuantity = proposal.ProposedQuantity,
            proposed = LicenceAdjustmentStates.Proposed,
            failed = LicenceAdjustmentStates.Failed,
            proposedBy,
            now = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        if (id is not { } stored)
        {
            return (ProposalOutcome.InProgress, null, 0);
        }
        await audit.RecordAsync(transaction, AuditActions.Create, Table, stored.ToString(), null,
            new { clientId, proposal.SubscriptionId, devices, proposal.QuantityBefore, proposal.ProposedQuantity },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ProposalOutcome.Proposed, await FindAsync(orgId, clientScope, stored, cancellationToken),
            proposal.RemainingVariance);
    }

    public async Task<LicenceAdjustment?> FindAsync(Guid orgId, Guid? clientScope, Guid id,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AdjustmentRow>(new CommandDefinition($"""
            SELECT {Columns}
            WHERE a.org_id = @orgId AND a.id = @id AND (@clientScope::uuid IS NULL OR a.client_id = @clientScope)
            """, new { orgId, id, clientScope }, cancellationToken: cancellationToken));
        return row?.ToAdjustment();
    }

    /// <summary>Newest proposal first, optionally of one client and in given states.</summary>
    public async Task<PagedResult<LicenceAdjustment>> ListAsync(Guid orgId, Guid? clientScope, Guid? clientId,
        IReadOnlyCollection<string> states, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = ListParameters(orgId, clientScope, clientId, states, page.PageSize, page.Offset);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM licence_adjustments a {ListFilter}", parameters, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<AdjustmentRow>(new CommandDefinition($"""
            SELECT {Columns}
            {ListFilter}
            ORDER BY a.proposed_at DESC, a.id
            LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken));
        return new PagedResult<LicenceAdjustment>([.. rows.Select(row => row.ToAdjustment())], page.Page, page.PageSize,
            total);
    }

    /// <summary>Every adjustment the list's filters select, in the list's order, for the CSV.</summary>
    public async Task<IReadOnlyList<LicenceAdjustment>> ExportAsync(Guid orgId, Guid? clientScope, Guid? clientId,
        IReadOnlyCollection<string> states, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AdjustmentRow>(new CommandDefinition($"""
            SELECT {Columns}
            {ListFilter}
            ORDER BY a.proposed_at DESC, a.id
            """, ListParameters(orgId, clientScope, clientId, states, null, 0), cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToAdjustment())];
    }

    private const string ListFilter = """
        WHERE a.org_id = @orgId AND (@clientScope::uuid IS NULL OR a.client_id = @clientScope)
          AND (@clientId::uuid IS NULL OR a.client_id = @clientId) AND (@anyState OR a.state = ANY(@states))
        """;

    private static object ListParameters(Guid orgId, Guid? clientScope, Guid? clientId,
        IReadOnlyCollection<string> states, int? limit, long offset) => new
        {
            orgId,
            clientScope,
            clientId,
            anyState = states.Count == 0,
            states = states.ToArray(),
            limit,
            offset,
        };

    /// <summary>The ids of the proposals waiting for approval (of one client, if given), oldest first.</summary>
    public async Task<IReadOnlyList<Guid>> ProposedIdsAsync(Guid orgId, Guid? clientScope, Guid? clientId, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM licence_adjustments
            WHERE org_id = @orgId AND state = @proposed AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
              AND (@clientId::uuid IS NULL OR client_id = @clientId)
            ORDER BY proposed_at, id
            LIMIT @limit
            """, new { orgId, clientScope, clientId, proposed = LicenceAdjustmentStates.Proposed, limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Moves the adjustment from one of <paramref name="from"/> to <c>applying</c> with the quantity to set (the
    /// approved one, else the one approved before, else the proposal) and commits, so the intent is durable before
    /// Pax8 is called. Audited as the caller with <paramref name="action"/>.
    /// </summary>
    public async Task<(ApplyStart Start, LicenceAdjustment? Adjustment)> StartApplyingAsync(Guid orgId,
        Guid? clientScope, Guid id, int? quantity, IReadOnlyList<string> from, string action, string approvedBy,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<StateRow>(
            new CommandDefinition("""
                SELECT state, approved_quantity AS ApprovedQuantity FROM licence_adjustments
                WHERE org_id = @orgId AND id = @id AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
                FOR UPDATE
                """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        if (current is not { } found)
        {
            return (ApplyStart.NotFound, null);
        }
        if (!from.Contains(found.State))
        {
            return (ApplyStart.WrongState, await FindAsync(orgId, clientScope, id, cancellationToken));
        }
        var approved = await connection.QuerySingleAsync<int>(new CommandDefinition("""
            UPDATE licence_adjustments
            SET state = @applying, error = NULL, attempts = attempts + 1,
                approved_quantity = coalesce(@quantity, approved_quantity, proposed_quantity),
                approved_by = @approvedBy, approved_at = @now
            WHERE id = @id
            RETURNING approved_quantity
            """, new { id, quantity, approvedBy, now = clock.GetUtcNow(), applying = LicenceAdjustmentStates.Applying },
            transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, action, Table, id.ToString(),
            new { state = found.State, approvedQuantity = found.ApprovedQuantity },
            new { state = LicenceAdjustmentStates.Applying, approvedQuantity = approved }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (ApplyStart.Started, await FindAsync(orgId, clientScope, id, cancellationToken));
    }

    /// <summary>
    /// Records that Pax8 holds <paramref name="quantityAfter"/>: the adjustment is applied, the stored subscription
    /// takes the quantity (the next sync confirms it), the change is audited once with the quantity Pax8 had before,
    /// and the client's licence figures are refreshed. Only an adjustment still <c>applying</c> completes, so a
    /// concurrent retry cannot audit the change twice.
    /// </summary>
    public async Task CompleteAsync(LicenceAdjustment adjustment, int quantityBefore, int quantityAfter,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var completed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE licence_adjustments SET state = @applied, quantity_after = @quantityAfter, applied_at = @now, error = NULL
            WHERE id = @id AND state = @applying
            """, new
        {
            adjustment.Id,
            quantityAfter,
            now,
            applied = LicenceAdjustmentStates.Applied,
            applying = LicenceAdjustmentStates.Applying,
        }, transaction, cancellationToken: cancellationToken));
        if (completed == 0)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE pax8_subscriptions SET quantity = @quantityAfter, updated_at = @now
            WHERE org_id = @OrgId AND id = @SubscriptionId
            """, new { adjustment.OrgId, adjustment.SubscriptionId, quantityAfter, now }, transaction,
            cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Update, SubscriptionTable, adjustment.SubscriptionId.ToString(),
            new { quantity = quantityBefore }, new { quantity = quantityAfter, adjustmentId = adjustment.Id },
            cancellationToken);
        await licenses.RefreshAsync(transaction, adjustment.OrgId, [adjustment.ClientId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records why Pax8 did not take the change; the adjustment stays retryable.</summary>
    public async Task FailAsync(LicenceAdjustment adjustment, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE licence_adjustments SET state = @failed, error = @reason WHERE id = @Id AND state = @applying
            """, new
        {
            adjustment.Id,
            reason,
            failed = LicenceAdjustmentStates.Failed,
            applying = LicenceAdjustmentStates.Applying,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Moves a proposal (or a failed change) to <c>dismissed</c>, audited as the caller with the state before; nothing
    /// is sent to Pax8, and the subscription is free for a new proposal.
    /// </summary>
    public async Task<(Dismissal Outcome, LicenceAdjustment? Adjustment)> DismissAsync(Guid orgId, Guid? clientScope,
        Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            SELECT state FROM licence_adjustments
            WHERE org_id = @orgId AND id = @id AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            FOR UPDATE
            """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        if (state is null)
        {
            return (Dismissal.NotFound, null);
        }
        if (!LicenceAdjustmentStates.Dismissable.Contains(state))
        {
            return (Dismissal.WrongState, await FindAsync(orgId, clientScope, id, cancellationToken));
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE licence_adjustments SET state = @dismissed WHERE id = @id",
            new { id, dismissed = LicenceAdjustmentStates.Dismissed }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Update, Table, id.ToString(), new { state },
            new { state = LicenceAdjustmentStates.Dismissed }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (Dismissal.Dismissed, await FindAsync(orgId, clientScope, id, cancellationToken));
    }

    private sealed record StateRow(string State, int? ApprovedQuantity);

    private sealed record DeviceSubscriptionRow(Guid Id, Guid ProductId, int Quantity, string BillingTerm)
    {
        public DeviceSubscription ToSubscription() =>
            new(Id, ProductId, Quantity, KebabNames.Parse<Pax8BillingTerm>(BillingTerm));
    }

    private sealed record AdjustmentRow(Guid Id, Guid OrgId, Guid ClientId, Guid SubscriptionId, Guid ProductId,
        string? ProductName, int Devices, int QuantityBefore, int ProposedQuantity, int? ApprovedQuantity,
        int? QuantityAfter, string State, string? Error, int Attempts, string ProposedBy, DateTime ProposedAt,
        string? ApprovedBy, DateTime? ApprovedAt, DateTime? AppliedAt)
    {
        public LicenceAdjustment ToAdjustment() => new(Id, OrgId, ClientId, SubscriptionId, ProductId, ProductName,
            Devices, QuantityBefore, ProposedQuantity, ApprovedQuantity, QuantityAfter, State, Error, Attempts,
            ProposedBy, UtcInstants.From(ProposedAt), ApprovedBy, UtcInstants.From(ApprovedAt),
            UtcInstants.From(AppliedAt));
    }
}
