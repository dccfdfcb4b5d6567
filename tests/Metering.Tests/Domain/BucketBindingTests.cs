using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class BucketBindingTests
{
    private static readonly Guid ClientId = Guid.NewGuid();

    private static readonly BucketDefinition Veeam = new(ClientId, "Backup", "veeam", Guid.NewGuid(), Aggregation.Sum,
        100m, 500m, 6m, "AUD", true, true);

    private static BindingCandidate Asset(Guid? clientId = null, string source = "Veeam", bool disregarded = false,
        Guid? feeds = null) => new(Guid.NewGuid(), clientId ?? ClientId, source, disregarded, feeds);

    [Fact]
    public void An_asset_of_the_client_from_the_buckets_source_may_feed_it_ignoring_the_source_case()
    {
        BucketBinding.Check(Veeam, Asset()).ShouldBeNull();
    }

    [Fact]
    public void A_bucket_without_a_source_type_takes_any_source()
    {
        BucketBinding.Check(Veeam with { SourceType = null }, Asset(source: "acronis")).ShouldBeNull();
    }

    [Fact]
    public void Each_reason_an_asset_cannot_feed_the_bucket_is_named()
    {
        BucketBinding.Check(Veeam, Asset(disregarded: true)).ShouldBe(BindingConflict.Disregarded);
        BucketBinding.Check(Veeam, new BindingCandidate(Guid.NewGuid(), null, "veeam", false, null))
            .ShouldBe(BindingConflict.Unassigned);
        BucketBinding.Check(Veeam, Asset(clientId: Guid.NewGuid())).ShouldBe(BindingConflict.AnotherClient);
        BucketBinding.Check(Veeam, Asset(source: "acronis")).ShouldBe(BindingConflict.AnotherSource);
        BucketBinding.Check(Veeam, Asset(feeds: Guid.NewGuid())).ShouldBe(BindingConflict.FeedsAnotherBucket);
    }

    [Fact]
    public void Unknown_ids_refuse_the_binding_before_any_conflict()
    {
        var missing = Guid.NewGuid();
        var disregarded = Asset(disregarded: true);

        var plan = BucketBinding.Plan(Veeam, [disregarded.AssetId, missing], [disregarded]);

        plan.UnknownAssetIds.ShouldBe([missing]);
        plan.Conflicts.ShouldBeEmpty();
        plan.NewlyBound.ShouldBeEmpty();
    }

    [Fact]
    public void Every_asset_that_cannot_feed_the_bucket_is_named_in_id_order_and_nothing_is_bound()
    {
        var feeds = Guid.NewGuid();
        var assets = new[] { Asset(), Asset(source: "acronis"), Asset(feeds: feeds) };

        var plan = BucketBinding.Plan(Veeam, assets.Select(asset => asset.AssetId).ToList(), assets);

        plan.UnknownAssetIds.ShouldBeEmpty();
        plan.NewlyBound.ShouldBeEmpty();
        plan.Conflicts.ShouldBe(new[]
        {
            new AssetBindingConflict(assets[1].AssetId, BindingConflict.AnotherSource, null),
            new AssetBindingConflict(assets[2].AssetId, BindingConflict.FeedsAnotherBucket, feeds),
        }.OrderBy(conflict => conflict.AssetId));
    }

    [Fact]
    public void Assets_already_bound_stay_bound_and_only_the_others_are_bound()
    {
        var bound = Asset() with { AlreadyBound = true };
        var fresh = Asset();

        var plan = BucketBinding.Plan(Veeam, [bound.AssetId, fresh.AssetId], [bound, fresh]);

        plan.UnknownAssetIds.ShouldBeEmpty();
        plan.Conflicts.ShouldBeEmpty();
        plan.NewlyBound.ShouldBe([fresh.AssetId]);
    }
}
