using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BillingOne.Ingestion.Application;

/// <summary>Degraded while ingest calls are refused because metering is behind, so the dashboard shows it.</summary>
public sealed class MeteringBacklogHealthCheck(MeteringBacklog backlog) : IHealthCheck
{
    public const string Name = "metering-backlog";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        var state = backlog.Current;
        var data = new Dictionary<string, object>
        {
            ["unsentOutboxRows"] = state.UnsentOutboxRows,
            ["meteringQueueDepth"] = state.MeteringQueueDepth,
            ["oldestUnsentSeconds"] = Math.Round(state.OldestUnsentAge.TotalSeconds, 1),
        };
        return Task.FromResult(state.Refusing
            ? HealthCheckResult.Degraded(
                $"Metering is behind ({state.QueuedBatches} batches queued): ingest calls are refused with 429.",
                data: data)
            : HealthCheckResult.Healthy(data: data));
    }
}
