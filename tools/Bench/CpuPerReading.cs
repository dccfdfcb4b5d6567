namespace BillingOne.Bench;

/// <summary>
/// The ingest measure: CPU seconds spent on a number of stored readings, per reading, and as a multiple of raw COPY's
/// cost per row in the same run. On a shared machine the multiple is steadier than the CPU seconds themselves.
/// </summary>
public sealed record CpuPerReading(double CpuSeconds, int Readings)
{
    /// <summary>What a raw COPY costs: the server and the client writing the rows, nothing else.</summary>
    public static readonly IReadOnlyList<string> RawCopyParts = ["postgresql", "bench"];

    /// <summary>A scenario's cost: every process in the CPU table, since each took part in storing its readings.</summary>
    public static CpuPerReading WholeSystem(IReadOnlyDictionary<string, double> cpuSeconds, int readings) =>
        new(cpuSeconds.Values.Sum(), readings);

    public static CpuPerReading RawCopy(IReadOnlyDictionary<string, double> cpuSeconds, int rows) =>
        new(RawCopyParts.Sum(part => cpuSeconds.GetValueOrDefault(part)), rows);

    public double MicrosecondsPerReading => CpuSeconds * 1_000_000 / Readings;

    public double MultipleOf(CpuPerReading rawCopy) => MicrosecondsPerReading / rawCopy.MicrosecondsPerReading;
}
