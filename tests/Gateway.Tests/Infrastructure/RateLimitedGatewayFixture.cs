namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>A second gateway with budgets small enough to run out of in a test.</summary>
public sealed class RateLimitedGatewayFixture : GatewayFixture
{
    public const int RequestsPerMinute = 5;
    public const int IngestRequestsPerMinute = 8;
    public const int SignInAttemptsPerMinute = 3;

    protected override IReadOnlyDictionary<string, int> RateLimits { get; } = new Dictionary<string, int>
    {
        ["RequestsPerMinute"] = RequestsPerMinute,
        ["IngestRequestsPerMinute"] = IngestRequestsPerMinute,
        ["SignInAttemptsPerMinute"] = SignInAttemptsPerMinute,
    };
}

/// <summary>The rate-limit tests share their own gateway: its source-address budget is shared by every test.</summary>
[CollectionDefinition(Name)]
public sealed class RateLimitedGatewayCollection : ICollectionFixture<RateLimitedGatewayFixture>
{
    public const string Name = "rate-limited gateway";
}
