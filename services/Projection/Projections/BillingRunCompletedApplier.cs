using BillingOne.Contracts.Events;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A finished billing run changes no read model: it is logged (the consumer's inbox) only to be announced on the
/// partner watch stream, which the consumer does live and a rebuild does not repeat.
/// </summary>
public sealed class BillingRunCompletedApplier : EventApplier<BillingRunCompleted>
{
    public override Guid OrgIdOf(BillingRunCompleted message) => message.OrgId;

    public override Task ApplyAsync(NpgsqlTransaction transaction, BillingRunCompleted message,
        CancellationToken cancellationToken) => Task.CompletedTask;
}
