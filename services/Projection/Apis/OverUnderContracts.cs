using System.ComponentModel;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Data;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Projection.Apis;

/// <summary>The period an Over/Under figure is for.</summary>
public sealed record OverUnderPeriodParameters(
    [property: Description("A finalized month, YYYY-MM; absent = the latest finalized period.")]
    [FromQuery(Name = "period")] string? Period);

/// <summary>Query parameters of the Over/Under per-client table and its export (besides the paging).</summary>
public sealed record OverUnderClientParameters(
    [property: Description("A finalized month, YYYY-MM; absent = the latest finalized period.")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("over-commit, under-commit or mixed; absent lists every client.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("Part of the client's name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("client (default), final-cost, vs-commit, overage or buffer.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc; the client's name defaults to asc, figures to desc.")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record OverUnderTrendParameters(
    [property: Description("How many finalized periods, 1–36 (default 12).")]
    [FromQuery(Name = "periods")] int? Periods);

public sealed record RightSizeParameters(
    [property: Description("A finalized month, YYYY-MM; absent = the latest finalized period.")]
    [FromQuery(Name = "period")] string? Period,
    [property: Description("Keeps the buckets of one unit type (its key).")]
    [FromQuery(Name = "unitType")] string? UnitType,
    [property: Description("How many candidates, 1–100 (default 10).")]
    [FromQuery(Name = "limit")] int? Limit);

/// <summary>The Over/Under screen's cards for a finalized period.</summary>
public sealed record OverUnderSummaryResponse(
    [property: Description("The period, YYYY-MM; null when the organization has no finalized period.")] string? Period,
    [property: Description("The finalized periods, newest first.")] IReadOnlyList<string> Periods,
    [property: Description("The currency of most of the period's buckets, which the money figures are in; null without any.")]
    string? Currency,
    [property: Description("Clients with a bucket in the period.")] int Clients,
    [property: Description("Clients with a bucket over its commit and none under.")] int OverCommit,
    [property: Description("Clients with a bucket under its commit and none over.")] int UnderCommit,
    [property: Description("Clients with buckets both over and under.")] int Mixed,
    [property: Description("Clients with every bucket exactly on its commit.")] int OnCommit,
    [property: Description("Σ (base line + overage $) of the buckets in currency.")] decimal FinalCost,
    [property: Description("Σ base line: what the commits cost.")] decimal Committed,
    [property: Description("Σ overage $: billed above commit.")] decimal Overage,
    [property: Description("Σ buffer $: paid for capacity not used (part of the base, not added to the cost).")]
    decimal Buffer);

/// <summary>A client's buckets of one currency in a period.</summary>
public sealed record OverUnderClientResponse(
    Guid ClientId,
    [property: Description("The client's name as metering last announced it; null when metering had none.")]
    string? ClientName,
    [property: Description("The unit type keys of the client's buckets, sorted.")] IReadOnlyList<string> UnitTypes,
    [property: Description("over-commit, under-commit, mixed or on-commit, from all the client's buckets.")] string Status,
    [property: Description("ISO 4217 code of the row's money.")] string Currency,
    [property: Description("Σ (base line + overage $).")] decimal FinalCost,
    [property: Description("Σ base line.")] decimal Committed,
    [property: Description("Overage − Buffer: positive when the client used more than it committed to, in $.")]
    decimal VsCommit,
    [property: Description("Σ overage $.")] decimal Overage,
    [property: Description("Σ buffer $.")] decimal Buffer)
{
    public static OverUnderClientResponse From(OverUnderClientRow row) => new(row.ClientId, row.ClientName, row.UnitTypes,
        row.Status, row.Currency, Decimals.Amount(row.FinalCost, row.Currency),
        Decimals.Amount(row.Committed, row.Currency), Decimals.Amount(row.Overage - row.Buffer, row.Currency),
        Decimals.Amount(row.Overage, row.Currency), Decimals.Amount(row.Buffer, row.Currency));
}

public sealed record OverUnderTrendResponse(
    [property: Description("The currency of most buckets of the periods; null without any.")] string? Currency,
    [property: Description("The last finalized periods, oldest first.")] IReadOnlyList<OverUnderTrendPoint> Points);

public sealed record OverUnderTrendPoint(
    [property: Description("YYYY-MM.")] string Period,
    [property: Description("Σ overage $ of the period's buckets in currency.")] decimal Overage,
    [property: Description("Σ buffer $ of the period's buckets in currency.")] decimal Buffer);

public sealed record RightSizeResponse(
    [property: Description("The period, YYYY-MM; null when the organization has no finalized period.")] string? Period,
    [property: Description("The currency of most of the period's buckets (the unit type filter applied); null without any.")]
    string? Currency,
    [property: Description("Σ buffer $ of the period's buckets in currency (the unit type filter applied).")]
    decimal TotalBuffer,
    [property: Description("Clients with buffer in currency, most buffer first.")]
    IReadOnlyList<RightSizeCandidateResponse> Items);

public sealed record RightSizeCandidateResponse(
    Guid ClientId,
    string? ClientName,
    [property: Description("The unit type keys of the client's buckets counted, sorted.")] IReadOnlyList<string> UnitTypes,
    [property: Description("Σ base line.")] decimal Committed,
    [property: Description("Σ buffer $.")] decimal Buffer,
    [property: Description("Σ max(0, commit − usage).")] decimal BufferUnits,
    [property: Description("Buffer / Committed × 100 (up to 6 decimals, the UI rounds it); null when nothing is committed.")]
    decimal? PercentUnused)
{
    public static RightSizeCandidateResponse From(RightSizeCandidateRow row, string currency) => new(row.ClientId,
        row.ClientName, row.UnitTypes, Decimals.Amount(row.Committed, currency), Decimals.Amount(row.Buffer, currency),
        row.BufferUnits, Domain.AnalyticsFigures.Percent(row.Buffer, row.Committed));
}

public sealed record UnitTypeOverUnderResponse(
    [property: Description("The period, YYYY-MM; null when the organization has no finalized period.")] string? Period,
    [property: Description("The currency of most of the period's buckets, the only ones counted; null without any.")]
    string? Currency,
    IReadOnlyList<UnitTypeOverUnderItem> Items);

public sealed record UnitTypeOverUnderItem(
    string UnitTypeKey,
    int Buckets,
    [property: Description("Σ (usage − commit + the usage of the adjustments booked on the period): what is actually " +
        "being delivered against the commits.")]
    decimal DeltaUnits,
    [property: Description("Σ overage $: upsell wins.")] decimal Overage,
    [property: Description("Σ buffer $: retention risk.")] decimal Buffer)
{
    public static UnitTypeOverUnderItem From(UnitTypeOverUnderRow row, string currency) => new(row.UnitTypeKey,
        (int)row.Buckets, row.DeltaUnits, Decimals.Amount(row.Overage, currency), Decimals.Amount(row.Buffer, currency));
}
