using System.ComponentModel.DataAnnotations;

namespace BillingOne.Gateway.RateLimiting;

/// <summary>Request budgets (section <c>Gateway:RateLimits</c>), each per fixed one-minute window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "Gateway:RateLimits";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Requests per minute for each API key and each signed-in user.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerMinute { get; set; } = 600;

    /// <summary>Requests per minute for each API key of role <c>ingest</c>, which sends usage in volume.</summary>
    [Range(1, int.MaxValue)]
    public int IngestRequestsPerMinute { get; set; } = 6000;

    /// <summary>Sign-in attempts per minute from one source address (an IPv6 caller's whole /64).</summary>
    [Range(1, int.MaxValue)]
    public int SignInAttemptsPerMinute { get; set; } = 10;
}
