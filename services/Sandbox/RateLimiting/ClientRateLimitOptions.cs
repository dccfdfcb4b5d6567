namespace BillingOne.Sandbox.RateLimiting;

/// <summary>How many requests one API client may make per fixed window before it gets 429.</summary>
public sealed class ClientRateLimitOptions
{
    public int PermitLimit { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
