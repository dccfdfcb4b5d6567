using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOne.Web.Api;

/// <summary>The metering console's calls: assets, buckets, unit types, auto-provisioning and billing.</summary>
public sealed partial class GatewayClient
{
    public const string AssetsPath = AssetListQuery.Path;
    public const string BucketsPath = BucketListQuery.Path;
    public const string ProvisioningRunsPath = "api/metering/provisioning/runs";

    // Metering reads an absent member as "keep" or "use the default", so unset members are left out of the body.
    private static readonly JsonSerializerOptions WithoutNulls = new(JsonSerializerOptions.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The first <paramref name="count"/> clients by name whose name contains <paramref name="search"/> (any case;
    /// every client when null), and how many match: what the client picker offers.
    /// </summary>
    public Task<PagedList<ClientChoice>> FindClientChoicesAsync(string? search, int count, CancellationToken cancellationToken) =>
        Get<PagedList<ClientChoice>>(new ClientRecordQuery(Search: search, PageSize: count).ToRequestUri(), cancellationToken);

    public Task<ClientChoice> GetClientChoiceAsync(Guid clientId, CancellationToken cancellationToken) =>
        Get<ClientChoice>($"{CreateClientPath}/{clientId}", cancellationToken);

    public Task<PagedList<Asset>> GetAssetsAsync(AssetListQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<Asset>>(query.ToRequestUri(), cancellationToken);

    public Task<AssetUsage> GetAssetUsageAsync(Guid assetId, CancellationToken cancellationToken) =>
        Get<AssetUsage>(ApiQuery.Build($"{AssetsPath}/{assetId}/usage", ("days", AssetUsage.Days)), cancellationToken);

    public Task<Asset> RenameAssetAsync(Guid assetId, string name, CancellationToken cancellationToken) =>
        Send<Asset>(HttpMethod.Patch, $"{AssetsPath}/{assetId}", new RenameAssetRequest(name), cancellationToken);

    public Task<Asset> AssignAssetAsync(Guid assetId, Guid clientId, CancellationToken cancellationToken) =>
        Send<Asset>(HttpMethod.Post, $"{AssetsPath}/{assetId}/assign", new AssignAssetRequest(clientId), cancellationToken);

    public Task<Asset> ApplyAssetActionAsync(Guid assetId, AssetAction action, CancellationToken cancellationToken) =>
        Send<Asset>(HttpMethod.Post, $"{AssetsPath}/{assetId}/{action.ToString().ToLowerInvariant()}", null,
            cancellationToken);

    public Task<AcknowledgedAssets> AcknowledgeAssetsAsync(IReadOnlyList<Guid> assetIds, CancellationToken cancellationToken) =>
        Send<AcknowledgedAssets>(HttpMethod.Post, $"{AssetsPath}/acknowledge", new AcknowledgeAssetsRequest(assetIds),
            cancellationToken);

    public Task<PagedList<Bucket>> GetBucketsAsync(BucketListQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<Bucket>>(query.ToRequestUri(), cancellationToken);

    /// <summary>The bucket count of each client asked for (at most a page of them).</summary>
    public Task<IReadOnlyList<ClientBucketCount>> GetBucketCountsAsync(IEnumerable<Guid> clientIds,
        CancellationToken cancellationToken) =>
        Get<IReadOnlyList<ClientBucketCount>>(
            $"{BucketsPath}/counts?{string.Join('&', clientIds.Select(clientId => $"clientId={clientId}"))}", cancellationToken);

    public Task<Bucket> CreateBucketAsync(CreateBucketRequest bucket, CancellationToken cancellationToken) =>
        Send<Bucket>(HttpMethod.Post, BucketsPath, bucket, cancellationToken);

    public Task<Bucket> UpdateBucketAsync(Guid bucketId, UpdateBucketRequest change, CancellationToken cancellationToken) =>
        Send<Bucket>(HttpMethod.Patch, $"{BucketsPath}/{bucketId}", change, cancellationToken);

    public Task DeleteBucketAsync(Guid bucketId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"{BucketsPath}/{bucketId}"), cancellationToken);

    public Task<PagedList<Asset>> GetBucketAssetsAsync(Guid bucketId, int page, int pageSize, CancellationToken cancellationToken) =>
        Get<PagedList<Asset>>(ApiQuery.Build($"{BucketsPath}/{bucketId}/assets", ("page", page), ("pageSize", pageSize)),
            cancellationToken);

    public Task<BoundAssets> BindAssetsAsync(Guid bucketId, IReadOnlyList<Guid> assetIds, CancellationToken cancellationToken) =>
        Send<BoundAssets>(HttpMethod.Post, $"{BucketsPath}/{bucketId}/assets", new BindAssetsRequest(assetIds),
            cancellationToken);

    public Task UnbindAssetAsync(Guid bucketId, Guid assetId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, $"{BucketsPath}/{bucketId}/assets/{assetId}"), cancellationToken);

    /// <summary>Starts a run, or answers the one already running for the organization.</summary>
    public Task<ProvisioningRun> StartProvisioningRunAsync(CancellationToken cancellationToken) =>
        Send<ProvisioningRun>(HttpMethod.Post, ProvisioningRunsPath, null, cancellationToken);

    public Task<ProvisioningRun> GetProvisioningRunAsync(Guid runId, CancellationToken cancellationToken) =>
        Get<ProvisioningRun>($"{ProvisioningRunsPath}/{runId}", cancellationToken);

    public Task<PagedList<UnitType>> GetUnitTypesAsync(int page, int pageSize, CancellationToken cancellationToken) =>
        Get<PagedList<UnitType>>(UnitTypePaths.List(page, pageSize), cancellationToken);

    public Task<UnitType> CreateUnitTypeAsync(UnitTypeFields unitType, CancellationToken cancellationToken) =>
        Send<UnitType>(HttpMethod.Post, UnitTypePaths.UnitTypes, unitType, cancellationToken);

    public Task<UnitType> UpdateUnitTypeAsync(Guid unitTypeId, UnitTypeFields change, CancellationToken cancellationToken) =>
        Send<UnitType>(HttpMethod.Patch, $"{UnitTypePaths.UnitTypes}/{unitTypeId}", change, cancellationToken);

    public Task DeleteUnitTypeAsync(Guid unitTypeId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, $"{UnitTypePaths.UnitTypes}/{unitTypeId}"), cancellationToken);

    /// <summary>Queues a billing run of <paramref name="month"/>; a 409 names the run of that period already going.</summary>
    public Task<BillingRun> StartBillingRunAsync(BillingMonth month, CancellationToken cancellationToken) =>
        Send<BillingRun>(HttpMethod.Post, BillingPaths.Runs, new StartBillingRunRequest(month.Year, month.Month),
            cancellationToken);

    /// <summary>The newest billing run, or null when billing never ran.</summary>
    public async Task<BillingRun?> GetLatestBillingRunAsync(CancellationToken cancellationToken) =>
        (await Get<PagedList<BillingRun>>(ApiQuery.Build(BillingPaths.Runs, ("page", 1), ("pageSize", 1)),
            cancellationToken)).Items.FirstOrDefault();

    /// <summary>Periods with billing readings, newest first.</summary>
    /// <summary>The billed months, newest first; <paramref name="from"/> and <paramref name="to"/> keep those that overlap
    /// the days between them.</summary>
    public Task<PagedList<BillingPeriodSummary>> GetBillingPeriodsAsync(
        int pageSize, DateOnly? from, DateOnly? to, CancellationToken cancellationToken) =>
        Get<PagedList<BillingPeriodSummary>>(
            ApiQuery.Build(BillingPaths.Periods, ("page", 1), ("pageSize", pageSize), ("from", from), ("to", to)),
            cancellationToken);

    public Task<PagedList<ClientBillingSummary>> GetPeriodClientsAsync(
        PeriodClientsQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<ClientBillingSummary>>(query.ToRequestUri(), cancellationToken);

    public Task<FinalizedPeriod> FinalizeBillingPeriodAsync(string period, CancellationToken cancellationToken) =>
        Send<FinalizedPeriod>(HttpMethod.Post, $"{BillingPaths.Periods}/{Uri.EscapeDataString(period)}/finalize", null,
            cancellationToken);

    /// <summary>One client's billing readings of a period: its buckets, then its adjustments.</summary>
    public Task<PagedList<BillingReading>> GetBillingReadingsAsync(
        string period, Guid clientId, int page, int pageSize, CancellationToken cancellationToken) =>
        Get<PagedList<BillingReading>>(
            ApiQuery.Build(BillingPaths.Readings, ("period", period), ("clientId", clientId), ("page", page),
                ("pageSize", pageSize)),
            cancellationToken);

    /// <summary>
    /// The billing readings export as the gateway answered it (a CSV, or a zip of one CSV per billing type), its body
    /// still to be read, for the caller to pass on and dispose; null <paramref name="period"/> exports the most
    /// recently loaded period.
    /// </summary>
    public Task<HttpResponseMessage> OpenBillingReadingsExportAsync(string? period, CancellationToken cancellationToken) =>
        OpenDownloadAsync(ApiQuery.Build(BillingPaths.ReadingsExport, ("period", period)), cancellationToken);

    public Task<BucketBillingHistory> GetBucketBillingHistoryAsync(Guid bucketId, CancellationToken cancellationToken) =>
        Get<BucketBillingHistory>(
            ApiQuery.Build($"{BucketsPath}/{bucketId}/billing-history", ("months", BucketBillingHistory.Months)),
            cancellationToken);

    private Task<T> Get<T>(string uri, CancellationToken cancellationToken) =>
        SendAsync<T>(() => new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);

    /// <param name="body">Serialized without its null members; null sends no body at all.</param>
    private Task<T> Send<T>(HttpMethod method, string uri, object? body, CancellationToken cancellationToken) =>
        SendAsync<T>(
            () => new HttpRequestMessage(method, uri)
            {
                Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: WithoutNulls),
            },
            cancellationToken);
}
