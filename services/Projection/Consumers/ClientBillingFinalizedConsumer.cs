using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// A client's month finalized in one currency (metering, with <see cref="BillingPeriodFinalized"/>) is announced on the
/// partner watch stream as the client's event, with each bucket's final line.
/// </summary>
public sealed class ClientBillingFinalizedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    ClientBillingFinalizedApplier applier) : ProjectedEventConsumer<ClientBillingFinalized>(dataSource, eventLog, applier)
{
    protected override Task AppliedAsync(NpgsqlTransaction transaction, ClientBillingFinalized message,
        CancellationToken cancellationToken)
    {
        var finalized = new PeriodFinalizedEvent(message.Year, message.Month, message.Currency, message.Amount,
            [.. message.Lines.Select(line => new FinalizedBucketLine(line.BucketId, line.BucketName, line.BillingType,
                line.Kind, line.OriginalYear, line.OriginalMonth, line.Usage, line.CommitUnits, line.Cost))]);
        return PartnerWatchEventStore.AppendAsync(transaction, message.OrgId, WatchEventTypes.PeriodFinalized,
            message.FinalizedAt, message.ClientId, null, finalized, cancellationToken);
    }
}
