using System.ComponentModel;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Metering.Apis;

/// <summary>Members are nullable so a missing one is answered naming it, not with a generic binding error.</summary>
public sealed record BillingRunRequestFields(
    [property: Description("Calendar year of the period to bill.")] int? Year,
    [property: Description("Calendar month (1–12) of the period to bill.")] int? Month);

public sealed record BillingRunResponse(
    Guid Id,
    [property: Description("The billed month, YYYY-MM (each client's calendar month in its time zone).")] string Period,
    [property: Description("queued, running, completed or failed.")] string Status,
    int ClientsDone,
    int ClientsTotal,
    int BucketsDone,
    int BucketsTotal,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    [property: Description("Why a failed run failed.")] string? Error,
    Guid? RequestedBy)
{
    public static BillingRunResponse From(BillingRun run) => new(run.Id, new BillingMonth(run.Year, run.Month).ToString(),
        run.Status.ToApiName(), run.ClientsDone, run.ClientsTotal, run.BucketsDone, run.BucketsTotal, run.RequestedAt,
        run.StartedAt, run.FinishedAt, run.Error, run.RequestedBy);
}

public sealed record BillingReadingListParameters(
    [property: Description("The billed month, YYYY-MM (required).")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("1-based page number (default 1).")]
    [FromQuery(Name = "page")] int? Page,
    [property: Description("Rows per page.")]
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record BillingReadingResponse(
    Guid RunId,
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string? BucketName,
    [property: Description("First instant of the client's month (UTC, inclusive).")] DateTimeOffset PeriodStart,
    [property: Description("First instant of the next month (UTC, exclusive).")] DateTimeOffset PeriodEnd,
    decimal Usage,
    decimal CommitUnits,
    [property: Description("Base price line, rounded to the currency's minor units.")] decimal Base,
    decimal OverageUnits,
    [property: Description("Overage line (cost − base), rounded.")] decimal Overage,
    decimal BufferUnits,
    [property: Description("Unused commit's share of the base, rounded; part of the base, not added to the cost.")]
    decimal Buffer,
    [property: Description("Base + overage.")] decimal Cost,
    string Currency,
    [property: Description("draft or final.")] string Status,
    DateTimeOffset? FinalizedAt)
{
    public static BillingReadingResponse From(BillingReadingView view) => new(view.RunId, view.ClientId,
        view.ClientName, view.BucketId, view.BucketName, view.PeriodStart, view.PeriodEnd, view.Usage,
        view.CommitUnits, view.Base, view.OverageUnits, view.Overage, view.BufferUnits, view.Buffer, view.Cost,
        view.Currency, view.Status, view.FinalizedAt);
}
