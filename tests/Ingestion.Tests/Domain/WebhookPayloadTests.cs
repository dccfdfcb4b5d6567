using System.Security.Cryptography;
using System.Text;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Domain.Webhooks;
using BillingOne.Ingestion.Tests.Webhooks;

namespace BillingOne.Ingestion.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class WebhookPayloadTests
{
    private static ReadOnlyMemory<byte> Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_xero_event_becomes_a_lower_case_change_keyed_by_tenant_resource_time_and_type()
    {
        var changes = WebhookPayloads.ReadXero(Utf8("""
            {"events": [{"resourceUrl": "https://api.xero.com/api.xro/2.0/Invoices/i1", "resourceId": "i1",
              "eventDateUtc": "2026-12-01T10:00:00.000", "eventType": "UPDATE", "eventCategory": "INVOICE",
              "tenantId": "t1", "tenantType": "ORGANISATION"}],
             "firstEventSequence": 1, "lastEventSequence": 1, "entropy": "abc"}
            """));

        changes.ShouldBe([new NotifiedChange("t1|i1|2026-12-01T10:00:00.000|update", new VendorChange("invoice", "i1", "update"))]);
    }

    [Fact]
    public void Xeros_intent_to_receive_has_no_changes()
    {
        WebhookPayloads.ReadXero(Utf8("""{"events": [], "firstEventSequence": 0, "lastEventSequence": 0, "entropy": "x"}"""))
            .ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("{\"events\": null}")]
    [InlineData("{\"events\": [{\"resourceId\": 5, \"eventDateUtc\": \"d\", \"eventType\": \"t\", \"eventCategory\": \"c\", \"tenantId\": \"t\"}]}")]
    [InlineData("{\"events\": [{\"resourceId\": \"  \", \"eventDateUtc\": \"d\", \"eventType\": \"t\", \"eventCategory\": \"c\", \"tenantId\": \"t\"}]}")]
    public void A_body_without_xeros_shape_is_malformed(string body)
    {
        Should.Throw<MalformedWebhookException>(() => WebhookPayloads.ReadXero(Utf8(body)));
    }

    [Theory]
    [MemberData(nameof(NotTextDeliveries.Kinds), MemberType = typeof(NotTextDeliveries))]
    public void A_field_that_decodes_to_no_valid_text_is_malformed_and_named(string kind)
    {
        Should.Throw<MalformedWebhookException>(() => WebhookPayloads.ReadXero(NotTextDeliveries.Xero(kind)))
            .Message.ShouldBe("events[0].resourceId must be valid UTF-8 text without control characters.");
        Should.Throw<MalformedWebhookException>(() => WebhookPayloads.ReadPax8(NotTextDeliveries.Pax8(kind)))
            .Message.ShouldBe("$.webhookTopic.topic must be valid UTF-8 text without control characters.");
        Should.Throw<MalformedWebhookException>(() => WebhookPayloads.ReadPax8(NotTextDeliveries.Pax8SentAt(kind)))
            .Message.ShouldBe("$.sentAt must be valid UTF-8 text without control characters.");
    }

    [Fact]
    public void A_pax8_delivery_names_its_account_and_is_keyed_by_webhook_time_sent_and_topic()
    {
        var key = $"{Pax8Deliveries.WebhookId}|2026-12-01T10:00:00.000-0600|subscription_updated";

        // Without data, with data of a shape Pax8 does not publish, and with a null data: the account changed.
        var account = new VendorChange("account", Pax8Deliveries.AccountId, "subscription_updated");
        WebhookPayloads.ReadPax8(Pax8Deliveries.Delivery(sentAt: "2026-12-01T10:00:00.000-0600"))
            .ShouldBe([new NotifiedChange(key, account)]);
        WebhookPayloads.ReadPax8(Pax8Deliveries.Delivery(sentAt: "2026-12-01T10:00:00.000-0600",
                payloadData: new { companyId = "c-1", status = "Active", quantity = 7 }))
            .ShouldBe([new NotifiedChange(key, account)]);
    }

    [Fact]
    public void A_pax8_delivery_whose_data_names_a_subscription_names_that_subscription()
    {
        WebhookPayloads.ReadPax8(Pax8Deliveries.Delivery(
                payloadData: new { subscriptionId = Pax8Deliveries.SubscriptionId.ToUpperInvariant(), quantity = 7 }))
            .ShouldBe([new NotifiedChange($"{Pax8Deliveries.WebhookId}|2026-12-01T10:00:00.000Z|subscription_updated",
                new VendorChange("subscription", Pax8Deliveries.SubscriptionId, "subscription_updated"))]);
    }

    [Theory]
    [InlineData("""{"webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b", "sentAt": "t", "webhookTopic": {"topic": "X"}}""", "$.accountId is required.")]
    [InlineData("""{"accountId": "acc-1", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b", "sentAt": "t", "webhookTopic": {"topic": "X"}}""", "$.accountId must be a UUID.")]
    [InlineData("""{"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "sentAt": "t", "webhookTopic": {"topic": "X"}}""", "$.webhookId is required.")]
    [InlineData("""{"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b", "webhookTopic": {"topic": "X"}}""", "$.sentAt is required.")]
    [InlineData("""{"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b", "sentAt": "t"}""", "$.webhookTopic must be an object.")]
    [InlineData("""{"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b", "sentAt": "t", "webhookTopic": {"id": "t1"}}""", "$.webhookTopic.topic is required.")]
    [InlineData("""{"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b", "sentAt": "t", "webhookTopic": {"topic": "X"}, "payloadData": {"subscriptionId": "s1"}}""", "$.payloadData.subscriptionId must be a UUID.")]
    [InlineData("""{"topic": "subscription", "action": "update", "resourceId": "s1"}""", "$.accountId is required.")]
    public void A_pax8_delivery_without_the_published_envelope_is_refused_naming_the_field(string json, string message) =>
        Should.Throw<MalformedWebhookException>(() => WebhookPayloads.ReadPax8(Utf8(json))).Message.ShouldBe(message);

    [Fact]
    public void Only_the_canonical_signature_of_the_exact_body_with_the_key_holds()
    {
        var body = Encoding.UTF8.GetBytes("""{"events": []}""");
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("key"), body));

        WebhookSignatures.XeroSignatureHolds(body, "key", signature).ShouldBeTrue();
        WebhookSignatures.XeroSignatureHolds(body, "other key", signature).ShouldBeFalse();
        WebhookSignatures.XeroSignatureHolds(body, "key", null).ShouldBeFalse();
        WebhookSignatures.XeroSignatureHolds(body, "key", "").ShouldBeFalse();
        WebhookSignatures.XeroSignatureHolds(body, "key", $" {signature}").ShouldBeFalse();
        // Compared as text: an altered last character is refused even where base64 decoding would ignore its low bits.
        var sameBytes = signature[..42] + (char)(signature[42] ^ 0x01) + "=";
        WebhookSignatures.XeroSignatureHolds(body, "key", sameBytes).ShouldBeFalse();
    }

    [Fact]
    public void A_shared_secret_holds_only_when_equal()
    {
        WebhookSignatures.SharedSecretHolds("secret", "secret").ShouldBeTrue();
        WebhookSignatures.SharedSecretHolds("secret", "secreT").ShouldBeFalse();
        WebhookSignatures.SharedSecretHolds("secret", "secret ").ShouldBeFalse();
        WebhookSignatures.SharedSecretHolds("secret", null).ShouldBeFalse();
    }
}
