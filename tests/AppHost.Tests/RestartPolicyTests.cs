using BillingOne.Hosting;

namespace BillingOne.AppHost.Tests;

public class RestartPolicyTests
{
    private static readonly RestartPolicy Policy =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), StableAfter: TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    public void Doubles_the_delay_after_each_crash_in_a_row(int consecutiveCrashes, int expectedSeconds) =>
        Policy.DelayFor(consecutiveCrashes).ShouldBe(TimeSpan.FromSeconds(expectedSeconds));

    [Theory]
    [InlineData(6)]
    [InlineData(64)]
    [InlineData(int.MaxValue)]
    public void Never_waits_longer_than_the_maximum(int consecutiveCrashes) =>
        Policy.DelayFor(consecutiveCrashes).ShouldBe(TimeSpan.FromSeconds(30));

    [Fact]
    public void Counts_a_crash_soon_after_start_as_one_more_in_a_row() =>
        Policy.NextConsecutiveCrashes(3, TimeSpan.FromSeconds(5)).ShouldBe(4);

    [Fact]
    public void Starts_over_after_a_process_ran_long_enough_to_be_stable() =>
        Policy.NextConsecutiveCrashes(7, TimeSpan.FromMinutes(1)).ShouldBe(1);

    [Fact]
    public void Rejects_a_crash_count_below_one() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Policy.DelayFor(0));
}
