using BillingOne.BuildingBlocks.Integrations;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Integrations;

[Trait("Category", "Unit")]
public class SyncScopeTests
{
    private static SyncScopeItem Subscription(string id) => new("subscription", id);

    [Fact]
    public void A_scope_names_each_record_once_in_the_order_first_named()
    {
        var scope = SyncScope.Of([Subscription("b"), Subscription("a"), Subscription("b")]);

        scope.Resources.ShouldBe([Subscription("b"), Subscription("a")]);
        scope.IsEverything.ShouldBeFalse();
    }

    [Fact]
    public void A_union_keeps_both_scopes_records_without_repeats()
    {
        var union = SyncScope.Of([Subscription("a")]).Union(SyncScope.Of([Subscription("a"), Subscription("b")]));

        union.ShouldBe(SyncScope.Of([Subscription("a"), Subscription("b")]));
    }

    [Fact]
    public void Too_many_records_become_a_full_sync()
    {
        var half = Enumerable.Range(0, SyncScope.MaxResources / 2 + 1).Select(index => Subscription($"a{index}"));
        var otherHalf = Enumerable.Range(0, SyncScope.MaxResources / 2 + 1).Select(index => Subscription($"b{index}"));

        SyncScope.Of(half).Union(SyncScope.Of(otherHalf)).ShouldBe(SyncScope.Everything);
        SyncScope.Everything.Union(SyncScope.Of([Subscription("a")])).IsEverything.ShouldBeTrue();
    }

    [Fact]
    public void Ids_are_read_per_resource_type()
    {
        var scope = SyncScope.Of([Subscription("s1"), new SyncScopeItem("invoice", "i1"), Subscription("s2")]);

        scope.IdsOf("subscription").ShouldBe(["s1", "s2"]);
        scope.IdsOf("invoice").ShouldBe(["i1"]);
        scope.IdsOf("contact").ShouldBeEmpty();
    }

    [Fact]
    public void A_scope_survives_its_stored_json()
    {
        var scope = SyncScope.Of([Subscription("s1"), new SyncScopeItem("invoice", "i1")]);

        SyncScope.FromJson(scope.ToJson()).ShouldBe(scope);
        SyncScope.FromJson(SyncScope.Everything.ToJson()).ShouldBe(SyncScope.Everything);
        SyncScope.FromJson(null).ShouldBeNull();
    }

    [Fact]
    public void A_run_with_a_stored_scope_shows_it_and_a_full_run_shows_none()
    {
        var run = new SyncRun(Guid.NewGuid(), Guid.NewGuid(), "pax8", SyncTriggers.WebhookTriggered, SyncRunStatus.Queued,
            null, 0, null, 0, 0, 0, "[]", "{}", null, "webhook", DateTimeOffset.UnixEpoch, null, null,
            SyncScope.Of([Subscription("s1")]).ToJson());

        run.Scope!.IdsOf("subscription").ShouldBe(["s1"]);
        (run with { ScopeJson = null }).Scope.ShouldBeNull();
        (run with { ScopeJson = SyncScope.Everything.ToJson() }).Scope.ShouldBeNull();
    }
}
