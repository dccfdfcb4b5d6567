using System.Net.Sockets;
using MassTransit;
using Npgsql;
using RabbitMQ.Client.Exceptions;

namespace BillingOne.BuildingBlocks.Outages;

/// <summary>
/// Tells a failure of the infrastructure a service stands on (PostgreSQL or RabbitMQ unreachable, restarting or
/// shutting down) from a fault in the service itself. The first is over once the server is back, so callers are told
/// to retry (HTTP 503 with <c>Retry-After</c>, gRPC <c>UNAVAILABLE</c>); the second stays a 500 / <c>INTERNAL</c>.
/// </summary>
public static class InfrastructureOutage
{
    /// <summary>
    /// How long a caller should wait before retrying: a PostgreSQL restart or a broker reconnect takes a few seconds.
    /// </summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>Shown to callers; says what to do and nothing about the server's internals.</summary>
    public const string Detail =
        "A database or message broker this service depends on is briefly unavailable. Retry after the delay given.";

    /// <summary>True when <paramref name="exception"/> or one of its causes is an infrastructure outage.</summary>
    public static bool IsOutage(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsOutageItself(current))
            {
                return true;
            }
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsOutage))
            {
                return true;
            }
        }
        return false;
    }

    private static bool IsOutageItself(Exception exception) => exception switch
    {
        // Class 08 (connection exception) and 57P01-57P03 (admin/crash shutdown, cannot connect now): the server is
        // going away or not back yet. Npgsql also counts deadlocks and serialization failures as transient; a retry
        // is the answer to those as well.
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P0", StringComparison.Ordinal)
            || postgres.IsTransient,
        // Broken or refused connections and timeouts reaching the server.
        NpgsqlException npgsql => npgsql.IsTransient,
        // The bus has no connection to the broker.
        ConnectionException or TransportUnavailableException => true,
        BrokerUnreachableException or AlreadyClosedException or ConnectFailureException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };
}
