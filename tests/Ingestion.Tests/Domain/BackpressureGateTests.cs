using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Tests.Domain;

[Trait("Category", "Unit")]
public class BackpressureGateTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    private static readonly IngestBackpressureOptions Bounds = new()
    {
        MaxQueuedBatches = 100,
        MaxOldestUnsentAge = TimeSpan.FromSeconds(30),
        ResumeFraction = 0.5,
    };

    private static BacklogSample Sample(int second, long queued, double oldestSeconds = 0, long enqueued = 0) =>
        new(Start.AddSeconds(second), queued, TimeSpan.FromSeconds(oldestSeconds), enqueued);

    [Fact]
    public void A_backlog_at_the_bound_is_accepted_and_one_above_it_is_refused()
    {
        var gate = new BackpressureGate(Bounds);

        gate.Observe(Sample(0, 100, oldestSeconds: 30));
        gate.Refusing.ShouldBeFalse();

        gate.Observe(Sample(1, 101));
        gate.Refusing.ShouldBeTrue();
    }

    [Fact]
    public void An_old_unsent_row_alone_is_enough_to_refuse()
    {
        var gate = new BackpressureGate(Bounds);

        gate.Observe(Sample(0, 1, oldestSeconds: 31));

        gate.Refusing.ShouldBeTrue();
    }

    [Fact]
    public void Refusing_goes_on_between_the_resume_level_and_the_bound_so_it_does_not_flap()
    {
        var gate = new BackpressureGate(Bounds);
        gate.Observe(Sample(0, 101));

        gate.Observe(Sample(1, 99));
        gate.Refusing.ShouldBeTrue();
        gate.Observe(Sample(2, 51));
        gate.Refusing.ShouldBeTrue();

        gate.Observe(Sample(3, 50));
        gate.Refusing.ShouldBeFalse();

        gate.Observe(Sample(4, 99));
        gate.Refusing.ShouldBeFalse();
    }

    [Fact]
    public void Refusing_ends_only_once_the_oldest_row_is_also_young_enough()
    {
        var gate = new BackpressureGate(Bounds);
        gate.Observe(Sample(0, 0, oldestSeconds: 40));

        gate.Observe(Sample(1, 0, oldestSeconds: 16));
        gate.Refusing.ShouldBeTrue();

        gate.Observe(Sample(2, 0, oldestSeconds: 15));
        gate.Refusing.ShouldBeFalse();
    }

    [Fact]
    public void Retry_after_is_the_excess_over_the_resume_level_divided_by_the_drain_rate()
    {
        var gate = new BackpressureGate(Bounds);
        gate.Observe(Sample(0, 200));

        // 30 drained in 2 s while 15 more arrived: 15 batches/s; 185 − 50 = 135 above the resume level → 9 s.
        gate.Observe(Sample(2, 185, enqueued: 15));

        gate.DrainPerSecond.ShouldBe(15);
        gate.RetryAfter.ShouldBe(TimeSpan.FromSeconds(9));
    }

    [Fact]
    public void The_drain_rate_is_smoothed_over_samples()
    {
        var gate = new BackpressureGate(Bounds);
        gate.Observe(Sample(0, 300));
        gate.Observe(Sample(1, 290));

        gate.Observe(Sample(2, 270));

        gate.DrainPerSecond!.Value.ShouldBe(13, tolerance: 1e-9);
    }

    [Fact]
    public void Retry_after_is_the_longest_while_nothing_drains()
    {
        var gate = new BackpressureGate(Bounds);
        gate.Observe(Sample(0, 500));
        gate.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));

        gate.Observe(Sample(1, 500));

        gate.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Retry_after_stays_between_one_and_thirty_seconds()
    {
        var fast = new BackpressureGate(Bounds);
        fast.Observe(Sample(0, 1_000));
        fast.Observe(Sample(1, 101));
        fast.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));

        var slow = new BackpressureGate(Bounds);
        slow.Observe(Sample(0, 10_001));
        slow.Observe(Sample(1, 10_000));
        slow.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Refused_because_of_age_with_a_short_queue_the_caller_waits_at_least_a_second()
    {
        var gate = new BackpressureGate(Bounds);
        gate.Observe(Sample(0, 10, oldestSeconds: 45));
        gate.Observe(Sample(1, 5, oldestSeconds: 44));

        gate.Refusing.ShouldBeTrue();
        gate.RetryAfter.ShouldBe(TimeSpan.FromSeconds(1));
    }
}
