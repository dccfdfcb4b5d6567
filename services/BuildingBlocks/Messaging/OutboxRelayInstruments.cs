namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>The outbox relay's instruments on meter <c>BillingOne</c>: what one page of unsent rows held.</summary>
public static class OutboxRelayInstruments
{
    public const string PageRows = "billingone.outbox.relay.page.rows";

    public const string PageBytes = "billingone.outbox.relay.page.bytes";
}
