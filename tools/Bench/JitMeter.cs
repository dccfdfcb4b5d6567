namespace BillingOne.Bench;

/// <summary>
/// What the runtime's background JIT uses in the system's processes while it runs (<see cref="ProcessCpu.JitSnapshot"/>).
/// A tiered-compilation thread ends once it has had nothing to compile for a few seconds (4 s by default), and its
/// CPU goes with it: comparing two snapshots alone misses every thread that ended between them. Sampled every second,
/// each thread's last reading comes after its last work, so nothing is missed.
/// </summary>
public sealed class JitMeter : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly string dataDirectory;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private Dictionary<string, double> last;
    private double seconds;

    private JitMeter(string dataDirectory)
    {
        this.dataDirectory = dataDirectory;
        last = ProcessCpu.JitSnapshot(dataDirectory);
        sampling = SampleAsync();
    }

    public static JitMeter Start(string dataDirectory) => new(dataDirectory);

    /// <summary>Stops sampling and answers the CPU seconds the JIT threads used since <see cref="Start"/>.</summary>
    public async Task<double> StopAsync()
    {
        await stop.CancelAsync();
        await sampling;
        Sample();
        return seconds;
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Sample();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>Adds what each thread used since the last sample; a thread new since then started from nothing.</summary>
    private void Sample()
    {
        var now = ProcessCpu.JitSnapshot(dataDirectory);
        seconds += now.Sum(thread => Math.Max(0, thread.Value - last.GetValueOrDefault(thread.Key)));
        last = now;
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }
        stop.Dispose();
    }
}
