using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class SignInThrottleTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(4, null)]
    [InlineData(5, 30)]
    [InlineData(6, 60)]
    [InlineData(7, 120)]
    [InlineData(10, 900)]
    [InlineData(1_000, 900)]
    public void A_source_waits_after_five_failures_doubling_up_to_fifteen_minutes(int failures, int? seconds) =>
        SignInThrottle.Delay(failures, accountFailures: failures)
            .ShouldBe(seconds is { } wait ? TimeSpan.FromSeconds(wait) : null);

    [Fact]
    public void Under_attack_a_source_waits_after_its_first_failure_and_a_clean_one_never()
    {
        SignInThrottle.Delay(1, SignInThrottle.FailuresMeaningAttack).ShouldBe(SignInThrottle.FirstDelay);
        SignInThrottle.Delay(2, SignInThrottle.FailuresMeaningAttack).ShouldBe(SignInThrottle.FirstDelay * 2);
        SignInThrottle.Delay(0, int.MaxValue).ShouldBeNull();
    }

    [Theory]
    [InlineData(SignInThrottle.FailuresMeaningAttack - 1, null)]
    [InlineData(SignInThrottle.FailuresMeaningAttack, 30)]
    [InlineData(SignInThrottle.FailuresMeaningAttack + 1, 60)]
    [InlineData(SignInThrottle.FailuresMeaningAttack + 5, 900)]
    [InlineData(int.MaxValue, 900)]
    public void An_account_under_attack_waits_doubling_up_to_fifteen_minutes(int accountFailures, int? seconds) =>
        SignInThrottle.AccountDelay(accountFailures).ShouldBe(seconds is { } wait ? TimeSpan.FromSeconds(wait) : null);

    [Theory]
    [InlineData(SignInThrottle.FreeFailuresPerSource - 1, false)]
    [InlineData(SignInThrottle.FreeFailuresPerSource, true)]
    public void A_user_is_told_of_more_failures_than_their_own_typos_make(int accountFailures, bool told) =>
        SignInThrottle.WorthTelling(accountFailures).ShouldBe(told);

    [Fact]
    public void Failures_are_forgotten_after_a_day()
    {
        var now = new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        SignInThrottle.Remembered(7, now.AddHours(-23), now).ShouldBe(7);
        SignInThrottle.Remembered(7, now.AddHours(-24), now).ShouldBe(0);
    }

    [Fact]
    public void The_account_is_the_email_as_typed_without_case_or_spaces() =>
        SignInThrottle.Account("  Owner@Example.TEST ").ShouldBe("owner@example.test");
}
