using System.Diagnostics.Metrics;
using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Application;

/// <summary>
/// The ingest path's own instruments, on meter <see cref="MeterName"/>: readings by outcome (what partners send and
/// what becomes of it) and readings per call (how well they batch).
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "BillingOne.Ingestion";

    private static readonly ReadingStatus[] Statuses = Enum.GetValues<ReadingStatus>();

    private readonly Counter<long> readings;
    private readonly Histogram<int> callSize;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        readings = meter.CreateCounter<long>("billingone.ingestion.readings", "{reading}",
            "Usage readings received, by outcome (accepted, duplicate, conflict, rejected, suppressed).");
        callSize = meter.CreateHistogram<int>("billingone.ingestion.call.readings", "{reading}",
            "Readings per ingest call.");
    }

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
