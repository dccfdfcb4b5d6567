using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.BillingRuns;

/// <summary>
/// Computes a claimed run: each client's buckets priced over the month (a few clients per step, so the run shows its
/// progress), then the adjustments late readings made to finalized months, booked on the run's month. Everything is
/// written at the end in one transaction; until then the period's previous drafts stand.
/// </summary>
public sealed class BillingRunExecutor(BucketQueries buckets, BillingRunStore runs)
{
    /// <summary>Clients whose buckets one usage statement prices before the run reports progress.</summary>
    public const int ClientsPerStep = 100;

    public async Task ExecuteAsync(BillingRun run, IAuditTrail audit, CancellationToken cancellationToken)
    {
        var month = new BillingMonth(run.Year, run.Month);
        var clients = await buckets.EnabledBucketsPerClientAsync(run.OrgId, cancellationToken);
        var bucketsTotal = clients.Sum(client => client.Buckets);
        await runs.UpdateProgressAsync(run, 0, clients.Count, 0, bucketsTotal, cancellationToken);

        var lines = new List<BillingLine>(bucketsTotal);
        var readings = new Dictionary<Guid, BillingLine>(bucketsTotal);
        var (clientsDone, bucketsDone) = (0, 0);
        foreach (var step in clients.Chunk(ClientsPerStep))
        {
            var usage = await buckets.UsageForMonthAsync(run.OrgId, run.Year, run.Month,
                step.Select(client => client.ClientId).ToList(), cancellationToken);
            foreach (var view in usage)
            {
                if (!BillingLine.TryPrice(view.Bucket, view.UnitTypeKey, view.PeriodStart, view.PeriodEnd, view.Usage,
                    out var line))
                {
                    await FailUncalculableAsync(run, view.Bucket.Id);
                    return;
                }
                lines.Add(line);
                readings[line.BucketId] = line;
            }
            clientsDone += step.Length;
            bucketsDone += usage.Count;
            await runs.UpdateProgressAsync(run, clientsDone, clients.Count, bucketsDone, bucketsTotal,
                cancellationToken);
        }

        foreach (var corrected in await runs.MonthsWithLateReadingsAsync(run.OrgId, month, cancellationToken))
        {
            var bills = await runs.FinalizedBillsAsync(run.OrgId, corrected, month, cancellationToken);
            var usageNow = await runs.CorrectedUsageAsync(run.OrgId, corrected, cancellationToken);
            foreach (var bill in bills)
            {
                // A bucket disabled or deleted since has no reading this month to book its adjustment with.
                if (!usageNow.TryGetValue(bill.BucketId, out var usage)
                    || !readings.TryGetValue(bill.BucketId, out var booking))
                {
                    continue;
                }
                if (!bill.TryAdjust(usage, out var difference))
                {
                    await FailUncalculableAsync(run, bill.BucketId);
                    return;
                }
                if (difference is not null)
                {
                    lines.Add(booking.AdjustmentOf(bill, difference));
                }
            }
        }

        if (!await runs.CompleteAsync(run, lines, audit, cancellationToken))
        {
            await runs.FinishAsync(run, BillingRunStatus.Failed, $"{month} was finalized while the run worked; its " +
                "final readings stand and the run wrote nothing.");
        }
    }

    private Task FailUncalculableAsync(BillingRun run, Guid bucketId) =>
        runs.FinishAsync(run, BillingRunStatus.Failed, $"The cost of bucket '{bucketId}' is beyond what can be " +
            "calculated for its usage: check its prices and commit. Nothing was written.");
}
