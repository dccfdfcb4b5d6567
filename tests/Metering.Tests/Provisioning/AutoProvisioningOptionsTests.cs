using BillingOne.Metering.Provisioning;

namespace BillingOne.Metering.Tests.Provisioning;

[Trait("Category", "Unit")]
public class AutoProvisioningOptionsTests
{
    [Fact]
    public void The_default_schedule_is_nightly_at_two_utc()
    {
        var options = new AutoProvisioningOptions();

        options.Schedule.ShouldBe("0 2 * * *");
        AutoProvisioningOptions.IsValidSchedule(options.Schedule).ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("every night")]
    [InlineData("0 2 * *")]
    public void A_schedule_that_is_not_a_cron_expression_is_rejected(string? schedule)
    {
        AutoProvisioningOptions.IsValidSchedule(schedule).ShouldBeFalse();
    }
}
