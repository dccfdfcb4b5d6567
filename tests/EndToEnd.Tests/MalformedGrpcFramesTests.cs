using System.Net.Http.Headers;
using BillingOne.Testing;
using Grpc.Core;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A request whose gRPC framing is broken is the caller's mistake on every method of every service, reached as a
/// partner reaches them: through the gateway, with a real key.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class MalformedGrpcFramesTests(SystemFixture fixture)
{
    private static readonly string[] Methods =
    [
        "/billingone.ingestion.v1.UsageIngestion/IngestReadings",
        "/billingone.partner.v1.PartnerClients/ListClients",
        "/billingone.partner.v1.PartnerClients/GetClientSnapshot",
        "/billingone.partner.v1.PartnerClients/ListInvoices",
        "/billingone.partner.v1.PartnerSubscriptions/ListSubscriptions",
        "/billingone.partner.v1.PartnerBilling/ListBillingReadings",
        "/billingone.partner.v1.PartnerBilling/StreamUsageReadings",
        "/billingone.partner.v1.PartnerEvents/WatchEvents",
    ];

    [SystemTheory]
    [MemberData(nameof(RawGrpc.MalformedFrames), MemberType = typeof(RawGrpc))]
    public async Task Every_method_answers_a_broken_frame_with_invalid_argument_saying_what_to_fix(
        string kind, byte[] frame)
    {
        var (_, key) = await new GatewayCallers(fixture.System).CreateKeyAsync($"broken frames: {kind}", "admin");

        foreach (var method in Methods)
        {
            var (status, message) = await RawGrpc.CallAsync(fixture.System.GatewayGrpc, method, frame,
                new AuthenticationHeaderValue("Bearer", key));

            status.ShouldBe(((int)StatusCode.InvalidArgument).ToString(), $"{method}, {kind}: {message}");
            message.ShouldNotBeNullOrWhiteSpace();
            message.ShouldNotContain("Exception");
        }
    }
}
