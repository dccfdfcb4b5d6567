using System.Diagnostics.Metrics;

namespace BillingOne.Metering.Consumers;

/// <summary>Counters of stored usage, exported with the other BillingOne meters.</summary>
public sealed class MeteringMetrics
{
    private readonly Counter<long> readingsStored;
    private readonly Counter<long> readingsAlreadyStored;
    private readonly Counter<long> assetsDiscovered;

    public MeteringMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.BillingOne);
        readingsStored = meter.CreateCounter<long>("billingone.metering.readings.stored", "{reading}",
            "Raw readings stored.");
        readingsAlreadyStored = meter.CreateCounter<long>("billingone.metering.readings.already_stored", "{reading}",
            "Readings of a batch that were stored before (redelivered).");
        assetsDiscovered = meter.CreateCounter<long>("billingone.metering.assets.discovered", "{asset}",
            "Assets seen for the first time.");
    }

    public void BatchStored(int stored, int alreadyStored, int discovered)
    {
        readingsStored.Add(stored);
        readingsAlreadyStored.Add(alreadyStored);
        assetsDiscovered.Add(discovered);
    }
}
