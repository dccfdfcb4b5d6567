using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AggregationNamesTests
{
    [Theory]
    [InlineData("sum", Aggregation.Sum)]
    [InlineData("max", Aggregation.Max)]
    [InlineData("avg", Aggregation.Avg)]
    [InlineData("last", Aggregation.Last)]
    [InlineData("count", Aggregation.Count)]
    [InlineData("SUM", Aggregation.Sum)]
    public void Parses_the_api_names(string name, Aggregation expected)
    {
        AggregationNames.Parse(name).ShouldBe(expected);
        AggregationNames.TryParse(name, out var parsed).ShouldBeTrue();
        parsed.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("average")]
    [InlineData("2")]
    [InlineData(" sum")]
    public void Rejects_anything_else_with_the_accepted_names_in_the_message(string? name)
    {
        AggregationNames.TryParse(name, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => AggregationNames.Parse(name))
            .Message.ShouldContain("sum, max, avg, last, count");
    }

    [Fact]
    public void Every_aggregation_round_trips_through_its_api_name()
    {
        foreach (var aggregation in Enum.GetValues<Aggregation>())
        {
            var name = aggregation.ToApiName();
            name.ShouldBe(name.ToLowerInvariant());
            AggregationNames.All.ShouldContain(name);
            AggregationNames.Parse(name).ShouldBe(aggregation);
        }
    }
}
