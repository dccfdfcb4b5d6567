using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

/// <summary>
/// The money rules over 10,000 random buckets, usages and late corrections in currencies with 0, 2 and 3 minor
/// units. The seed is fixed so a failure can be replayed; it is printed in the message of every assertion.
/// </summary>
[Trait("Category", "Unit")]
public sealed class BillingPropertyTests
{
    private const int Cases = 10_000;
    private const int Seed = 20261203;
    private static readonly string[] Currencies = ["AUD", "USD", "JPY", "KWD", "BHD", "EUR"];

    [Fact]
    public void Every_line_is_rounded_once_costs_never_fall_below_base_and_totals_are_sums_of_lines()
    {
        var random = new Random(Seed);
        for (var index = 0; index < Cases; index++)
        {
            var currency = Currencies[random.Next(Currencies.Length)];
            var minorUnits = Iso4217.MinorUnits(currency);
            var clients = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Guid.NewGuid()).ToList();
            var lines = new List<(Guid ClientId, Money Cost)>();
            for (var bucket = random.Next(1, 8); bucket > 0; bucket--)
            {
                var pricing = RandomPricing(random, currency);
                var usage = RandomQuantity(random);
                var cost = BucketCost.Calculate(pricing, usage);
                var context = $"case {index} (seed {Seed}): {pricing} at usage {usage}";

                cost.Cost.Amount.ShouldBeGreaterThanOrEqualTo(cost.BasePrice.Amount, context);
                cost.Cost.Amount.ShouldBe(cost.BasePrice.Amount + cost.Overage.Amount, context);
                foreach (var line in new[] { cost.BasePrice, cost.Overage, cost.Buffer, cost.Cost })
                {
                    line.Amount.ShouldBe(Math.Round(line.Amount, minorUnits, MidpointRounding.AwayFromZero), context);
                    line.Currency.ShouldBe(currency, context);
                }
                cost.OverageUnits.ShouldBe(Math.Max(0m, usage - pricing.CommitUnits), context);
                cost.BufferUnits.ShouldBe(Math.Max(0m, pricing.CommitUnits - usage), context);
                cost.Buffer.Amount.ShouldBeLessThanOrEqualTo(cost.BasePrice.Amount + Step(minorUnits), context);

                // A late correction: what was billed plus its adjustment is exactly the corrected month's bill.
                var billed = BilledFigures.Of(cost);
                var corrected = RandomQuantity(random);
                var finalized = new FinalizedBucketPeriod(clients[0], Guid.NewGuid(), 2026, 1, pricing, billed);
                finalized.TryAdjust(corrected, out var adjustment).ShouldBeTrue(context);
                (billed + (adjustment ?? BilledFigures.None))
                    .ShouldBe(BilledFigures.Of(BucketCost.Calculate(pricing, corrected)), context);

                var client = clients[random.Next(clients.Count)];
                lines.Add((client, cost.Cost));
                if (adjustment is not null)
                {
                    lines.Add((client, new Money(adjustment.Cost, currency)));
                }
            }

            var totals = BillingTotals.PerClient(lines);
            totals.Sum(total => total.Amount).ShouldBe(lines.Sum(line => line.Cost.Amount), $"case {index}");
            totals.Sum(total => total.Lines).ShouldBe(lines.Count, $"case {index}");
            foreach (var total in totals)
            {
                total.Amount.ShouldBe(lines.Where(line => line.ClientId == total.ClientId).Sum(line => line.Cost.Amount));
            }
        }
    }

    private static BucketPricing RandomPricing(Random random, string currency) => new(
        new Money(RandomPrice(random, 5000m), currency),
        random.Next(5) == 0 ? 0m : RandomQuantity(random),
        new Money(RandomPrice(random, 50m), currency));

    // Prices may carry more digits than the currency's minor units: only the lines are rounded.
    private static decimal RandomPrice(Random random, decimal upTo) =>
        random.Next(10) == 0 ? 0m : Math.Round((decimal)random.NextDouble() * upTo, random.Next(0, 5));

    private static decimal RandomQuantity(Random random) => random.Next(8) switch
    {
        0 => 0m,
        1 => random.Next(1, 10),
        _ => Math.Round((decimal)random.NextDouble() * 10_000m, random.Next(0, 7)),
    };

    private static decimal Step(int minorUnits) => 1m / (decimal)Math.Pow(10, minorUnits);
}
