using System.Diagnostics;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>Which work gets a span per database statement: requests, where a caller waits (see DatabaseExtensions).</summary>
public static class RequestTracing
{
    /// <summary>
    /// Whether <paramref name="activity"/> belongs to an HTTP or gRPC request this process serves: it or one of its
    /// local parents is a server span. A consumer's or a background worker's activity is not.
    /// </summary>
    public static bool InRequest(Activity? activity)
    {
        for (var current = activity; current is not null; current = current.Parent)
        {
            if (current.Kind == ActivityKind.Server)
            {
                return true;
            }
        }
        return false;
    }
}
