using System.ComponentModel;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

/// <summary>Query parameters of <c>GET /api/metering/provisioning/runs</c>.</summary>
public sealed record ProvisioningRunListParameters(
    [property: Description("1-based page number (default 1).")]
    [FromQuery(Name = "page")] int? Page,
    [property: Description("Rows per page, 1–200 (default 50).")]
    [FromQuery(Name = "pageSize")] int? PageSize);

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
