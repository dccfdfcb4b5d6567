using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Tests.Api;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Ingestion.Tests.Webhooks;

[Trait("Category", "Integration")]
public sealed class WebhooksApiTests(IngestionApiFixture fixture) : IClassFixture<IngestionApiFixture>
{
    private const string XeroKey = "xero-webhook-key-0123456789abcdefABCDEF";
    private const string Pax8Secret = "pax8-shared-secret";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Tests of one class share a database: each one acts in its own organization.
    private readonly Guid orgId = Guid.NewGuid();

    [Fact]
    public async Task A_signed_xero_delivery_is_answered_200_and_its_changes_are_announced_through_the_outbox()
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var body = XeroDelivery(Event("INVOICE", "inv-1", "UPDATE"), Event("CONTACT", "con-1", "CREATE"));

        using var response = await PostXeroAsync(path, body, Sign(body, XeroKey));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        var notified = (await NotifiedAsync()).ShouldHaveSingleItem();
        notified.Vendor.ShouldBe("xero");
        notified.Changes.ShouldBe([new VendorChange("invoice", "inv-1", "update"), new VendorChange("contact", "con-1", "create")]);
        await using var connection = await fixture.OpenDatabaseAsync();
        var receipt = await connection.QuerySingleAsync<(Guid Id, string Status, byte[] Body)>(
            "SELECT id, status, body FROM webhook_receipts WHERE org_id = @orgId", new { orgId });
        receipt.Id.ShouldBe(notified.ReceiptId);
        receipt.Status.ShouldBe("accepted");
        receipt.Body.ShouldBe(body);
    }

    [Fact]
    public async Task Receipts_older_than_the_retention_are_purged_with_their_event_dedupe_rows_and_newer_ones_kept()
    {
        var now = DateTimeOffset.UtcNow;
        var (expired, kept) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            foreach (var (id, age) in new[] { (expired, WebhookReceiptPurge.DefaultRetention + TimeSpan.FromHours(1)),
                (kept, WebhookReceiptPurge.DefaultRetention - TimeSpan.FromHours(1)) })
            {
                await connection.ExecuteAsync("""
                    INSERT INTO webhook_receipts (org_id, id, vendor, dedupe_key, body, received_at, status)
                    VALUES (@orgId, @id, 'xero', @key, @body, @receivedAt, 'accepted');
                    INSERT INTO webhook_events (org_id, vendor, dedupe_key, receipt_id) VALUES (@orgId, 'xero', @key, @id);
                    """, new { orgId, id, key = id.ToString(), body = "{}"u8.ToArray(), receivedAt = now - age });
            }
        }

        var purged = await fixture.Services.GetRequiredService<RetentionPurgeWorker>().PurgeAllAsync(default);

        purged.Single(outcome => outcome.Name == "webhook-receipts").Deleted.ShouldBeGreaterThanOrEqualTo(1);

        await using var database = await fixture.OpenDatabaseAsync();
        (await database.QueryAsync<Guid>("SELECT id FROM webhook_receipts WHERE org_id = @orgId", new { orgId })).ShouldBe([kept]);
        (await database.QueryAsync<Guid>("SELECT receipt_id FROM webhook_events WHERE org_id = @orgId", new { orgId })).ShouldBe([kept]);
    }

    [Fact]
    public async Task Every_altered_byte_of_the_body_or_the_signature_is_refused_with_an_empty_401()
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var body = XeroDelivery(Event("INVOICE", "inv-1", "UPDATE"));
        var signature = Sign(body, XeroKey);

        for (var position = 0; position < body.Length; position++)
        {
            var altered = (byte[])body.Clone();
            altered[position] ^= 0x01;
            await ShouldBeRefusedAsync(await PostXeroAsync(path, altered, signature), $"body byte {position}");
        }
        for (var position = 0; position < signature.Length; position++)
        {
            var characters = signature.ToCharArray();
            // Another base64 character (or padding), so only the signature's value differs, not its alphabet.
            characters[position] = characters[position] == 'A' ? 'B' : 'A';
            await ShouldBeRefusedAsync(await PostXeroAsync(path, body, new string(characters)), $"signature character {position}");
        }
        await ShouldBeRefusedAsync(await PostXeroAsync(path, body, null), "no signature");
        await ShouldBeRefusedAsync(await PostXeroAsync(path, body, Sign(body, XeroKey + "x")), "another key's signature");
        await ShouldBeRefusedAsync(await PostXeroAsync(path, body, signature.TrimEnd('=')), "unpadded signature");

        (await NotifiedAsync()).ShouldBeEmpty();
        (await ReceiptCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Xeros_intent_to_receive_is_answered_200_when_signed_and_401_when_not()
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var body = XeroDelivery();

        using var signed = await PostXeroAsync(path, body, Sign(body, XeroKey));
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRefusedAsync(await PostXeroAsync(path, body, Sign(body, "not the key")), "intent with a bad signature");

        (await NotifiedAsync()).ShouldBeEmpty();
        await using var connection = await fixture.OpenDatabaseAsync();
        (await connection.QuerySingleAsync<string>("SELECT status FROM webhook_receipts WHERE org_id = @orgId", new { orgId }))
            .ShouldBe("intent-to-receive");
    }

    [Fact]
    public async Task The_same_event_delivered_twice_is_announced_once()
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var first = XeroDelivery([Event("INVOICE", "inv-1", "UPDATE")], entropy: "first");
        var again = XeroDelivery([Event("INVOICE", "inv-1", "UPDATE"), Event("INVOICE", "inv-2", "UPDATE")], entropy: "second");

        foreach (var body in new[] { first, first, again, again })
        {
            using var response = await PostXeroAsync(path, body, Sign(body, XeroKey));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var notified = await NotifiedAsync();
        notified.Count.ShouldBe(2);
        notified[0].Changes.ShouldBe([new VendorChange("invoice", "inv-1", "update")]);
        notified[1].Changes.ShouldBe([new VendorChange("invoice", "inv-2", "update")]);
        (await ReceiptCountAsync()).ShouldBe(2, "a replay of the same bytes is no new receipt");
    }

    [Fact]
    public async Task An_unknown_endpoint_id_is_a_404()
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var body = XeroDelivery(Event("INVOICE", "inv-1", "UPDATE"));
        using var anonymous = fixture.ClientWith(null);

        using var unknown = await PostXeroAsync("/api/ingestion/webhooks/xero/no-such-endpoint", body, Sign(body, XeroKey));
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var otherVendor = await anonymous.PostAsync(path.Replace("/xero/", "/pax8/"), new ByteArrayContent(body));
        await otherVendor.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var tooLong = await PostXeroAsync(path + new string('a', 100), body, Sign(body, XeroKey));
        await tooLong.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"events\": {}}")]
    [InlineData("{\"events\": [{\"resourceId\": \"x\"}]}")]
    [InlineData("{\"events\": [42]}")]
    public async Task A_signed_but_malformed_delivery_is_a_400(string text)
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var body = Encoding.UTF8.GetBytes(text);

        using var response = await PostXeroAsync(path, body, Sign(body, XeroKey));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await NotifiedAsync()).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(NotTextDeliveries.Kinds), MemberType = typeof(NotTextDeliveries))]
    public async Task A_signed_delivery_whose_field_is_no_valid_text_is_a_400_naming_the_field_and_is_not_stored(
        string kind)
    {
        var xeroPath = await SetKeyAsync("xero", XeroKey);
        var pax8Path = await SetKeyAsync("pax8", Pax8Secret);
        var xero = NotTextDeliveries.Xero(kind);

        using var xeroResponse = await PostXeroAsync(xeroPath, xero, Sign(xero, XeroKey));
        using var pax8Response = await PostPax8Async(pax8Path, NotTextDeliveries.Pax8(kind), Pax8Secret);

        (await xeroResponse.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()
            .ShouldBe("events[0].resourceId must be valid UTF-8 text without control characters.");
        (await pax8Response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString()
            .ShouldBe("$.webhookTopic.topic must be valid UTF-8 text without control characters.");
        (await ReceiptCountAsync()).ShouldBe(0);
        (await NotifiedAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversized_delivery_is_a_413_signed_or_not()
    {
        var path = await SetKeyAsync("xero", XeroKey);
        var body = Encoding.UTF8.GetBytes($"{{\"events\": [], \"entropy\": \"{new string('x', 300 * 1024)}\"}}");

        using var response = await PostXeroAsync(path, body, Sign(body, XeroKey));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        (await ReceiptCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_pax8_delivery_carrying_the_authorization_value_announces_the_account_once_and_another_value_is_a_401()
    {
        var path = await SetKeyAsync("pax8", Pax8Secret);
        var body = Pax8Deliveries.Delivery();

        using var accepted = await PostPax8Async(path, body, Pax8Secret);
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var repeated = await PostPax8Async(path, body, Pax8Secret);
        repeated.StatusCode.ShouldBe(HttpStatusCode.OK);
        await ShouldBeRefusedAsync(await PostPax8Async(path, body, Pax8Secret + "x"), "other value");
        await ShouldBeRefusedAsync(await PostPax8Async(path, body, $"Bearer {Pax8Secret}"), "value with a scheme Pax8 would not add");
        await ShouldBeRefusedAsync(await PostPax8Async(path, body, null), "no Authorization header");

        var notified = (await NotifiedAsync()).ShouldHaveSingleItem();
        notified.Vendor.ShouldBe("pax8");
        notified.Changes.ShouldBe([new VendorChange("account", Pax8Deliveries.AccountId, "subscription_updated")]);
    }

    [Fact]
    public async Task A_pax8_delivery_sent_again_later_is_a_new_notification_and_one_naming_a_subscription_names_it()
    {
        var path = await SetKeyAsync("pax8", Pax8Secret);

        using var first = await PostPax8Async(path, Pax8Deliveries.Delivery(
            payloadData: new { subscriptionId = Pax8Deliveries.SubscriptionId }), Pax8Secret);
        using var later = await PostPax8Async(path, Pax8Deliveries.Delivery(sentAt: "2026-12-01T10:05:00.000Z",
            payloadData: new { subscriptionId = Pax8Deliveries.SubscriptionId }), Pax8Secret);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
        var notified = await NotifiedAsync();
        notified.Count.ShouldBe(2);
        notified.ShouldAllBe(notification => notification.Changes.Single()
            == new VendorChange("subscription", Pax8Deliveries.SubscriptionId, "subscription_updated"));
    }

    [Fact]
    public async Task Admins_see_the_address_but_never_the_key_which_is_encrypted_at_rest_and_rotation_can_replace_the_address()
    {
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var before = await admin.GetFromJsonAsync<EndpointDto>("/api/ingestion/webhooks/xero");
        before.ShouldBe(new EndpointDto("xero", null, false));

        var path = await SetKeyAsync("xero", XeroKey);
        var shown = await admin.GetFromJsonAsync<EndpointDto>("/api/ingestion/webhooks/xero");
        shown.ShouldBe(new EndpointDto("xero", path, true));
        await using (var connection = await fixture.OpenDatabaseAsync())
        {
            var stored = await connection.QuerySingleAsync<string>(
                "SELECT protected_key FROM webhook_endpoints WHERE org_id = @orgId", new { orgId });
            stored.ShouldNotContain(XeroKey);
            (await connection.QuerySingleAsync<int>(
                "SELECT count(*) FROM audit_log WHERE org_id = @orgId AND table_name = 'webhook_endpoints'", new { orgId }))
                .ShouldBe(1);
        }

        var rotated = await SetKeyAsync("xero", "another key", newEndpointId: true);
        rotated.ShouldNotBe(path);
        var body = XeroDelivery(Event("INVOICE", "inv-1", "UPDATE"));
        using var old = await PostXeroAsync(path, body, Sign(body, "another key"));
        old.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var current = await PostXeroAsync(rotated, body, Sign(body, "another key"));
        current.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("xero", "{\"signingKey\": \"\"}", HttpStatusCode.BadRequest)]
    [InlineData("xero", "{}", HttpStatusCode.BadRequest)]
    [InlineData("superops", "{\"signingKey\": \"k\"}", HttpStatusCode.NotFound)]
    public async Task A_bad_key_or_vendor_is_refused(string vendor, string request, HttpStatusCode status)
    {
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        using var response = await admin.PutAsync($"/api/ingestion/webhooks/{vendor}",
            new StringContent(request, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(status);
    }

    private async Task<string> SetKeyAsync(string vendor, string key, bool newEndpointId = false)
    {
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var response = await admin.PutAsJsonAsync($"/api/ingestion/webhooks/{vendor}",
            new { signingKey = key, newEndpointId });
        var endpoint = await response.ShouldBeJsonAsync<EndpointDto>(HttpStatusCode.OK);
        endpoint.KeySet.ShouldBeTrue();
        return endpoint.Path!;
    }

    private async Task<HttpResponseMessage> PostXeroAsync(string path, byte[] body, string? signature)
    {
        using var anonymous = fixture.ClientWith(null);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("x-xero-signature", signature);
        }
        return await anonymous.SendAsync(request);
    }

    /// <summary>Posts as Pax8 does: the webhook's configured authorization value as the Authorization header.</summary>
    private async Task<HttpResponseMessage> PostPax8Async(string path, byte[] body, string? authorization)
    {
        using var anonymous = fixture.ClientWith(null);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization).ShouldBeTrue();
        }
        return await anonymous.SendAsync(request);
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, string what)
    {
        using (response)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, what);
            (await response.Content.ReadAsByteArrayAsync()).ShouldBeEmpty(what);
        }
    }

    private static string Sign(byte[] body, string key) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), body));

    private static object Event(string category, string resourceId, string type) => new
    {
        resourceUrl = $"https://api.xero.com/api.xro/2.0/{category}s/{resourceId}",
        resourceId,
        eventDateUtc = "2026-12-01T10:00:00.000",
        eventType = type,
        eventCategory = category,
        tenantId = "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f",
        tenantType = "ORGANISATION",
    };

    private static byte[] XeroDelivery(params object[] events) => XeroDelivery(events, "S0m3r4Nd0mt3xt");

    private static byte[] XeroDelivery(object[] events, string entropy) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        events,
        firstEventSequence = 1,
        lastEventSequence = events.Length,
        entropy,
    });

    private async Task<List<VendorChangeNotified>> NotifiedAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE 'BillingOne.Contracts.Events.VendorChangeNotified,%' AND payload->>'orgId' = @orgId
            ORDER BY sequence
            """, new { orgId = orgId.ToString() });
        return payloads.Select(payload => JsonSerializer.Deserialize<VendorChangeNotified>(payload, Json)!).ToList();
    }

    private async Task<int> ReceiptCountAsync()
    {
        await using var connection = await fixture.OpenDatabaseAsync();
        return await connection.QuerySingleAsync<int>("SELECT count(*) FROM webhook_receipts WHERE org_id = @orgId",
            new { orgId });
    }

    private sealed record EndpointDto(string Vendor, string? Path, bool KeySet);
}
