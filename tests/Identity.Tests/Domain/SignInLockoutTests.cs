using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class SignInLockoutTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_fifth_failure_in_a_row_locks_for_fifteen_minutes_and_starts_the_count_over()
    {
        SignInLockout.AfterFailure(0, Now).ShouldBe((1, null));
        SignInLockout.AfterFailure(3, Now).ShouldBe((4, null));
        SignInLockout.AfterFailure(4, Now).ShouldBe((0, Now.AddMinutes(15)));
    }

    [Fact]
    public void A_lock_lasts_until_its_end()
    {
        SignInLockout.Remaining(null, Now).ShouldBeNull();
        SignInLockout.Remaining(Now, Now).ShouldBeNull();
        SignInLockout.Remaining(Now.AddSeconds(-1), Now).ShouldBeNull();
        SignInLockout.Remaining(Now.AddMinutes(3), Now).ShouldBe(TimeSpan.FromMinutes(3));
    }

    [Theory]
    [InlineData(0.2, 1)]
    [InlineData(1, 1)]
    [InlineData(1.01, 2)]
    [InlineData(900, 900)]
    public void Retry_after_rounds_up_to_whole_seconds(double seconds, long expected)
    {
        SignInLockout.RetryAfterSeconds(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }
}
