using System.Diagnostics;
using BillingOne.BuildingBlocks.Data;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

[Trait("Category", "Unit")]
public sealed class RequestTracingTests : IDisposable
{
    private readonly ActivitySource source = new($"request-tracing-tests-{Guid.NewGuid():N}");
    private readonly ActivityListener listener;

    public RequestTracingTests()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
    }

    [Fact]
    public void A_statement_outside_any_activity_is_not_traced() =>
        RequestTracing.InRequest(null).ShouldBeFalse();

    [Fact]
    public void A_statement_under_a_request_is_traced_however_deep_it_sits()
    {
        using var request = source.StartActivity("POST /api/things", ActivityKind.Server).ShouldNotBeNull();
        using var publish = source.StartActivity("outbox publish", ActivityKind.Producer).ShouldNotBeNull();
        using var work = source.StartActivity("apply", ActivityKind.Internal).ShouldNotBeNull();

        RequestTracing.InRequest(work).ShouldBeTrue();
    }

    [Theory]
    [InlineData(ActivityKind.Consumer)]
    [InlineData(ActivityKind.Internal)]
    [InlineData(ActivityKind.Producer)]
    public void A_statement_of_a_message_handler_or_a_background_worker_is_not_traced(ActivityKind kind)
    {
        using var handler = source.StartActivity("handle", kind).ShouldNotBeNull();
        using var step = source.StartActivity("step", ActivityKind.Internal).ShouldNotBeNull();

        RequestTracing.InRequest(step).ShouldBeFalse();
    }

    [Fact]
    public void A_handler_continuing_a_remote_request_trace_is_not_a_request_of_this_process()
    {
        // A consumer whose message came from a traced request elsewhere: the server span is in another process.
        var remoteRequest = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(),
            ActivityTraceFlags.Recorded, isRemote: true);
        using var handler = source.StartActivity("consume", ActivityKind.Consumer, remoteRequest).ShouldNotBeNull();

        RequestTracing.InRequest(handler).ShouldBeFalse();
    }

    public void Dispose()
    {
        listener.Dispose();
        source.Dispose();
    }
}
