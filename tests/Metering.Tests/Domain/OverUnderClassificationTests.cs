using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class OverUnderClassificationTests
{
    [Theory]
    [InlineData(ClientCommitStatus.OverCommit, CommitStatus.OverCommit)]
    [InlineData(ClientCommitStatus.OverCommit, CommitStatus.OverCommit, CommitStatus.OnCommit)]
    [InlineData(ClientCommitStatus.UnderCommit, CommitStatus.UnderCommit, CommitStatus.UnderCommit)]
    [InlineData(ClientCommitStatus.UnderCommit, CommitStatus.OnCommit, CommitStatus.UnderCommit)]
    [InlineData(ClientCommitStatus.Mixed, CommitStatus.OverCommit, CommitStatus.UnderCommit)]
    [InlineData(ClientCommitStatus.Mixed, CommitStatus.UnderCommit, CommitStatus.OnCommit, CommitStatus.OverCommit)]
    [InlineData(ClientCommitStatus.OnCommit, CommitStatus.OnCommit, CommitStatus.OnCommit)]
    [InlineData(ClientCommitStatus.OnCommit)]
    public void Classifies_a_client_from_its_buckets(ClientCommitStatus expected, params CommitStatus[] buckets) =>
        OverUnderClassification.Classify(buckets).ShouldBe(expected);

    [Fact]
    public void Classifies_from_bucket_costs()
    {
        // One bucket 5 units over its commit of 10, another 3 under: an upsell and a buffer at once.
        var pricing = new BucketPricing(new Money(100m, "AUD"), 10m, new Money(12m, "AUD"));
        BucketCost[] buckets = [BucketCost.Calculate(pricing, 15m), BucketCost.Calculate(pricing, 7m)];

        OverUnderClassification.Classify(buckets.Select(bucket => bucket.Status)).ShouldBe(ClientCommitStatus.Mixed);
    }
}
