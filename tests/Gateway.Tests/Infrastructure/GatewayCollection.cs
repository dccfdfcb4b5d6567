namespace BillingOne.Gateway.Tests.Infrastructure;

/// <summary>All gateway tests share one gateway and its backends.</summary>
[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
