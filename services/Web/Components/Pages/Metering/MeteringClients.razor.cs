using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Pages.Metering;

/// <summary>
/// The metering console's Clients (seed columns): every client of the subscription service with its id, its buckets,
/// whether it is billed and when it was created, searched by name, sorted and paged. Owners, admins and finance
/// enable and disable clients. Clients belong to the subscription service and buckets to metering, so each page's
/// bucket counts are a second call for the clients it shows.
/// </summary>
public sealed partial class MeteringClients() : QueriedListComponentBase<ClientRecord, ClientRecordQuery>(new ClientRecordQuery())
{
    private IReadOnlyDictionary<Guid, int> bucketCounts = new Dictionary<Guid, int>();

    protected override async Task<PagedList<ClientRecord>> FetchPageAsync(CancellationToken cancellationToken)
    {
        var page = await Gateway.GetClientRecordsAsync(Query, cancellationToken);
        bucketCounts = page.Items.Count == 0
            ? new Dictionary<Guid, int>()
            : (await Gateway.GetBucketCountsAsync(page.Items.Select(client => client.Id), cancellationToken))
                .ToDictionary(count => count.ClientId, count => count.Buckets);
        return page;
    }

    private int BucketsOf(ClientRecord client) => bucketCounts.GetValueOrDefault(client.Id);

    private Task SetEnabledAsync(ClientRecord client, bool enabled) =>
        ChangeAsync(
            cancellationToken => Gateway.SetClientEnabledAsync(client.Id, enabled, cancellationToken),
            changed => changed.Enabled
                ? $"“{changed.Name}” is enabled: it is billed again."
                : $"“{changed.Name}” is disabled: it is excluded from billing, its history is kept.");
}
