using System.ComponentModel;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Apis;

public sealed record ProvisioningRunResponse(
    Guid Id,
    [property: Description("schedule or manual.")] string Trigger,
    [property: Description("running, succeeded or failed.")] string Status,
    [property: Description("Buckets created so far.")] int BucketsCreated,
    [property: Description("Assets bound to them so far.")] int AssetsBound,
    [property: Description("Why a failed run failed.")] string? Error,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static ProvisioningRunResponse From(ProvisioningRun run) => new(run.Id, run.Trigger.ToApiName(),
        run.Status.ToApiName(), run.BucketsCreated, run.AssetsBound, run.Error, run.StartedAt, run.FinishedAt);
}
