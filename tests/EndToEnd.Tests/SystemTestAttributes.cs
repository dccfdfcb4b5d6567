namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The patience of a whole-system test: it fails after <see cref="DefaultMinutes"/> (or its own <c>Minutes</c>), so a
/// hung test costs minutes and the tests after it still run. xunit honours the timeout here because this assembly runs
/// one test at a time (AssemblyInfo.cs). Every test of this project uses these attributes (TestTierTests checks it).
/// </summary>
internal static class SystemTestTimeout
{
    public const int DefaultMinutes = 3;

    public static int Milliseconds(int minutes) =>
        minutes is > 0 and <= 10
            ? (int)TimeSpan.FromMinutes(minutes).TotalMilliseconds
            : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "A system test's patience is 1 to 10 minutes.");
}

/// <summary>A <see cref="FactAttribute"/> that fails after three minutes, or after <see cref="Minutes"/>.</summary>
public sealed class SystemFactAttribute : FactAttribute
{
    public SystemFactAttribute() => Timeout = SystemTestTimeout.Milliseconds(SystemTestTimeout.DefaultMinutes);

    /// <summary>For a test that starts a system of its own or streams through several outages: say why where used.</summary>
    public int Minutes
    {
        get => Timeout / 60_000;
        set => Timeout = SystemTestTimeout.Milliseconds(value);
    }
}

/// <summary>A <see cref="TheoryAttribute"/> whose every case fails after three minutes, or after <see cref="Minutes"/>.</summary>
public sealed class SystemTheoryAttribute : TheoryAttribute
{
    public SystemTheoryAttribute() => Timeout = SystemTestTimeout.Milliseconds(SystemTestTimeout.DefaultMinutes);

    /// <inheritdoc cref="SystemFactAttribute.Minutes"/>
    public int Minutes
    {
        get => Timeout / 60_000;
        set => Timeout = SystemTestTimeout.Milliseconds(value);
    }
}
