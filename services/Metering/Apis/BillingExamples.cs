using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Metering.Apis;

/// <summary>The billing endpoints' examples in the OpenAPI document: one story, October 2026 of a Sydney client.</summary>
internal static class BillingExamples
{
    private static readonly Guid RunId = Guid.Parse("0199f3a0-6c1e-7b52-9d4e-3a1f5c7e9b20");
    private static readonly Guid ClientId = Guid.Parse("5d0b6c3e-2f4a-4e8b-9c1d-7a6e5f4b3c2a");
    private static readonly Guid BucketId = Guid.Parse("0199c2d4-8e7f-7a61-b3c5-9d2e4f6a8b10");
    private static readonly DateTimeOffset PeriodStart = new(2026, 9, 30, 14, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset PeriodEnd = new(2026, 10, 31, 13, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Finished = new(2026, 11, 1, 6, 0, 42, TimeSpan.Zero);

    public static readonly BillingRunRequestFields RunRequest = new(2026, 10);

    public static readonly BillingRunResponse Run = new(RunId, "2026-10", "completed", 120, 120, 860, 860,
        new DateTimeOffset(2026, 11, 1, 6, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 6, 0, 1, TimeSpan.Zero),
        Finished, null, null, "schedule", 41.2);

    public static readonly PagedResult<BillingRunResponse> RunPage = new([Run], 1, 50, 1);

    public static readonly PagedResult<BillingPeriodResponse> PeriodPage = new(
    [
        new BillingPeriodResponse("2026-10", 120, 860, 1, [new MoneyAmount("AUD", 48210.55m)], "draft", null),
        new BillingPeriodResponse("2026-09", 118, 842, 0, [new MoneyAmount("AUD", 47120.10m)], "final",
            new DateTimeOffset(2026, 10, 4, 14, 0, 0, TimeSpan.Zero)),
    ], 1, 50, 2);

    public static readonly PagedResult<ClientBillingResponse> ClientPage = new(
    [
        new ClientBillingResponse(ClientId, "Harbour Dental", PeriodStart, PeriodEnd, 3, 1,
            [new MoneyAmount("AUD", 1462.50m)], "draft"),
    ], 1, 50, 1);

    public static readonly BillingFinalizedResponse Finalized = new("2026-10", 861,
        new DateTimeOffset(2026, 11, 3, 13, 0, 0, TimeSpan.Zero));

    public static readonly PagedResult<BillingReadingResponse> ReadingPage = new(
    [
        new BillingReadingResponse(Guid.Parse("0199f3a1-0000-7000-8000-000000000001"), RunId, "reading", ClientId,
            "Harbour Dental", BucketId, "Backup storage", "rmm", "backup-gb", "max", PeriodStart, PeriodEnd, null,
            1250m, 1000m, 400.00m, 250m, 62.50m, 0m, 0.00m, 462.50m, "AUD", "draft", null),
        new BillingReadingResponse(Guid.Parse("0199f3a1-0000-7000-8000-000000000002"), RunId, "adjustment", ClientId,
            "Harbour Dental", BucketId, "Backup storage", "rmm", "backup-gb", "max", PeriodStart, PeriodEnd, "2026-08",
            40m, 1000m, 0.00m, 40m, 10.00m, 0m, 0.00m, 10.00m, "AUD", "draft", null),
    ], 1, 50, 2);

    public static readonly BucketBillingHistoryResponse History = new(BucketId, "AUD",
    [
        new BucketBillingMonthResponse("2026-09", PeriodStart.AddMonths(-1), PeriodEnd.AddMonths(-1), 900m, 1000m,
            400.00m, 0.00m, 0m, 40.00m, 100m, 0.00m, "AUD", "final"),
        new BucketBillingMonthResponse("2026-10", PeriodStart, PeriodEnd, 1250m, 1000m, 462.50m, 62.50m, 250m, 0.00m,
            0m, 0.00m, "AUD", "draft"),
    ]);

    public static readonly BillingSettingsResponse Settings = new("0 6 1 * *", true);
}
