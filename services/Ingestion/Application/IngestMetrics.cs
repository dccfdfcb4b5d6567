using System.Diagnostics.Metrics;
using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Application;

/// <summary>
/// The ingest path's own instruments, on meter <see cref="MeterName"/>: readings by outcome (what partners send and
/// what becomes of it), readings per call (how well they batch), metering's backlog as ingestion sees it and the calls
/// refused because of it.
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "BillingOne.Ingestion";

    private static readonly ReadingStatus[] Statuses = Enum.GetValues<ReadingStatus>();

    private readonly Counter<long> readings;
    private readonly Histogram<int> callSize;
    private readonly Counter<long> refusedCalls;

    public IngestMetrics(IMeterFactory meterFactory, MeteringBacklog backlog)
    {
        var meter = meterFactory.Create(MeterName);
        readings = meter.CreateCounter<long>("billingone.ingestion.readings", "{reading}",
            "Usage readings received, by outcome (accepted, duplicate, conflict, rejected, suppressed).");
        callSize = meter.CreateHistogram<int>("billingone.ingestion.call.readings", "{reading}",
            "Readings per ingest call.");
        refusedCalls = meter.CreateCounter<long>("billingone.ingestion.backpressure.refused_calls", "{call}",
            "Ingest calls refused because metering is behind, by transport (http, grpc).");
        meter.CreateObservableGauge("billingone.ingestion.backpressure.queued_batches",
            () => backlog.Current.QueuedBatches, "{batch}",
            "Accepted batches metering has not taken yet: unsent outbox rows plus messages in metering's queue.");
        meter.CreateObservableGauge("billingone.ingestion.backpressure.oldest_unsent_age",
            () => backlog.Current.OldestUnsentAge.TotalSeconds, "s", "Age of the oldest unsent outbox row.");
        meter.CreateObservableGauge("billingone.ingestion.backpressure.refusing",
            () => backlog.Current.Refusing ? 1 : 0, "{state}", "1 while ingest calls are refused, else 0.");
    }

    public void RecordRefused(string transport) =>
        refusedCalls.Add(1, new KeyValuePair<string, object?>("transport", transport));

    public void Record(IngestReport report)
    {
        Span<int> counts = stackalloc int[Statuses.Length];
        foreach (var outcome in report.Outcomes)
        {
            counts[(int)outcome.Status]++;
        }
        foreach (var status in Statuses)
        {
            if (counts[(int)status] > 0)
            {
                readings.Add(counts[(int)status], new KeyValuePair<string, object?>("outcome", status.Name()));
            }
        }
        callSize.Record(report.Outcomes.Count);
    }
}
