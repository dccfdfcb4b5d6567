using BillingOne.Bench;
using BillingOne.SystemDriver;

namespace BillingOne.Architecture.Tests;

/// <summary>The soak's pure rules: the pace it sends at, the windows it compares and when a backlog keeps growing.</summary>
public sealed class SoakRulesTests
{
    [Fact]
    public void Calls_fall_due_at_the_rate_counted_from_the_start()
    {
        var pace = new SoakPace(readingsPerSecond: 3_000, batchSize: 5_000);

        pace.DueAt(0).ShouldBe(TimeSpan.Zero);
        pace.Interval.ShouldBe(TimeSpan.FromTicks(16_666_666));
        // From the start, not from the call before: no rounding error accumulates over the run.
        pace.DueAt(3).ShouldBe(TimeSpan.FromSeconds(5));
        pace.DueAt(1_080).ShouldBe(TimeSpan.FromMinutes(30));
    }

    [Theory]
    [InlineData(1_000, 5_000, 10, 2)] // due at 0 and 5 s
    [InlineData(500, 5_000, 10, 1)] // the second call would be due at 10 s, when the run ends
    [InlineData(3_000, 5_000, 60, 36)]
    [InlineData(3_001, 5_000, 60, 37)] // a 37th call is due just before the end
    [InlineData(7_500, 5_000, 1_800, 2_700)]
    public void A_run_sends_the_calls_due_before_it_ends(int rate, int batch, int seconds, long calls) =>
        new SoakPace(rate, batch).CallsWithin(TimeSpan.FromSeconds(seconds)).ShouldBe(calls);

    [Theory]
    [InlineData(7_500, 15)]
    [InlineData(100, 1)] // fewer than one call in 10 s: a backlog may still hold the one in flight
    public void A_backlog_may_grow_by_one_sampling_intervals_calls(int rate, long allowance) =>
        new SoakPace(rate, 5_000).CallsPer(TimeSpan.FromSeconds(10)).ShouldBe(allowance);

    [Fact]
    public void A_half_hour_soak_compares_minutes_2_to_7_with_25_to_30()
    {
        var windows = SoakWindows.For(TimeSpan.FromMinutes(30));

        windows.WarmUp.ShouldBe(TimeSpan.FromMinutes(2));
        windows.Length.ShouldBe(TimeSpan.FromMinutes(5));
        windows.InFirst(TimeSpan.FromSeconds(110)).ShouldBeFalse();
        windows.InFirst(TimeSpan.FromMinutes(2)).ShouldBeTrue();
        windows.InFirst(TimeSpan.FromMinutes(7)).ShouldBeFalse();
        windows.InLast(TimeSpan.FromSeconds(24 * 60 + 50)).ShouldBeFalse();
        windows.InLast(TimeSpan.FromMinutes(25)).ShouldBeTrue();
        windows.InLast(TimeSpan.FromSeconds(30 * 60 + 4)).ShouldBeTrue();
    }

    [Fact]
    public void A_short_soak_scales_its_warm_up_and_windows_down()
    {
        var windows = SoakWindows.For(TimeSpan.FromMinutes(3));

        windows.WarmUp.ShouldBe(TimeSpan.FromSeconds(36));
        windows.Length.ShouldBe(TimeSpan.FromSeconds(72));
    }

    [Fact]
    public void Growth_compares_the_means_of_the_two_windows()
    {
        var windows = SoakWindows.For(TimeSpan.FromMinutes(30));
        var growth = SoakGrowth.Of(Samples(minute => minute switch
        {
            < 2 => 50, // the warm-up does not count
            < 7 => 100,
            < 25 => 110,
            _ => minute == 29 ? 120 : 130,
        }), windows)!;

        growth.First.ShouldBe(100);
        growth.Last.ShouldBe(128);
        growth.Change.ShouldBe(28);
        growth.Percent!.Value.ShouldBe(28, tolerance: 1e-9);
        growth.LastMax.ShouldBe(130);
        growth.Final.ShouldBe(120);
    }

    [Fact]
    public void A_run_too_short_for_both_windows_has_no_growth()
    {
        var samples = new[] { (TimeSpan.FromMinutes(1), 10.0) };

        SoakGrowth.Of(samples, SoakWindows.For(TimeSpan.FromMinutes(30))).ShouldBeNull();
        SoakGrowth.KeepsGrowing(null, allowance: 1).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2, 17, 15, false)] // grew by exactly the allowance
    [InlineData(2, 18, 15, true)]
    [InlineData(40, 3, 15, false)] // shrank
    public void A_backlog_keeps_growing_when_its_last_mean_exceeds_its_first_by_more_than_the_allowance(
        double first, double last, long allowance, bool growing) =>
        SoakGrowth.KeepsGrowing(new SoakGrowth(first, last, last, last), allowance).ShouldBe(growing);

    [Fact]
    public void A_backlog_that_rises_and_falls_is_flat()
    {
        var windows = SoakWindows.For(TimeSpan.FromMinutes(30));
        var growth = SoakGrowth.Of(Samples(minute => minute % 2 == 0 ? 0 : 20), windows);

        SoakGrowth.KeepsGrowing(growth, allowance: 15).ShouldBeFalse();
    }

    [Fact]
    public void The_soak_takes_its_own_options_and_writes_to_the_reliability_document()
    {
        var root = RepositoryRoot.Find();
        var measured = BenchOptions.Parse(["--scenario", "soak", "--minutes", "3"], root);
        var given = BenchOptions.Parse(["--scenario", "soak", "--rate", "4000"], root);

        measured.Minutes.ShouldBe(3);
        measured.Rate.ShouldBeNull();
        measured.OutputPath.ShouldBe(Path.Combine(root, "docs", "reliability.md"));
        given.Minutes.ShouldBe(30);
        given.Rate.ShouldBe(4_000);
        Should.Throw<ArgumentException>(() => BenchOptions.Parse(["--scenario", "ingest", "--minutes", "3"], root))
            .Message.ShouldContain("--minutes");
    }

    [Fact]
    public void The_figures_replace_what_stood_between_the_soak_markers()
    {
        var document = $"# Reliability\n\nBefore.\n\n{SoakReport.Start}\nNot run yet.\n{SoakReport.End}\n\nAfter.\n";

        var merged = SoakReport.Merge(document, "Figures.");

        merged.ShouldBe($"# Reliability\n\nBefore.\n\n{SoakReport.Start}\nFigures.\n{SoakReport.End}\n\nAfter.\n");
    }

    /// <summary>One sample every 10 s of a 30-minute run (0:00 to 29:50), valued by its minute.</summary>
    private static IEnumerable<(TimeSpan At, double Value)> Samples(Func<int, double> valueAtMinute) =>
        Enumerable.Range(0, 180).Select(tick => TimeSpan.FromSeconds(tick * 10))
            .Select(at => (at, valueAtMinute((int)at.TotalMinutes)));
}
