using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Tests.Domain;

/// <summary>Who is told about what, on which channel, and when a repeated state is news.</summary>
[Trait("Category", "Unit")]
public class NotificationRulesTests
{
    private static readonly NotificationMember Owner = new(Guid.NewGuid(), "owner@example.com", "Olive", Roles.Owner, true);
    private static readonly NotificationMember Admin = new(Guid.NewGuid(), "admin@example.com", "Ada", Roles.Admin, true);
    private static readonly NotificationMember Finance = new(Guid.NewGuid(), "fin@example.com", "Finn", Roles.Finance, true);
    private static readonly NotificationMember DisabledAdmin = new(Guid.NewGuid(), "old@example.com", "Old", Roles.Admin, false);
    private static readonly NotificationMember[] Members = [Owner, Admin, Finance, DisabledAdmin];

    [Fact]
    public void Without_saved_rules_owners_and_admins_get_every_event_on_both_channels()
    {
        foreach (var notificationEvent in NotificationEvents.All)
        {
            var deliveries = NotificationRecipients.Decide(notificationEvent, [], Members);

            deliveries.Select(delivery => delivery.Member).ShouldBe([Owner, Admin]);
            deliveries.ShouldAllBe(delivery => delivery.InApp && delivery.Email);
        }
    }

    [Fact]
    public void Each_channel_decides_on_its_own_and_a_user_can_be_named_beside_roles()
    {
        NotificationRule[] saved =
        [
            new(NotificationEvents.SyncFailed, NotificationChannels.Email, true, [], [Finance.Id]),
            new(NotificationEvents.SyncFailed, NotificationChannels.InApp, true, [Roles.Admin], [Finance.Id]),
        ];

        var deliveries = NotificationRecipients.Decide(NotificationEvents.SyncFailed, saved, Members);

        deliveries.ShouldBe([new(Admin, InApp: true, Email: false), new(Finance, InApp: true, Email: true)]);
    }

    [Fact]
    public void A_switched_off_rule_tells_no_one_and_other_events_keep_their_own_rules()
    {
        NotificationRule[] saved =
        [
            new(NotificationEvents.NewOverages, NotificationChannels.Email, false, [Roles.Owner, Roles.Admin], []),
            new(NotificationEvents.NewOverages, NotificationChannels.InApp, false, [Roles.Owner], [Admin.Id]),
        ];

        NotificationRecipients.Decide(NotificationEvents.NewOverages, saved, Members).ShouldBeEmpty();
        NotificationRecipients.Decide(NotificationEvents.PeriodFinalized, saved, Members).Count.ShouldBe(2);
    }

    [Fact]
    public void A_disabled_user_is_never_told_even_when_named()
    {
        NotificationRule[] saved = [new(NotificationEvents.SyncFailed, NotificationChannels.InApp, true, [], [DisabledAdmin.Id])];

        NotificationRecipients.Decide(NotificationEvents.SyncFailed, saved, Members)
            .ShouldNotContain(delivery => delivery.Member == DisabledAdmin);
    }

    [Fact]
    public void A_channel_lists_one_rule_per_event_in_the_settings_order()
    {
        var rules = NotificationRule.Complete(NotificationChannels.Email,
            [new(NotificationEvents.PeriodFinalized, NotificationChannels.Email, false, [], [])]);

        rules.Select(rule => rule.Event).ShouldBe(NotificationEvents.All);
        rules.Single(rule => rule.Event == NotificationEvents.PeriodFinalized).Enabled.ShouldBeFalse();
    }

    [Fact]
    public void An_overage_is_news_once_per_bucket_and_month_and_only_beyond_the_commit()
    {
        var usage = Usage(usage: 12m, commit: 10m);

        NotificationTriggers.IsOverage(usage).ShouldBeTrue();
        NotificationTriggers.IsOverage(usage with { Usage = 10m }).ShouldBeFalse("at the commit is not an overage");
        NotificationTriggers.IsOverage(usage with { Enabled = false }).ShouldBeFalse("a disabled bucket bills nothing");
        NotificationTriggers.OverageKey(usage with { Version = 9, Usage = 15m }).ShouldBe(NotificationTriggers.OverageKey(usage));
        NotificationTriggers.OverageKey(usage with { Month = 4 }).ShouldNotBe(NotificationTriggers.OverageKey(usage));
    }

    [Fact]
    public void A_failed_sync_is_named_as_people_know_the_integration_and_by_its_key_only_when_the_event_has_no_name()
    {
        var failed = new SyncFailed(Guid.NewGuid(), Guid.NewGuid(), "rmm", "NinjaOne refused the credentials.",
            new DateTimeOffset(2026, 3, 1, 2, 0, 0, TimeSpan.Zero), IntegrationName: "NinjaOne");

        var named = NotificationMessage.From(failed);
        var unnamed = NotificationMessage.From(failed with { IntegrationName = null });

        named.Title.ShouldBe("Sync failed: NinjaOne");
        named.Body.ShouldBe("The NinjaOne sync failed at 2026-03-01 02:00 UTC. NinjaOne refused the credentials.");
        unnamed.Title.ShouldBe("Sync failed: rmm", "an event from a publisher that predates the name still says which sync");
    }

    [Fact]
    public void The_messages_name_their_event_and_what_it_is_about()
    {
        var failed = NotificationMessage.From(new SyncFailed(Guid.NewGuid(), Guid.NewGuid(), "pax8",
            "The sync failed and applied nothing: the vendor answered 401 Unauthorized", DateTimeOffset.UnixEpoch, "Pax8"));
        failed.Event.ShouldBe(NotificationEvents.SyncFailed);
        failed.Title.ShouldBe("Sync failed: Pax8");
        failed.Body.ShouldContain("401 Unauthorized");
        failed.ClientId.ShouldBeNull("a failed sync concerns the whole organization");

        var overage = NotificationMessage.From(Usage(usage: 12m, commit: 10m));
        overage.Title.ShouldBe("New overage: Acme, Backup GB");
        overage.Body.ShouldContain("12 GB in March 2026, beyond its commit of 10");
        overage.ClientId.ShouldNotBeNull();
    }

    private static BucketUsageObserved Usage(decimal usage, decimal commit) => new(Guid.NewGuid(), Guid.NewGuid(), 1,
        Guid.NewGuid(), "Acme", "Backup GB", "GB", "max", true, commit, 10m, 1m, "AUD", 2026, 3,
        DateTimeOffset.Parse("2026-03-01T00:00Z"), DateTimeOffset.Parse("2026-04-01T00:00Z"),
        DateTimeOffset.Parse("2026-03-10T00:00Z"), usage, [], false);
}
