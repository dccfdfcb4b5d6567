namespace BillingOne.Metering.Domain;

/// <summary>Why an asset cannot feed a bucket.</summary>
public enum BindingConflict
{
    /// <summary>Disregarded assets are excluded from billing.</summary>
    Disregarded,

    /// <summary>The asset has no client yet: billing it to the bucket's client would be a guess.</summary>
    Unassigned,

    /// <summary>The asset belongs to another client than the bucket.</summary>
    AnotherClient,

    /// <summary>The bucket meters one source and the asset comes from another.</summary>
    AnotherSource,

    /// <summary>The asset already feeds another bucket of the same unit type: its usage would be billed twice.</summary>
    FeedsAnotherBucket,
}

/// <summary>What binding needs to know about an asset.</summary>
/// <param name="FeedsBucketId">Another bucket of the same unit type the asset feeds, if any.</param>
/// <param name="AlreadyBound">The asset already feeds the bucket being bound to.</param>
public sealed record BindingCandidate(Guid AssetId, Guid? ClientId, string Source, bool Disregarded, Guid? FeedsBucketId,
    bool AlreadyBound = false);

/// <summary>An asset that cannot feed the bucket, and why.</summary>
/// <param name="FeedsBucketId">The other bucket of the same unit type it feeds, if any.</param>
public sealed record AssetBindingConflict(Guid AssetId, BindingConflict Reason, Guid? FeedsBucketId);

/// <summary>
/// What a request to bind assets comes to, all or none: at most one list is not empty. <see cref="UnknownAssetIds"/>
/// and <see cref="Conflicts"/> (each sorted by asset id) refuse the request; otherwise <see cref="NewlyBound"/> are the
/// assets to bind (those already bound stay as they are and are not counted again).
/// </summary>
public sealed record BindingPlan(IReadOnlyList<Guid> UnknownAssetIds, IReadOnlyList<AssetBindingConflict> Conflicts,
    IReadOnlyList<Guid> NewlyBound);

/// <summary>Which assets may feed a bucket (docs/domain.md: an asset is billed once, to its own client).</summary>
public static class BucketBinding
{
    /// <summary>The first reason <paramref name="asset"/> cannot feed <paramref name="bucket"/>; null when it can.</summary>
    public static BindingConflict? Check(BucketDefinition bucket, BindingCandidate asset)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.Disregarded)
        {
            return BindingConflict.Disregarded;
        }
        if (asset.ClientId is not { } clientId)
        {
            return BindingConflict.Unassigned;
        }
        if (clientId != bucket.ClientId)
        {
            return BindingConflict.AnotherClient;
        }
        if (bucket.SourceType is not null && !string.Equals(asset.Source, bucket.SourceType, StringComparison.OrdinalIgnoreCase))
        {
            return BindingConflict.AnotherSource;
        }
        return asset.FeedsBucketId is null ? null : BindingConflict.FeedsAnotherBucket;
    }

    /// <summary>
    /// Binds <paramref name="requested"/> to <paramref name="bucket"/> given the assets that were
    /// <paramref name="found"/> for them: unknown ids refuse the request first, then any asset that cannot feed the
    /// bucket.
    /// </summary>
    public static BindingPlan Plan(BucketDefinition bucket, IReadOnlyCollection<Guid> requested,
        IReadOnlyCollection<BindingCandidate> found)
    {
        var unknown = requested.Except(found.Select(asset => asset.AssetId)).Order().ToList();
        if (unknown.Count > 0)
        {
            return new BindingPlan(unknown, [], []);
        }
        var conflicts = found
            .Select(asset => (asset, reason: Check(bucket, asset)))
            .Where(checkedAsset => checkedAsset.reason is not null)
            .Select(checkedAsset => new AssetBindingConflict(checkedAsset.asset.AssetId, checkedAsset.reason!.Value,
                checkedAsset.asset.FeedsBucketId))
            .OrderBy(conflict => conflict.AssetId)
            .ToList();
        return conflicts.Count > 0
            ? new BindingPlan([], conflicts, [])
            : new BindingPlan([], [], found.Where(asset => !asset.AlreadyBound).Select(asset => asset.AssetId).ToList());
    }
}
