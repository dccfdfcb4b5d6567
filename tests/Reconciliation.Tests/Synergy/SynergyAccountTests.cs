using BillingOne.Reconciliation.Connectors.Synergy;
using BillingOne.Reconciliation.Integrations;

namespace BillingOne.Reconciliation.Tests.Synergy;

[Trait("Category", "Unit")]
public sealed class SynergyAccountTests
{
    private static readonly SynergyAccount Acme = new("acme pty ltd", "Acme Pty Ltd");

    private static readonly Dictionary<string, SynergyAccount?> Registrants = new()
    {
        ["acme.com.au"] = Acme,
        ["orphan.net"] = null,
    };

    [Theory]
    [InlineData("  Acme   Pty Ltd ", "acme pty ltd", "Acme Pty Ltd")]
    [InlineData("ACME PTY LTD", "acme pty ltd", "ACME PTY LTD")]
    public void An_organisation_folds_case_and_spacing_into_its_key(string organisation, string externalId, string name) =>
        SynergyAccount.FromOrganisation(organisation).ShouldBe(new SynergyAccount(externalId, name));

    [Fact]
    public void A_domain_without_organisation_has_no_account() =>
        SynergyAccount.FromOrganisation("  ").ShouldBeNull();

    [Theory]
    [InlineData("acme.com.au")]
    [InlineData("www.acme.com.au")]
    [InlineData("*.acme.com.au")]
    [InlineData("shop.eu.acme.com.au")]
    public void Hosts_under_a_registered_domain_belong_to_its_account(string host) =>
        SynergyIntegration.AccountOf(host, Registrants).ShouldBe(Acme);

    [Theory]
    [InlineData("elsewhere.com")]
    [InlineData("www.orphan.net")]
    [InlineData("com.au")]
    public void Hosts_under_no_registered_account_have_none(string host) =>
        SynergyIntegration.AccountOf(host, Registrants).ShouldBeNull();
}
