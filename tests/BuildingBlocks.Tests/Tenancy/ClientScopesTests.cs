using BillingOne.BuildingBlocks.Tenancy;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Tenancy;

[Trait("Category", "Unit")]
public sealed class ClientScopesTests
{
    private static readonly Guid Own = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid Other = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void An_organization_wide_caller_sees_every_client()
    {
        ClientScopes.Allows(null, Own).ShouldBeTrue();
        ClientScopes.Allows(null, Other).ShouldBeTrue();
    }

    [Fact]
    public void A_client_scoped_caller_sees_its_own_client_only()
    {
        ClientScopes.Allows(Own, Own).ShouldBeTrue();
        ClientScopes.Allows(Own, Other).ShouldBeFalse();
    }
}
