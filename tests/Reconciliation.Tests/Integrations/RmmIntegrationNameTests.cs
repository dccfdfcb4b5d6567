using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Integrations;

namespace BillingOne.Reconciliation.Tests.Integrations;

/// <summary>The RMM integration is named by its vendor where people read about it (a failed sync's notification).</summary>
[Trait("Category", "Unit")]
public sealed class RmmIntegrationNameTests
{
    // Naming reads only the settings: neither the connectors nor the store is used.
    private readonly IIntegration rmm = new RmmIntegration(null!, null!);

    [Theory]
    [InlineData(RmmVendors.NinjaOneKey, "NinjaOne")]
    [InlineData(RmmVendors.DattoRmmKey, "Datto RMM")]
    [InlineData("kaseya", "RMM")]
    [InlineData("", "RMM")]
    public void An_organizations_rmm_is_named_by_the_vendor_its_settings_choose(string vendor, string name) =>
        rmm.DisplayNameFor(new IntegrationValues(new Dictionary<string, string> { [RmmConnectorFactory.VendorSetting] = vendor }))
            .ShouldBe(name);
}
