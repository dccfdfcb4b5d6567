using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using BillingOne.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace BillingOne.Gateway.RateLimiting;

/// <summary>
/// The gateway's partitioned limiters: one budget per caller (API key or user; ingest keys get a larger one) and one
/// per sign-in source address. Fixed one-minute windows, no queueing: a caller over budget is told at once when to
/// come back.
/// </summary>
public sealed class GatewayRateLimiters : IDisposable
{
    private readonly PartitionedRateLimiter<InternalTokenClaims> _callers;
    private readonly PartitionedRateLimiter<IPAddress> _signIns;

    public GatewayRateLimiters(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _callers = PartitionedRateLimiter.Create<InternalTokenClaims, CallerPartition>(caller =>
        {
            var permits = caller.Role == Roles.Ingest ? limits.IngestRequestsPerMinute : limits.RequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(
                new CallerPartition(caller.ActorType, caller.ActorId, permits), partition => PerWindow(partition.Permits));
        });
        _signIns = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address =>
            RateLimitPartition.GetFixedWindowLimiter(SourceOf(address), _ => PerWindow(limits.SignInAttemptsPerMinute)));
    }

    public RateLimitLease AcquireForCaller(InternalTokenClaims caller) => _callers.AttemptAcquire(caller);

    public RateLimitLease AcquireForSignIn(IPAddress source) => _signIns.AttemptAcquire(source);

    /// <summary>How long a refused caller should wait: the rest of the window, or the whole window if unknown.</summary>
    public static TimeSpan RetryAfter(RateLimitLease refusal) =>
        refusal.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : RateLimitOptions.Window;

    public void Dispose()
    {
        _callers.Dispose();
        _signIns.Dispose();
    }

    private static FixedWindowRateLimiterOptions PerWindow(int permits) => new()
    {
        PermitLimit = permits,
        Window = RateLimitOptions.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>
    /// IPv4 addresses (also when mapped into IPv6) count alone; an IPv6 address counts with its /64, which one
    /// subscriber usually holds whole and could otherwise walk through to reset the budget.
    /// </summary>
    public static IPAddress SourceOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    // The permit count is part of the partition, so a key whose role changes starts on the budget of its new role.
    private readonly record struct CallerPartition(string ActorType, Guid ActorId, int Permits);
}
