using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AssignmentRuleDefinitionTests
{
    private static readonly Guid Client = Guid.Parse("5a1b0000-0000-4000-8000-000000000001");

    [Fact]
    public void A_rule_trims_its_pattern_and_targets_the_asset_id_by_default()
    {
        var errors = new Dictionary<string, string[]>();

        var rule = AssignmentRuleDefinition.Create("  srv-*  ", null, Client, errors);

        errors.ShouldBeEmpty();
        rule.ShouldBe(new AssignmentRuleDefinition("srv-*", AssignmentTarget.AssetId, Client));
    }

    [Theory]
    [InlineData("source", AssignmentTarget.Source)]
    [InlineData("SOURCE", AssignmentTarget.Source)]
    [InlineData("asset-id", AssignmentTarget.AssetId)]
    public void Targets_are_read_by_their_api_names(string target, AssignmentTarget expected)
    {
        var rule = AssignmentRuleDefinition.Create("x*", target, Client, new Dictionary<string, string[]>());

        rule!.Target.ShouldBe(expected);
        AssignmentTargets.Parse(expected.ToApiName()).ShouldBe(expected);
    }

    public static TheoryData<string?, string?, Guid?, string> InvalidRules => new()
    {
        { null, null, Client, "pattern" },
        { "   ", null, Client, "pattern" },
        { new string('p', 201), null, Client, "pattern" },
        { "srv\n*", null, Client, "pattern" },
        { "srv-*", "description", Client, "target" },
        { "srv-*", "assetId", Client, "target" },
        { "srv-*", null, null, "clientId" },
        { "srv-*", null, Guid.Empty, "clientId" },
    };

    [Theory]
    [MemberData(nameof(InvalidRules))]
    public void An_invalid_rule_names_the_member_at_fault(string? pattern, string? target, Guid? clientId, string member)
    {
        var errors = new Dictionary<string, string[]>();

        AssignmentRuleDefinition.Create(pattern, target, clientId, errors).ShouldBeNull();

        errors.Keys.ShouldBe([member]);
    }
}
