using BillingOne.Hosting;

namespace BillingOne.AppHost.Tests;

public class QueueSummaryTests
{
    // Shape of GET /api/queues?columns=... from RabbitMQ 3.x's management API: message_stats is missing until a
    // message moved, and the counters until the broker collected stats for a new queue.
    private const string ManagementSample = """
        [
          {
            "consumers": 1, "messages": 0, "messages_ready": 0, "messages_unacknowledged": 0,
            "message_stats": { "deliver_get_details": { "rate": 2.4 }, "publish_details": { "rate": 2.6 } },
            "name": "metering-usage-readings-accepted", "state": "running", "vhost": "/"
          },
          {
            "consumers": 0, "messages": 3, "messages_ready": 3, "messages_unacknowledged": 0,
            "message_stats": { "publish_details": { "rate": 0.0 } },
            "name": "projection-client-upserted_error", "state": "running", "vhost": "/"
          },
          { "name": "invoice-billing-period-finalized", "state": "running", "vhost": "/", "consumers": 2 },
          { "consumers": 0, "messages": 0, "name": "subscription-pax8_error", "state": "running", "vhost": "/" },
          { "consumers": 1, "messages": 7, "messages_ready": 5, "messages_unacknowledged": 2,
            "name": "_error", "state": "running", "vhost": "tests" }
        ]
        """;

    private static readonly IReadOnlyList<QueueSummary> Queues = QueueSummary.ParseList(ManagementSample);

    [Fact]
    public void Reads_depth_rates_and_consumers()
    {
        var queue = Queues.Single(q => q.Name == "metering-usage-readings-accepted");

        queue.ShouldBe(new QueueSummary("/", "metering-usage-readings-accepted", 0, 0, 0, 1, 2.6, 2.4, "running"));
        queue.IsErrorQueue.ShouldBeFalse();
    }

    [Fact]
    public void Counts_missing_statistics_as_zero()
    {
        var queue = Queues.Single(q => q.Name == "invoice-billing-period-finalized");

        (queue.Messages, queue.Ready, queue.Unacknowledged, queue.PublishRate, queue.DeliverRate).ShouldBe((0L, 0L, 0L, 0d, 0d));
        queue.Consumers.ShouldBe(2);
    }

    [Fact]
    public void Recognises_masstransit_error_queues_and_their_source()
    {
        var errors = Queues.Where(q => q.IsErrorQueue).ToList();

        errors.Select(q => q.Name).ShouldBe(["projection-client-upserted_error", "subscription-pax8_error"], ignoreOrder: true);
        errors.Single(q => q.Messages > 0).SourceQueue.ShouldBe("projection-client-upserted");
        Queues.Single(q => q.Name == "_error").IsErrorQueue.ShouldBeFalse();
    }

    [Fact]
    public void Lists_error_queues_holding_messages_first_then_by_vhost_and_name() =>
        Queues.Select(q => q.Name).ShouldBe([
            "projection-client-upserted_error",
            "invoice-billing-period-finalized",
            "metering-usage-readings-accepted",
            "subscription-pax8_error",
            "_error",
        ]);

    [Fact]
    public void Rejects_an_answer_that_is_not_a_queue_list() =>
        Should.Throw<System.Text.Json.JsonException>(() => QueueSummary.ParseList("""{"error":"not_authorised"}"""));
}
