using BillingOne.Contracts.Events;
using BillingOne.Subscription.Domain.Licensing;

namespace BillingOne.Subscription.Tests.Domain.Licensing;

[Trait("Category", "Unit")]
public class ProductCoverageTests
{
    [Theory]
    [InlineData("Datto SIRIS Server Backup", "Datto", ProductCoverages.Servers)]
    [InlineData("Acronis Cyber Protect – Servers", "Acronis", ProductCoverages.Servers)]
    [InlineData("Veeam Backup for Workstations", "Veeam", ProductCoverages.Workstations)]
    [InlineData("Desktop Support Plan", "Acme", ProductCoverages.Workstations)]
    [InlineData("SentinelOne Complete (per endpoint)", "SentinelOne", ProductCoverages.Devices)]
    [InlineData("NinjaOne RMM", "NinjaOne", ProductCoverages.Devices)]
    [InlineData("Serverless Functions Add-on", "Acme", ProductCoverages.Devices)]
    public void A_per_device_products_name_suggests_what_it_covers(string name, string vendor, string covers) =>
        ProductCoverage.Suggest(name, vendor).ShouldBe(covers);

    [Fact]
    public void A_per_device_product_without_a_class_set_is_a_suggestion_to_review() =>
        ProductCoverage.Of(LicenceUnits.Device, null, manual: true, "Server Backup", "Datto")
            .ShouldBe((ProductCoverages.Servers, ProductCoverage.SourceSuggested));

    [Fact]
    public void A_class_a_person_set_wins_over_the_name() =>
        ProductCoverage.Of(LicenceUnits.Device, ProductCoverages.Devices, manual: true, "Server Backup", "Datto")
            .ShouldBe((ProductCoverages.Devices, ProductCoverage.SourceManual));

    [Theory]
    [InlineData(false, ProductCoverage.SourcePax8)]
    [InlineData(true, ProductCoverage.SourceManual)]
    public void A_per_user_product_covers_users(bool manual, string source) =>
        ProductCoverage.Of(LicenceUnits.User, null, manual, "Microsoft 365 Business Premium", "Microsoft")
            .ShouldBe((ProductCoverages.Users, source));

    [Fact]
    public void A_product_that_counts_as_no_licence_covers_nothing() =>
        ProductCoverage.Of(null, null, manual: false, "Domain renewal", "Acme").ShouldBeNull();
}
