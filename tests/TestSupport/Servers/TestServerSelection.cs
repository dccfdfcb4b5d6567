namespace BillingOne.Testing.Servers;

public enum TestServerKind
{
    /// <summary>The machine's own PostgreSQL and RabbitMQ (<see cref="NativeTestServers"/>).</summary>
    Native,

    /// <summary>Testcontainers (<see cref="ContainerTestServers"/>).</summary>
    Containers,

    /// <summary>Servers given by environment variables (<see cref="ExternalTestServers"/>).</summary>
    External,
}

/// <summary>Which test servers a test run uses.</summary>
public static class TestServerSelection
{
    /// <summary><c>auto</c> (or unset), <c>native</c> or <c>containers</c>.</summary>
    public const string Variable = "BILLINGONE_TEST_SERVERS";

    /// <summary>
    /// External servers when they are configured, whatever the setting; else what <paramref name="setting"/> (the value
    /// of <see cref="Variable"/>) asks for, where <c>auto</c> means containers when a container engine answers and the
    /// machine's native servers otherwise. <paramref name="engineAnswers"/> is asked only in that last case, since
    /// asking can take seconds.
    /// </summary>
    /// <exception cref="ArgumentException">The setting is none of auto, native and containers.</exception>
    public static TestServerKind Choose(string? setting, bool externalConfigured, Func<bool> engineAnswers)
    {
        // A mistyped setting is reported even when external servers make it moot: it would bite the next run.
        var requested = setting?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => (TestServerKind?)null,
            "native" => TestServerKind.Native,
            "containers" => TestServerKind.Containers,
            _ => throw new ArgumentException(
                $"{Variable} is '{setting}', expected auto, native or containers.", nameof(setting)),
        };
        if (externalConfigured)
        {
            return TestServerKind.External;
        }
        return requested ?? (engineAnswers() ? TestServerKind.Containers : TestServerKind.Native);
    }
}
