using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Licensing;
using Polly.Timeout;

namespace BillingOne.Subscription.Integrations;

/// <summary>
/// Sends an approved licence adjustment (already recorded as <c>applying</c>) to Pax8 and records the outcome. Pax8 is
/// read first, so an adjustment whose change went through before a crash or a lost answer completes without a second
/// update; setting an absolute quantity is idempotent anyway. Any vendor failure, after the connector's retries of
/// 429 and 5xx, leaves the adjustment failed with the reason, to retry.
/// </summary>
public sealed partial class LicenceAdjustmentApplier(Pax8ClientFactory clients, IntegrationSettingsStore settings,
    LicenceAdjustmentStore store, ILogger<LicenceAdjustmentApplier> logger)
{
    public async Task<LicenceAdjustment> ApplyAsync(LicenceAdjustment applying, Guid? clientScope,
        CancellationToken cancellationToken)
    {
        var target = applying.ApprovedQuantity ?? applying.ProposedQuantity;
        string? failure;
        try
        {
            failure = await SendAsync(applying, target, cancellationToken);
        }
        catch (Exception vendor) when (vendor is HttpRequestException or Pax8PayloadException or TimeoutException
                                           or TimeoutRejectedException
                                           || (vendor is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            failure = vendor is OperationCanceledException or TimeoutException or TimeoutRejectedException
                ? "Pax8 did not answer in time."
                : vendor.Message;
        }
        if (failure is not null)
        {
            LogFailed(applying.Id, applying.SubscriptionId, failure);
            // Recorded even when the request was abandoned: the row must not stay applying for no reason.
            await store.FailAsync(applying, failure, CancellationToken.None);
        }
        return (await store.FindAsync(applying.OrgId, clientScope, applying.Id, CancellationToken.None))!;
    }

    /// <summary>Null once applied, else why not.</summary>
    private async Task<string?> SendAsync(LicenceAdjustment applying, int target, CancellationToken cancellationToken)
    {
        var saved = await settings.FindAsync(applying.OrgId, Pax8Integration.IntegrationName, cancellationToken);
        if ((saved?.Values ?? clients.Defaults) is not { } values)
        {
            return "Pax8 has no settings: enter them under Settings → Integrations.";
        }
        if (saved is { Enabled: false })
        {
            return "Pax8 is switched off under Settings → Integrations.";
        }
        using var client = clients.Create(clients.ConnectionFor(values));
        if (await client.ReadSubscriptionAsync(applying.SubscriptionId, cancellationToken) is not { } current)
        {
            return "Pax8 no longer has this subscription.";
        }
        var after = current.Quantity == target
            ? current
            : await client.UpdateQuantityAsync(current, target, cancellationToken);
        if (after is null)
        {
            return "Pax8 no longer has this subscription.";
        }
        if (after.Quantity != target)
        {
            return $"Pax8 answered a quantity of {after.Quantity} instead of {target}.";
        }
        await store.CompleteAsync(applying, current.Quantity == target ? applying.QuantityBefore : current.Quantity,
            after.Quantity, CancellationToken.None);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Licence adjustment {AdjustmentId} of Pax8 subscription {SubscriptionId} failed: {Reason}")]
    private partial void LogFailed(Guid adjustmentId, Guid subscriptionId, string reason);
}
