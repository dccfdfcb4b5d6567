namespace BillingOne.Ingestion.Domain;

/// <summary>An ingest call carried more readings than <see cref="IngestLimits.MaxBatchSize"/>; none is kept.</summary>
public sealed class IngestBatchTooLargeException(int maxBatchSize)
    : Exception($"A batch may hold at most {maxBatchSize} readings; split it into several calls.")
{
    public int MaxBatchSize { get; } = maxBatchSize;
}
