using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

[Trait("Category", "Unit")]
public class SessionLifetimeTests
{
    private static readonly DateTimeOffset SignedInAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly SessionLifetimeOptions options = new()
    {
        IdleTimeout = TimeSpan.FromMinutes(30),
        AbsoluteLifetime = TimeSpan.FromHours(12),
    };

    [Fact]
    public void A_session_used_within_the_idle_timeout_and_its_lifetime_goes_on()
    {
        var expiresAt = SignedInAt + options.AbsoluteLifetime;
        options.HasEnded(lastSeenAt: SignedInAt.AddHours(11), expiresAt, now: SignedInAt.AddHours(11).AddMinutes(29))
            .ShouldBeFalse();
    }

    [Fact]
    public void A_session_idle_for_the_timeout_has_ended()
    {
        var expiresAt = SignedInAt + options.AbsoluteLifetime;
        options.HasEnded(lastSeenAt: SignedInAt, expiresAt, now: SignedInAt + options.IdleTimeout).ShouldBeTrue();
    }

    [Fact]
    public void A_session_in_use_ends_at_its_absolute_lifetime()
    {
        var expiresAt = SignedInAt + options.AbsoluteLifetime;
        options.HasEnded(lastSeenAt: expiresAt.AddMinutes(-1), expiresAt, now: expiresAt).ShouldBeTrue();
    }
}
