using System.Net.Sockets;
using BillingOne.BuildingBlocks.Outages;
using MassTransit;
using Npgsql;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Outages;

[Trait("Category", "Unit")]
public sealed class InfrastructureOutageTests
{
    public static TheoryData<string> OutageStates => ["08006", "08001", "57P01", "57P02", "57P03", "53300"];

    [Theory]
    [MemberData(nameof(OutageStates))]
    public void A_server_shutting_down_or_out_of_reach_is_an_outage(string sqlState) =>
        InfrastructureOutage.IsOutage(Postgres(sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    [InlineData("22P02")] // invalid text representation
    public void A_statement_the_server_refused_is_not(string sqlState) =>
        InfrastructureOutage.IsOutage(Postgres(sqlState)).ShouldBeFalse();

    [Fact]
    public void A_broken_connection_to_postgresql_is_an_outage() =>
        InfrastructureOutage.IsOutage(new NpgsqlException("Exception while reading from stream",
            new IOException("Connection reset by peer", new SocketException((int)SocketError.ConnectionReset))))
            .ShouldBeTrue();

    [Fact]
    public void A_broker_out_of_reach_is_an_outage_even_wrapped_by_the_publish() =>
        InfrastructureOutage.IsOutage(new PublishException("Publish failed",
            new RabbitMqConnectionException("Broker unreachable: guest@localhost:5672/"))).ShouldBeTrue();

    [Fact]
    public void An_outage_inside_an_aggregate_is_an_outage() =>
        InfrastructureOutage.IsOutage(new AggregateException(new InvalidOperationException("other"),
            new TimeoutException("The operation has timed out."))).ShouldBeTrue();

    [Fact]
    public void A_fault_of_the_service_itself_is_not() =>
        InfrastructureOutage.IsOutage(new InvalidOperationException("Sequence contains no elements"))
            .ShouldBeFalse();

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
