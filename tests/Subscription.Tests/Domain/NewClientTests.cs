using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class NewClientTests
{
    [Fact]
    public void A_valid_request_is_normalized()
    {
        var errors = new Dictionary<string, string[]>();
        NewClient.Create(" Acme ", "Europe/Berlin", errors).ShouldBe(new NewClient("Acme", "Europe/Berlin"));
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Every_invalid_member_is_reported_under_its_json_name()
    {
        var errors = new Dictionary<string, string[]>();
        NewClient.Create("", "Nowhere/Special", errors).ShouldBeNull();
        errors.Keys.ShouldBe(["name", "timeZone"], ignoreOrder: true);
    }
}
