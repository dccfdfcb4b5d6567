using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Invoice.Data;

namespace BillingOne.Invoice.DraftInvoices;

/// <summary>Wakes the push worker early when a finalized month arrived, instead of at its next poll.</summary>
public sealed class DraftInvoiceSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Raise()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Raised by another thread in between: one wake-up is enough.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}

public sealed class DraftInvoicePushOptions
{
    public const string Section = "DraftInvoices";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a claimed draft is left to its push before another attempt may claim it (a crash, a restart).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int BatchSize { get; set; } = 20;
}

/// <summary>
/// Claims the drafts due for a push and pushes them one by one. Runs in every replica: claims skip rows another
/// replica holds, and a claim's lease makes a draft whose push was cut short due again.
/// </summary>
public sealed partial class DraftInvoicePushWorker(
    IServiceScopeFactory scopes,
    DraftInvoiceStore drafts,
    DraftInvoiceSignal signal,
    Microsoft.Extensions.Options.IOptions<DraftInvoicePushOptions> options,
    TimeProvider clock,
    ILogger<DraftInvoicePushWorker> logger) : PeriodicWorker(clock)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        IReadOnlyList<DueDraftInvoice> due;
        do
        {
            due = await drafts.ClaimDueAsync(settings.BatchSize, settings.Lease, cancellationToken);
            await using var scope = scopes.CreateAsyncScope();
            var pusher = scope.ServiceProvider.GetRequiredService<DraftInvoicePusher>();
            foreach (var draft in due)
            {
                await pusher.PushAsync(draft, cancellationToken);
            }
        }
        while (due.Count == settings.BatchSize);
    }

    // The database was unreachable or a push failed unexpectedly: leased drafts come due again.
    protected override void OnPassFailed(Exception exception) => LogPassFailed(exception);

    /// <summary>Until the poll interval passes or a finalized month raises the signal.</summary>
    protected override Task WaitAsync(CancellationToken cancellationToken) => signal.WaitAsync(Interval, cancellationToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the draft invoice push failed; it is tried again")]
    private partial void LogPassFailed(Exception exception);
}
