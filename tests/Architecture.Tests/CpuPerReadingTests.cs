using BillingOne.Bench;

namespace BillingOne.Architecture.Tests;

/// <summary>The ingest benchmark's measure: whole-system CPU per stored reading against raw COPY's CPU per row.</summary>
public sealed class CpuPerReadingTests
{
    private static readonly Dictionary<string, double> CopyRun = new()
    {
        ["postgresql"] = 8.0,
        ["bench"] = 2.0,
        ["ingestion"] = 0.5, // background work of an idle service: not the COPY's
        ["rabbitmq"] = 0.25,
    };

    [Fact]
    public void A_scenario_costs_every_process_in_the_table()
    {
        var scenario = CpuPerReading.WholeSystem(new Dictionary<string, double>
        {
            ["postgresql"] = 10.0,
            ["ingestion"] = 5.0,
            ["metering"] = 4.5,
            ["gateway"] = 1.5,
        }, readings: 300_000);

        scenario.CpuSeconds.ShouldBe(21.0);
        scenario.MicrosecondsPerReading.ShouldBe(70.0, tolerance: 1e-9);
    }

    [Fact]
    public void Raw_copy_costs_only_the_server_and_its_client()
    {
        var copy = CpuPerReading.RawCopy(CopyRun, rows: 1_000_000);

        copy.CpuSeconds.ShouldBe(10.0);
        copy.MicrosecondsPerReading.ShouldBe(10.0, tolerance: 1e-9);
    }

    [Fact]
    public void The_multiple_compares_cost_per_reading_not_totals()
    {
        var copy = CpuPerReading.RawCopy(CopyRun, rows: 1_000_000);
        var scenario = new CpuPerReading(CpuSeconds: 7.5, Readings: 300_000);

        scenario.MultipleOf(copy).ShouldBe(2.5, tolerance: 1e-9);
    }

    [Fact]
    public void A_part_missing_from_the_table_costs_nothing() =>
        CpuPerReading.RawCopy(new Dictionary<string, double> { ["postgresql"] = 3.0 }, rows: 1_000_000)
            .MicrosecondsPerReading.ShouldBe(3.0, tolerance: 1e-9);
}
