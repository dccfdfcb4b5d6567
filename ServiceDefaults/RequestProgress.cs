using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Whether the process still answers the requests it takes. A request is waiting from its arrival until its response
/// starts (headers sent: a stream that has begun answering is answering). The process is stalled when a request has
/// been waiting longer than <see cref="StallAfter"/> and no request has started its answer within that time: a
/// publish that never returns, a pool or lock never released, a starved thread pool. Health probes are not counted,
/// since they answer while the rest is wedged. The gateway gives up on a request long before (100 s), so nothing
/// legitimate waits that long.
/// </summary>
public sealed class RequestProgress(TimeProvider clock)
{
    public static readonly TimeSpan StallAfter = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<long, long> waitingSince = new();
    private long nextRequest;
    private long lastAnswerStarted = clock.GetTimestamp();

    /// <summary>Counts a request as waiting until the returned handle is disposed or its response starts.</summary>
    public IDisposable Arrived()
    {
        var request = Interlocked.Increment(ref nextRequest);
        waitingSince[request] = clock.GetTimestamp();
        return new Waiting(this, request);
    }

    /// <summary>How long the oldest request has waited, when the process is stalled by the rule above.</summary>
    public TimeSpan? Stalled()
    {
        var now = clock.GetTimestamp();
        if (clock.GetElapsedTime(Volatile.Read(ref lastAnswerStarted), now) < StallAfter || waitingSince.IsEmpty)
        {
            return null;
        }
        var oldest = clock.GetElapsedTime(waitingSince.Values.Min(), now);
        return oldest >= StallAfter ? oldest : null;
    }

    private void Answered(long request)
    {
        if (waitingSince.TryRemove(request, out _))
        {
            Volatile.Write(ref lastAnswerStarted, clock.GetTimestamp());
        }
    }

    private sealed class Waiting(RequestProgress progress, long request) : IDisposable
    {
        public void Dispose() => progress.Answered(request);
    }
}

/// <summary>Feeds <see cref="RequestProgress"/> with every request except the health probes.</summary>
public sealed class RequestProgressMiddleware(RequestDelegate next, RequestProgress progress)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ServiceDefaultsExtensions.IsProbe(context.Request.Path))
        {
            await next(context);
            return;
        }
        using var waiting = progress.Arrived();
        context.Response.OnStarting(() =>
        {
            waiting.Dispose();
            return Task.CompletedTask;
        });
        await next(context);
    }
}

/// <summary><c>/alive</c>'s check: Unhealthy once <see cref="RequestProgress"/> says the process is stalled.</summary>
public sealed class RequestProgressHealthCheck(RequestProgress progress) : IHealthCheck
{
    public const string Name = "progress";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(progress.Stalled() is { } waited
            ? HealthCheckResult.Unhealthy(
                $"A request has waited {waited.TotalSeconds:F0} s for its answer and none was answered in " +
                $"{RequestProgress.StallAfter.TotalSeconds:F0} s: the process has stopped making progress.")
            : HealthCheckResult.Healthy());
}
