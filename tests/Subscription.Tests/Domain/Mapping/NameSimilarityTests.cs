using BillingOne.Subscription.Domain.Mapping;

namespace BillingOne.Subscription.Tests.Domain.Mapping;

[Trait("Category", "Unit")]
public class NameSimilarityTests
{
    [Fact]
    public void Names_with_the_same_key_score_one()
    {
        NameSimilarity.Score("Harbourside Dental", "HARBOURSIDE DENTAL PTY. LTD.").ShouldBe(1);
    }

    [Fact]
    public void Names_without_letters_or_digits_score_zero()
    {
        NameSimilarity.Score("--", "--").ShouldBe(0);
        NameSimilarity.Score("Harbourside Dental", "").ShouldBe(0);
    }

    [Fact]
    public void Names_sharing_nothing_score_zero()
    {
        NameSimilarity.Score("Acme", "Widgets").ShouldBe(0);
    }

    [Fact]
    public void A_typo_scores_above_a_different_trade_of_the_same_place()
    {
        var typo = NameSimilarity.Score("Northgate Legal", "Northgate Legl");
        var otherTrade = NameSimilarity.Score("Northgate Legal", "Northgate Logistics");
        typo.ShouldBeGreaterThan(otherTrade);
        typo.ShouldBeGreaterThanOrEqualTo(0.6);
        otherTrade.ShouldBeLessThan(0.6);
    }

    [Fact]
    public void Scores_are_between_zero_and_one_and_symmetric()
    {
        var names = VendorNameDrift.SameCompany.Concat(VendorNameDrift.DifferentCompanies)
            .SelectMany(pair => new[] { pair.Client, pair.Vendor })
            .Concat(["", "a", "&", "Smith & Co"])
            .ToList();
        foreach (var a in names)
        {
            foreach (var b in names)
            {
                var score = NameSimilarity.Score(a, b);
                score.ShouldBeInRange(0, 1, $"{a} / {b}");
                NameSimilarity.Score(b, a).ShouldBe(score, $"{a} / {b}");
            }
        }
    }
}
