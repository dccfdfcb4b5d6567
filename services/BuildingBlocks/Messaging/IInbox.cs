using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>Remembers which messages a consumer has applied.</summary>
public interface IInbox
{
    /// <summary>
    /// Records <paramref name="messageId"/> for <paramref name="consumer"/> inside <paramref name="transaction"/>.
    /// False when that consumer already applied it: the caller must then change nothing.
    /// </summary>
    Task<bool> TryRecordAsync(NpgsqlTransaction transaction, string consumer, Guid messageId,
        CancellationToken cancellationToken = default);
}
