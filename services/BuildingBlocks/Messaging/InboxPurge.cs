using BillingOne.BuildingBlocks.Retention;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Forgets applied messages after <see cref="RetentionOptions.Inbox"/>: a redelivery comes long before that, so an
/// older record guards nothing.
/// </summary>
internal sealed class InboxPurge(NpgsqlDataSource dataSource, IOptions<RetentionOptions> options) : IRetentionPurge
{
    public string Name => "inbox";

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "inbox_messages", "processed_at < @cutoff", now - options.Value.Inbox,
            batchSize, cancellationToken);
}
