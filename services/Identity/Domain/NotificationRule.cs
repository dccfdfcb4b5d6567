using BillingOne.BuildingBlocks.Security;

namespace BillingOne.Identity.Domain;

/// <summary>
/// Whether one event goes out on one channel, and to whom: every user holding one of <see cref="Roles"/> and every
/// user named in <see cref="UserIds"/>. An organization that never saved a rule has <see cref="Default"/>.
/// </summary>
public sealed record NotificationRule(
    string Event,
    string Channel,
    bool Enabled,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> UserIds)
{
    /// <summary>Until an admin chooses otherwise, the people who run the organization hear about everything.</summary>
    public static NotificationRule Default(string notificationEvent, string channel) =>
        new(notificationEvent, channel, true, [BuildingBlocks.Security.Roles.Owner, BuildingBlocks.Security.Roles.Admin], []);

    /// <summary>Whether <paramref name="member"/> is told: the rule is on, the member can sign in, and is chosen.</summary>
    public bool Reaches(NotificationMember member) =>
        Enabled && member.Enabled && (Roles.Contains(member.Role) || UserIds.Contains(member.Id));

    /// <summary>The organization's rules of one channel, one per event: the saved one, else the default.</summary>
    public static IReadOnlyList<NotificationRule> Complete(string channel, IEnumerable<NotificationRule> saved)
    {
        var byEvent = saved.Where(rule => rule.Channel == channel).ToDictionary(rule => rule.Event);
        return [.. NotificationEvents.All.Select(notificationEvent =>
            byEvent.GetValueOrDefault(notificationEvent) ?? Default(notificationEvent, channel))];
    }
}

/// <summary>A user of the organization as notifications see them.</summary>
public sealed record NotificationMember(Guid Id, string Email, string Name, string Role, bool Enabled);

/// <summary>Who gets one notification, on which channels.</summary>
public sealed record NotificationDelivery(NotificationMember Member, bool InApp, bool Email);

public static class NotificationRecipients
{
    /// <summary>
    /// Each member some rule of the event reaches, once, with the channels that reach them. Both channels decide
    /// independently: a person can get the mail without the bell entry, or the other way round.
    /// </summary>
    public static IReadOnlyList<NotificationDelivery> Decide(string notificationEvent,
        IEnumerable<NotificationRule> savedRules, IEnumerable<NotificationMember> members)
    {
        var saved = savedRules.Where(rule => rule.Event == notificationEvent).ToList();
        var inApp = NotificationRule.Complete(NotificationChannels.InApp, saved).Single(rule => rule.Event == notificationEvent);
        var email = NotificationRule.Complete(NotificationChannels.Email, saved).Single(rule => rule.Event == notificationEvent);
        return [.. members
            .Select(member => new NotificationDelivery(member, inApp.Reaches(member), email.Reaches(member)))
            .Where(delivery => delivery.InApp || delivery.Email)];
    }
}
