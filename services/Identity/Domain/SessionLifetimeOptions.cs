using System.ComponentModel.DataAnnotations;

namespace BillingOne.Identity.Domain;

/// <summary>
/// How long a web session lives (section <c>Sessions</c>), the same for every organization: it ends after
/// <see cref="IdleTimeout"/> without a request, and <see cref="AbsoluteLifetime"/> after sign-in whatever happens.
/// </summary>
public sealed class SessionLifetimeOptions
{
    public const string SectionName = "Sessions";

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Checks move <c>last_seen_at</c> forward at most this often: a write per API call would cost more than an
    /// idle timeout exact to the second is worth.
    /// </summary>
    public static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>Whether a session last seen at <paramref name="lastSeenAt"/> is over at <paramref name="now"/>.</summary>
    public bool HasEnded(DateTimeOffset lastSeenAt, DateTimeOffset expiresAt, DateTimeOffset now) =>
        now >= expiresAt || now - lastSeenAt >= IdleTimeout;
}
