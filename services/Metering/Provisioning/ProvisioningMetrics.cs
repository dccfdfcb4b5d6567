using System.Diagnostics.Metrics;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Provisioning;

/// <summary>Auto-provisioning's instruments on the BillingOne meter every service exports.</summary>
public sealed class ProvisioningMetrics
{
    private readonly Counter<long> runs;
    private readonly Counter<long> bucketsCreated;
    private readonly Counter<long> assetsBound;
    private readonly Histogram<double> duration;

    public ProvisioningMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(TelemetryNames.BillingOne);
        runs = meter.CreateCounter<long>("billingone.metering.provisioning.runs", "{run}",
            "Auto-provisioning runs finished, by trigger and status.");
        bucketsCreated = meter.CreateCounter<long>("billingone.metering.provisioning.buckets_created", "{bucket}",
            "Buckets auto-provisioning created.");
        assetsBound = meter.CreateCounter<long>("billingone.metering.provisioning.assets_bound", "{asset}",
            "Assets auto-provisioning bound to the buckets it created.");
        duration = meter.CreateHistogram<double>("billingone.metering.provisioning.duration", "s",
            "How long an auto-provisioning run took.");
    }

    public void RunFinished(ProvisioningRun run, TimeSpan elapsed)
    {
        var trigger = new KeyValuePair<string, object?>("trigger", run.Trigger.ToApiName());
        runs.Add(1, trigger, new KeyValuePair<string, object?>("status", run.Status.ToApiName()));
        bucketsCreated.Add(run.BucketsCreated, trigger);
        assetsBound.Add(run.AssetsBound, trigger);
        duration.Record(elapsed.TotalSeconds, trigger);
    }
}
