using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Messaging;

[Trait("Category", "Unit")]
public class ClientCopyConsumerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ClientUpserted Acme = new(Guid.NewGuid(), Guid.NewGuid(), "Acme", true, "UTC", 1, Now, Now);

    [Fact]
    public void A_complete_event_passes()
    {
        Should.NotThrow(() => MessageValidationException.ThrowIfInvalid(Acme));
    }

    public static TheoryData<ClientUpserted, string> Incomplete => new()
    {
        { Acme with { OrgId = Guid.Empty }, "organization id" },
        { Acme with { ClientId = Guid.Empty }, "client id" },
        { Acme with { Name = " " }, "no name" },
        { Acme with { TimeZone = "" }, "time zone" },
        { Acme with { Version = 0 }, "versions start at 1" },
    };

    [Theory]
    [MemberData(nameof(Incomplete))]
    public void An_incomplete_event_is_refused_for_the_error_queue(ClientUpserted message, string reason)
    {
        Should.Throw<MessageValidationException>(() => MessageValidationException.ThrowIfInvalid(message))
            .Message.ShouldContain(reason);
    }
}
