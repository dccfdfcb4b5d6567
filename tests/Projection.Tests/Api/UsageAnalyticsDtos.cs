namespace BillingOne.Projection.Tests.Api;

// The usage dashboard's and Over/Under's answers as the analytics tests read them.

public sealed record OverUnderSummaryDto(string? Period, List<string> Periods, string? Currency, int Clients, int OverCommit,
        int UnderCommit, int Mixed, int OnCommit, decimal FinalCost, decimal Committed, decimal Overage, decimal Buffer);

public sealed record OverUnderClientDto(Guid ClientId, string? ClientName, List<string> UnitTypes, string Status,
        string Currency, decimal FinalCost, decimal Committed, decimal VsCommit, decimal Overage, decimal Buffer);

public sealed record TrendPointDto(string Period, decimal Overage, decimal Buffer);

public sealed record TrendDto(string? Currency, List<TrendPointDto> Points);

public sealed record CandidateDto(Guid ClientId, string? ClientName, List<string> UnitTypes, decimal Committed,
        decimal Buffer, decimal BufferUnits, decimal? PercentUnused);

public sealed record RightSizeDto(string? Period, string? Currency, decimal TotalBuffer, List<CandidateDto> Items);

public sealed record UnitTypeDto(string UnitTypeKey, int Buckets, decimal DeltaUnits, decimal Overage, decimal Buffer);

public sealed record UnitTypesDto(string? Period, string? Currency, List<UnitTypeDto> Items);

public sealed record NewOverageDto(Guid ClientId, string? ClientName, Guid BucketId, string BucketName,
        decimal CommitUnits, decimal ProjectedUsage, decimal? PercentOfCommit, decimal? LastPeriodPercentOfCommit,
        decimal ProjectedCost);

public sealed record TopClientDto(Guid ClientId, string? ClientName, decimal Projected, decimal Share);

public sealed record StatusCountsDto(int OverCommit, int UnderCommit, int Mixed, int OnCommit);

public sealed record SourceTypeDto(string SourceType, decimal Revenue, decimal Share);

public sealed record DashboardDto(string? Period, string? LastPeriod, string? Currency, decimal? ProjectedRevenue,
        decimal? LastPeriodRevenue, decimal? MonthOverMonthChange, decimal? MonthOverMonthPercent,
        List<NewOverageDto> NewOverages, List<TopClientDto> TopClients, StatusCountsDto? LastPeriodStatus,
        List<SourceTypeDto> RevenueBySourceType, decimal? AverageRevenuePerClient, int ClientsBilledLastPeriod,
        DateTimeOffset? LastProjectionAt);
