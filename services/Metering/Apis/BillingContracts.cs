using System.ComponentModel;
using BillingOne.Contracts.Money;
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
    Guid? RequestedBy,
    [property: Description("manual (Run Billing, the API) or schedule (the organization's monthly schedule).")]
    string Trigger,
    [property: Description("Seconds from start to finish (so far, while it runs); null while queued.")]
    double? DurationSeconds)
{
    public static BillingRunResponse From(BillingRun run, DateTimeOffset now) => new(run.Id,
        new BillingMonth(run.Year, run.Month).ToString(), run.Status.ToApiName(), run.ClientsDone, run.ClientsTotal,
        run.BucketsDone, run.BucketsTotal, run.RequestedAt, run.StartedAt, run.FinishedAt, run.Error, run.RequestedBy,
        run.Trigger.ToApiName(),
        run.StartedAt is { } started ? ((run.FinishedAt ?? now) - started).TotalSeconds : null);
}

public sealed record BillingReadingListParameters(
    [property: Description("The billed month, YYYY-MM (required).")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("Only this client's lines (404 when the client is unknown).")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("1-based page number (default 1).")]
    [FromQuery(Name = "page")] int? Page,
    [property: Description("Rows per page.")]
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record BillingClientListParameters(
    [property: Description("Part of the client's name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("1-based page number (default 1).")]
    [FromQuery(Name = "page")] int? Page,
    [property: Description("Rows per page.")]
    [FromQuery(Name = "pageSize")] int? PageSize);

public sealed record BillingPeriodListParameters(
    [property: Description("Only months that end on or after this day (YYYY-MM-DD).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Only months that start on or before this day (YYYY-MM-DD).")]
    [FromQuery(Name = "to")] string? To);

public sealed record BillingExportParameters(
    [property: Description("The billed month, YYYY-MM; default the most recently loaded month.")]
    [FromQuery(Name = "period")] string? Period);

public sealed record BillingHistoryParameters(
    [property: Description("How many of the latest billed months (1–60, default 12).")]
    [FromQuery(Name = "months")] int? Months);

/// <summary>An amount in one currency, rounded to its minor units.</summary>
public sealed record MoneyAmount(string Currency, decimal Amount)
{
    public static MoneyAmount From(Money money) => new(money.Currency, Decimals.Amount(money.Amount, money.Currency));
}

public sealed record BillingPeriodResponse(
    [property: Description("The billed month, YYYY-MM.")] string Period,
    int Clients,
    [property: Description("Bucket readings (adjustment lines not counted).")] int Buckets,
    [property: Description("Adjustment lines: late readings' corrections of finalized months.")] int Adjustments,
    [property: Description("Total cost per currency: the sum of the rounded lines, adjustments included.")]
    IReadOnlyList<MoneyAmount> Totals,
    [property: Description("draft, final, or partial.")] string Status,
    DateTimeOffset? FinalizedAt)
{
    public static BillingPeriodResponse From(BillingPeriodSummary summary) => new(summary.Month.ToString(),
        summary.Clients, summary.Buckets, summary.Adjustments, summary.Totals.Select(MoneyAmount.From).ToList(),
        summary.Status.ToString().ToLowerInvariant(), summary.FinalizedAt);
}

public sealed record ClientBillingResponse(
    Guid ClientId,
    string? ClientName,
    [property: Description("First instant of the client's month (UTC, inclusive).")] DateTimeOffset PeriodStart,
    [property: Description("First instant of the next month (UTC, exclusive).")] DateTimeOffset PeriodEnd,
    int Buckets,
    int Adjustments,
    [property: Description("Total cost per currency, adjustments included.")] IReadOnlyList<MoneyAmount> Totals,
    [property: Description("draft, final, or partial.")] string Status)
{
    public static ClientBillingResponse From(ClientBillingSummary summary) => new(summary.ClientId,
        summary.ClientName, summary.PeriodStart, summary.PeriodEnd, summary.Buckets, summary.Adjustments,
        summary.Totals.Select(MoneyAmount.From).ToList(), summary.Status.ToString().ToLowerInvariant());
}

public sealed record BillingFinalizedResponse(string Period, int Finalized, DateTimeOffset FinalizedAt);

public sealed record BillingReadingResponse(
    Guid Id,
    Guid RunId,
    [property: Description("reading (the bucket's month) or adjustment (a late reading's correction of originalPeriod).")]
    string Kind,
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string BucketName,
    [property: Description("The bucket's source type: the billing type the export groups by; null takes every source.")]
    string? SourceType,
    string UnitTypeKey,
    string Aggregation,
    [property: Description("First instant of the client's month (UTC, inclusive).")] DateTimeOffset PeriodStart,
    [property: Description("First instant of the next month (UTC, exclusive).")] DateTimeOffset PeriodEnd,
    [property: Description("Adjustments only: the finalized month (YYYY-MM) they correct.")] string? OriginalPeriod,
    [property: Description("Total usage (adjustment: the change late readings made).")] decimal Usage,
    decimal CommitUnits,
    [property: Description("Base price line, rounded to the currency's minor units.")] decimal Base,
    decimal OverageUnits,
    [property: Description("Overage line (cost − base), rounded.")] decimal Overage,
    decimal BufferUnits,
    [property: Description("Unused commit's share of the base, rounded; part of the base, not added to the cost.")]
    decimal Buffer,
    [property: Description("Base + overage (adjustment: the change in cost).")] decimal Cost,
    string Currency,
    [property: Description("draft or final.")] string Status,
    DateTimeOffset? FinalizedAt)
{
    public static BillingReadingResponse From(BillingLineView line) => new(line.Id, line.RunId, line.Kind,
        line.ClientId, line.ClientName, line.BucketId, line.BucketName, line.SourceType, line.UnitTypeKey,
        line.Aggregation, line.PeriodStart, line.PeriodEnd, line.OriginalMonth?.ToString(), line.Usage,
        line.CommitUnits, Decimals.Amount(line.Base, line.Currency), line.OverageUnits,
        Decimals.Amount(line.Overage, line.Currency), line.BufferUnits, Decimals.Amount(line.Buffer, line.Currency),
        Decimals.Amount(line.Cost, line.Currency), line.Currency, line.Status, line.FinalizedAt);
}

public sealed record BucketBillingHistoryResponse(
    Guid BucketId,
    [property: Description("The bucket's currency (fixed when it was created).")] string Currency,
    IReadOnlyList<BucketBillingMonthResponse> Periods);

public sealed record BucketBillingMonthResponse(
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    decimal Usage,
    decimal CommitUnits,
    decimal Cost,
    decimal Overage,
    decimal OverageUnits,
    decimal Buffer,
    decimal BufferUnits,
    [property: Description("What adjustments booked in later months added to this month's cost.")]
    decimal AdjustmentCost,
    string Currency,
    [property: Description("draft or final.")] string Status)
{
    public static BucketBillingMonthResponse From(BucketBillingMonth month) => new(month.Month.ToString(),
        month.PeriodStart, month.PeriodEnd, month.Usage, month.CommitUnits,
        Decimals.Amount(month.Cost, month.Currency), Decimals.Amount(month.Overage, month.Currency),
        month.OverageUnits, Decimals.Amount(month.Buffer, month.Currency), month.BufferUnits,
        Decimals.Amount(month.AdjustmentCost, month.Currency), month.Currency, month.Status);
}

/// <summary>Members are nullable so a missing one is answered naming it.</summary>
public sealed record BillingSettingsFields(
    [property: Description("Five-field cron expression (UTC); each occurrence bills the previous month.")]
    string? Schedule,
    [property: Description("Whether the schedule runs billing.")] bool? ScheduleEnabled);

public sealed record BillingSettingsResponse(string Schedule, bool ScheduleEnabled)
{
    public static BillingSettingsResponse From(BillingSettings settings) => new(settings.Schedule,
        settings.ScheduleEnabled);
}
