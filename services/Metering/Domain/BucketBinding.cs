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
public sealed record BindingCandidate(Guid AssetId, Guid? ClientId, string Source, bool Disregarded, Guid? FeedsBucketId);

/// <summary>Which assets may feed a bucket (design §6: an asset's usage is billed once, to its own client).</summary>
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
}
