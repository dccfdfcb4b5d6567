using System.ComponentModel.DataAnnotations;

namespace BillingOne.Identity.Domain;

/// <summary>
/// How long notifications are kept (section <c>Notifications:Retention</c>); older ones are deleted by the service's
/// retention purge (<c>RetentionPurgeWorker</c>). Mails still waiting to be sent are never purged.
/// </summary>
public sealed class NotificationRetentionOptions
{
    public const string SectionName = "Notifications:Retention";

    /// <summary>Bell entries, read or not, after they were created: a quarter covers any month-end look back.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan InApp { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Mails sent (after they were sent) or given up (after they were queued): the queue row only explains a
    /// delivery problem, which is looked at within days.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Mails { get; set; } = TimeSpan.FromDays(30);
}
