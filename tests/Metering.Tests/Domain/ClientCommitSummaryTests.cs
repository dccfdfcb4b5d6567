using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ClientCommitSummaryTests
{
    private static Money Aud(decimal amount) => new(amount, "AUD");

    [Fact]
    public void Totals_a_mixed_clients_buckets()
    {
        // Backup: $500 for 100 GB + $6/GB, used 120 → $620, $120 overage.
        // Seats: $300 for 30 seats, used 20 → $300, 10 unused seats = $100 buffer.
        BucketCost[] buckets =
        [
            BucketCost.Calculate(new BucketPricing(Aud(500m), 100m, Aud(6m)), 120m),
            BucketCost.Calculate(new BucketPricing(Aud(300m), 30m, Aud(12m)), 20m),
        ];

        var summary = ClientCommitSummary.Summarize("AUD", buckets);

        summary.Status.ShouldBe(ClientCommitStatus.Mixed);
        summary.Committed.ShouldBe(Aud(800m));
        summary.FinalCost.ShouldBe(Aud(920m));
        summary.Overage.ShouldBe(Aud(120m));
        summary.Buffer.ShouldBe(Aud(100m));
        summary.PercentUnused.ShouldBe(12.5m);
    }

    [Fact]
    public void Totals_are_sums_of_the_rounded_bucket_lines()
    {
        // Each bucket's buffer is 1/3 of $100 = $33.33; three of them total $99.99, not $100.00.
        var pricing = new BucketPricing(Aud(100m), 3m, Aud(1m));
        BucketCost[] buckets = [.. Enumerable.Repeat(BucketCost.Calculate(pricing, 2m), 3)];

        ClientCommitSummary.Summarize("AUD", buckets).Buffer.ShouldBe(Aud(99.99m));
    }

    [Fact]
    public void A_client_without_buckets_is_on_commit_with_zero_totals()
    {
        var summary = ClientCommitSummary.Summarize("NZD", []);

        summary.Status.ShouldBe(ClientCommitStatus.OnCommit);
        summary.FinalCost.ShouldBe(Money.Zero("NZD"));
        summary.PercentUnused.ShouldBeNull();
    }

    [Fact]
    public void Buckets_priced_in_another_currency_cannot_be_totalled()
    {
        BucketCost[] buckets = [BucketCost.Calculate(new BucketPricing(new Money(10m, "USD"), 1m, new Money(1m, "USD")), 1m)];

        Should.Throw<CurrencyMismatchException>(() => ClientCommitSummary.Summarize("AUD", buckets));
    }
}
