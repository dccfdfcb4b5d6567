using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AssetChangeTests
{
    private static readonly DateTimeOffset Earlier = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2025, 3, 9, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid ClientA = Guid.Parse("5a1b0000-0000-4000-8000-00000000000a");
    private static readonly Guid ClientB = Guid.Parse("5a1b0000-0000-4000-8000-00000000000b");

    private static readonly AssetState Fresh = new(null, null, null, null, true, null);

    [Fact]
    public void Acknowledging_stamps_the_time_once()
    {
        var acknowledged = AssetChange.Acknowledge.Apply(Fresh, Earlier);

        acknowledged.AcknowledgedAt.ShouldBe(Earlier);
        AssetChange.Acknowledge.Apply(acknowledged, Now).ShouldBe(acknowledged);
    }

    [Fact]
    public void Disregarding_stamps_the_time_once_and_restoring_clears_it()
    {
        var disregarded = AssetChange.Disregard.Apply(Fresh, Earlier);

        disregarded.DisregardedAt.ShouldBe(Earlier);
        AssetChange.Disregard.Apply(disregarded, Now).ShouldBe(disregarded);
        AssetChange.Restore.Apply(disregarded, Now).ShouldBe(Fresh);
        AssetChange.Restore.Apply(Fresh, Now).ShouldBe(Fresh);
    }

    [Fact]
    public void Enabling_and_disabling_set_the_flag()
    {
        var disabled = AssetChange.Disable.Apply(Fresh, Now);

        disabled.Enabled.ShouldBeFalse();
        AssetChange.Disable.Apply(disabled, Now).ShouldBe(disabled);
        AssetChange.Enable.Apply(disabled, Now).ShouldBe(Fresh);
    }

    [Fact]
    public void Assigning_is_manual_and_reassigning_the_same_client_keeps_how_it_was_assigned()
    {
        var byKey = Fresh with { ClientId = ClientA, AssignedBy = AssignedBy.Key };

        AssetChange.Assign(ClientA).Apply(byKey, Now).ShouldBe(byKey);
        AssetChange.Assign(ClientB).Apply(byKey, Now)
            .ShouldBe(Fresh with { ClientId = ClientB, AssignedBy = AssignedBy.Manual });
        AssetChange.Unassign.Apply(byKey, Now).ShouldBe(Fresh);
    }

    [Theory]
    [InlineData("  Backup server  ", "Backup server")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void Renaming_trims_and_an_empty_name_clears_it(string requested, string? expected)
    {
        var errors = new Dictionary<string, string[]>();

        var rename = AssetChange.Rename(requested, errors);

        errors.ShouldBeEmpty();
        rename!.Apply(Fresh with { Name = "Old" }, Now).Name.ShouldBe(expected);
    }

    [Fact]
    public void An_absent_name_changes_nothing()
    {
        var named = Fresh with { Name = "Kept" };

        AssetChange.Rename(null, new Dictionary<string, string[]>())!.Apply(named, Now).ShouldBe(named);
    }

    public static TheoryData<string> InvalidNames => [new string('n', 201), "tab\there", "line\nbreak"];

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void A_name_too_long_or_with_control_characters_is_refused(string name)
    {
        var errors = new Dictionary<string, string[]>();

        AssetChange.Rename(name, errors).ShouldBeNull();

        errors.Keys.ShouldBe(["name"]);
    }
}
