using System.Globalization;

namespace BillingOne.Bench;

/// <summary>How busy the machine is besides the benchmark: other runs share its cores.</summary>
public static class MachineLoad
{
    /// <summary>The 1-minute load average.</summary>
    public static double OneMinute() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
}
