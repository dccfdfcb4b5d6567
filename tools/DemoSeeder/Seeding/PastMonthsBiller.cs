using System.Globalization;
using BillingOne.DemoSeeder.DemoData;
using BillingOne.DemoSeeder.Gateway;
using Microsoft.Extensions.Logging;

namespace BillingOne.DemoSeeder.Seeding;

/// <summary>
/// What billing the past did: the months whose run this seeding completed or waited for, the months it found final
/// already (not billed again), and the adjustment lines in the months it billed.
/// </summary>
public sealed record BillingTally(int PeriodsBilled, int PeriodsFinalAlready, int Adjustments, IngestTally LateReading);

/// <summary>
/// Bills the three calendar months before the current one (UTC), oldest first, so that the billing pages show
/// finished months while the current one stays open: the oldest is billed and finalized, then its late reading is
/// sent, so the next month's run books it as an adjustment; the newest is billed last. A month final already is not
/// billed again and a run of the month in progress is waited for, so a re-run (or the billing scheduler finalizing
/// months first) changes nothing.
/// </summary>
public sealed partial class PastMonthsBiller(
    GatewayApi api,
    ReadingUploader uploader,
    SeederTimings timings,
    TimeProvider timeProvider,
    ILogger logger)
{
    public async Task<BillingTally> BillAsync(string lateReadingIngestKey, DateOnly today,
        CancellationToken cancellationToken)
    {
        var currentMonth = new DateOnly(today.Year, today.Month, 1);
        DateOnly[] months = [currentMonth.AddMonths(-3), currentMonth.AddMonths(-2), currentMonth.AddMonths(-1)];
        var (corrected, booking, newest) = (months[0], months[1], months[2]);
        var billed = new List<string>();

        if (await BillMonthAsync(corrected, cancellationToken))
        {
            billed.Add(PeriodOf(corrected));
        }
        await FinalizeAsync(corrected, cancellationToken);
        var late = await SendLateReadingAsync(lateReadingIngestKey, corrected, cancellationToken);
        if (await BillMonthAsync(booking, cancellationToken))
        {
            billed.Add(PeriodOf(booking));
            await EnsureLateReadingBookedAsync(booking, corrected, cancellationToken);
        }
        if (await BillMonthAsync(newest, cancellationToken))
        {
            billed.Add(PeriodOf(newest));
        }

        var adjustments = (await api.ListBillingPeriodsAsync(cancellationToken))
            .Where(period => billed.Contains(period.Period))
            .Sum(period => period.Adjustments);
        var finalAlready = months.Length - billed.Count;
        LogBilling(billed.Count, finalAlready, adjustments, PeriodOf(currentMonth));
        return new BillingTally(billed.Count, finalAlready, adjustments, late);
    }

    /// <summary>True once a run of the month completed; false when the month is final already.</summary>
    private async Task<bool> BillMonthAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var period = PeriodOf(month);
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            if (await api.StartBillingRunAsync(month.Year, month.Month, cancellationToken) is { } runId)
            {
                await WaitForRunAsync(runId, period, cancellationToken);
                return true;
            }
            // A 409 naming no run: the month is final, or its run finished between the request and the answer.
            if ((await api.ListBillingPeriodsAsync(cancellationToken)).Any(found => found.Period == period && found.IsFinal))
            {
                LogFinalAlready(period);
                return false;
            }
            if (timeProvider.GetElapsedTime(started) >= timings.BillingRunTimeout)
            {
                throw new SeedingFailedException(
                    $"Billing of {period} is still refused as in progress after {timings.BillingRunTimeout:g}.");
            }
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
        }
    }

    private async Task WaitForRunAsync(Guid runId, string period, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var run = await api.GetBillingRunAsync(runId, cancellationToken);
        while (run.IsActive)
        {
            if (timeProvider.GetElapsedTime(started) >= timings.BillingRunTimeout)
            {
                throw new SeedingFailedException(
                    $"The billing run {runId} of {period} is still {run.Status} after {timings.BillingRunTimeout:g}.");
            }
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
            run = await api.GetBillingRunAsync(runId, cancellationToken);
        }
        if (run.Status != "completed")
        {
            throw new SeedingFailedException($"The billing run {runId} of {period} {run.Status}: {run.Error}");
        }
        LogRunCompleted(period, runId);
    }

    /// <summary>Finalizes the month now; the billing scheduler may have done it first when its grace period is over.</summary>
    private async Task FinalizeAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var period = PeriodOf(month);
        while (true)
        {
            var finalization = await api.FinalizeBillingPeriodAsync(period, cancellationToken);
            if (finalization.ActiveRunId is { } runId)
            {
                // Someone else's run of the month: its drafts are finalized once it is done.
                await WaitForRunAsync(runId, period, cancellationToken);
                continue;
            }
            LogFinalized(period, finalization.FinalizedNow ? "finalized now" : "final already");
            return;
        }
    }

    private async Task<IngestTally> SendLateReadingAsync(string ingestApiKey, DateOnly month,
        CancellationToken cancellationToken)
    {
        var tally = await uploader.UploadAsync(ingestApiKey, [DemoReadings.LateFor(month)], cancellationToken);
        if (tally.Rejected > 0 || tally.Conflicts > 0)
        {
            throw new SeedingFailedException(
                $"Ingestion did not take the late reading of {PeriodOf(month)}: " +
                (tally.Rejected > 0 ? string.Join("; ", tally.RejectionReasons) : "it conflicts with one sent before."));
        }
        LogLateReading(PeriodOf(month), tally.Accepted, tally.Duplicates);
        return tally;
    }

    /// <summary>
    /// The late reading reaches metering by the bus, a moment after ingestion took it: while the month's run did not
    /// book its adjustment, the month is billed again (a run replaces its drafts), until metering has stored it.
    /// </summary>
    private async Task EnsureLateReadingBookedAsync(DateOnly month, DateOnly corrected,
        CancellationToken cancellationToken)
    {
        var period = PeriodOf(month);
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            // Null: the run wrote no lines at all, so it booked nothing either.
            var billedMonth = (await api.ListBillingPeriodsAsync(cancellationToken))
                .FirstOrDefault(found => found.Period == period);
            if (billedMonth?.Adjustments > 0)
            {
                return;
            }
            if (billedMonth?.IsFinal == true)
            {
                // The scheduler finalized the month first: the next month's run books the adjustment instead.
                LogLateReadingLeftForLater(period, PeriodOf(corrected));
                return;
            }
            if (timeProvider.GetElapsedTime(started) >= timings.MeteringCatchUpTimeout)
            {
                throw new SeedingFailedException(
                    $"The billing runs of {period} booked no adjustment for the late reading of {PeriodOf(corrected)} " +
                    $"within {timings.MeteringCatchUpTimeout:g}. Is metering consuming UsageReadingsAccepted?");
            }
            LogLateReadingPending(period);
            await Task.Delay(timings.PollInterval, timeProvider, cancellationToken);
            await BillMonthAsync(month, cancellationToken);
        }
    }

    private static string PeriodOf(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Billing run {RunId} of {Period} completed")]
    private partial void LogRunCompleted(string period, Guid runId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "{Period} is finalized already: not billed again")]
    private partial void LogFinalAlready(string period);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "Finalizing {Period}: {Outcome}")]
    private partial void LogFinalized(string period, string outcome);

    [LoggerMessage(EventId = 23, Level = LogLevel.Information,
        Message = "Late reading of {Period} sent: {Accepted} accepted, {Duplicates} duplicates")]
    private partial void LogLateReading(string period, int accepted, int duplicates);

    [LoggerMessage(EventId = 24, Level = LogLevel.Information,
        Message = "The run of {Period} booked no adjustment: metering has not stored the late reading yet, billing again shortly")]
    private partial void LogLateReadingPending(string period);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning,
        Message = "{Period} was finalized before a run booked the late reading of {Corrected}: a later month's run books it")]
    private partial void LogLateReadingLeftForLater(string period, string corrected);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information,
        Message = "Past months: {Billed} billed, {FinalAlready} final already, {Adjustments} adjustments booked; {Open} stays open")]
    private partial void LogBilling(int billed, int finalAlready, int adjustments, string open);
}
