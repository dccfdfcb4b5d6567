using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BillingOne.Metering.Tests.Api;

/// <summary>
/// The metering service with a clock that stands at <see cref="Now"/> until a test moves it, so open periods (and
/// the nightly schedule) do not depend on when the tests run.
/// </summary>
public sealed class FixedClockMeteringFixture : MeteringApiFixture
{
    /// <summary>Mid-March 2026: the open period is March in every client's time zone.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    public FixedClockMeteringFixture()
        : this(new FakeTimeProvider(Now))
    {
    }

    private FixedClockMeteringFixture(FakeTimeProvider clock)
        : base(services => services.AddSingleton<TimeProvider>(clock)) =>
        Clock = clock;

    public FakeTimeProvider Clock { get; }

    public MeteringTestData Data => new(DatabaseConnectionString);
}
