using BillingOne.Contracts.Events;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A client's finalized month changes no read model (the final usage arrives as <see cref="BucketUsageObserved"/>): it
/// is logged (the consumer's inbox) only to be announced on the partner watch stream, which the consumer does live and
/// a rebuild does not repeat.
/// </summary>
public sealed class ClientBillingFinalizedApplier : EventApplier<ClientBillingFinalized>
{
    public override Guid OrgIdOf(ClientBillingFinalized message) => message.OrgId;

    public override void Validate(ClientBillingFinalized message)
    {
        Require(message.OrgId != Guid.Empty && message.ClientId != Guid.Empty,
            "must carry an organization id and a client id.");
        Require(message.Year is >= 2000 and <= 9999 && message.Month is >= 1 and <= 12,
            $"has period {message.Year}-{message.Month}, not a calendar month.");
        Require(IsCurrencyCode(message.Currency), $"has currency '{message.Currency}', not an ISO 4217 code.");
        Require(message.Lines is not null && message.Lines.All(line => line.BucketId != Guid.Empty
            && !string.IsNullOrWhiteSpace(line.BucketName) && line.Kind is "reading" or "adjustment"),
            "has a line without a bucket or whose kind is neither reading nor adjustment.");
    }

    public override Task ApplyAsync(NpgsqlTransaction transaction, ClientBillingFinalized message,
        CancellationToken cancellationToken) => Task.CompletedTask;
}
