using System.Diagnostics.Metrics;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Telemetry;

/// <summary>
/// Metering's instruments on the BillingOne meter every service exports: stored usage and auto-provisioning runs.
/// </summary>
public sealed class MeteringMetrics
{
    private readonly Counter<long> readingsStored;
    private readonly Counter<long> readingsAlreadyStored;
    private readonly Counter<long> readingConflicts;
    private readonly Counter<long> assetsDiscovered;
    private readonly Counter<long> provisioningRuns;
    private readonly Counter<long> bucketsProvisioned;
    private readonly Counter<long> assetsProvisioned;
    private readonly Histogram<double> provisioningDuration;

    public MeteringMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.BillingOne);
        readingsStored = meter.CreateCounter<long>("billingone.metering.readings.stored", "{reading}",
            "Raw readings stored.");
        readingsAlreadyStored = meter.CreateCounter<long>("billingone.metering.readings.already_stored", "{reading}",
            "Readings of a batch whose id was stored before with the same payload (sent or delivered again), or that " +
            "were not the sender's to report.");
        readingConflicts = meter.CreateCounter<long>("billingone.metering.readings.conflicts", "{reading}",
            "Readings refused as ingest exceptions: a stored reading's id with another payload.");
        assetsDiscovered = meter.CreateCounter<long>("billingone.metering.assets.discovered", "{asset}",
            "Assets seen for the first time.");
        provisioningRuns = meter.CreateCounter<long>("billingone.metering.provisioning.runs", "{run}",
            "Auto-provisioning runs finished, by trigger and status.");
        bucketsProvisioned = meter.CreateCounter<long>("billingone.metering.provisioning.buckets_created", "{bucket}",
            "Buckets auto-provisioning created.");
        assetsProvisioned = meter.CreateCounter<long>("billingone.metering.provisioning.assets_bound", "{asset}",
            "Assets auto-provisioning bound to the buckets it created.");
        provisioningDuration = meter.CreateHistogram<double>("billingone.metering.provisioning.duration", "s",
            "How long an auto-provisioning run took.");
    }

    public void BatchStored(StoredReadings result)
    {
        ArgumentNullException.ThrowIfNull(result);
        readingsStored.Add(result.Stored);
        readingsAlreadyStored.Add(result.AlreadyStored);
        readingConflicts.Add(result.Conflicts);
        assetsDiscovered.Add(result.Discovered.Count);
    }

    public void ProvisioningRunFinished(ProvisioningRun run, TimeSpan elapsed)
    {
        var trigger = new KeyValuePair<string, object?>("trigger", run.Trigger.ToApiName());
        provisioningRuns.Add(1, trigger, new KeyValuePair<string, object?>("status", run.Status.ToApiName()));
        bucketsProvisioned.Add(run.BucketsCreated, trigger);
        assetsProvisioned.Add(run.AssetsBound, trigger);
        provisioningDuration.Record(elapsed.TotalSeconds, trigger);
    }
}
