using System.Text.Json;
using BillingOne.Contracts.Events;

namespace BillingOne.Ingestion.Domain.Webhooks;

/// <summary>One change a delivery names, with the key that makes the vendor's repeat of it recognisable.</summary>
public sealed record NotifiedChange(string DedupeKey, VendorChange Change);

/// <summary>A delivery's body did not have the vendor's documented shape; the message names what is wrong.</summary>
public sealed class MalformedWebhookException(string message) : Exception(message);

/// <summary>Reads the changes out of a delivery whose signature already held.</summary>
public static class WebhookPayloads
{
    /// <summary>
    /// Xero: <c>{events: [{resourceUrl, resourceId, eventDateUtc, eventType, eventCategory, tenantId, tenantType}],
    /// firstEventSequence, lastEventSequence, entropy}</c>. No events is Xero's intent-to-receive check. An event is
    /// the same event when tenant, resource, time and type are.
    /// </summary>
    public static IReadOnlyList<NotifiedChange> ReadXero(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        if (!document.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedWebhookException("events must be an array.");
        }
        var changes = new List<NotifiedChange>(events.GetArrayLength());
        var index = 0;
        foreach (var item in events.EnumerateArray())
        {
            var path = $"events[{index++}]";
            var resourceId = Text(item, "resourceId", path);
            var eventDate = Text(item, "eventDateUtc", path);
            var eventType = Text(item, "eventType", path).ToLowerInvariant();
            var category = Text(item, "eventCategory", path).ToLowerInvariant();
            var tenantId = Text(item, "tenantId", path);
            changes.Add(new NotifiedChange($"{tenantId}|{resourceId}|{eventDate}|{eventType}",
                new VendorChange(category, resourceId, eventType)));
        }
        return changes;
    }

    /// <summary>
    /// Pax8 v2 (docs/vendors.md, Pax8 webhooks): one delivery <c>{accountId, url, webhookId, sentAt,
    /// webhookTopic: {id, topic, filters}, payloadData?}</c>. The data each topic carries is not published, so a delivery
    /// says only that the partner account's records changed (a sync of the account), unless its data names a
    /// subscription by <c>subscriptionId</c> (a sync of that subscription). Pax8 identifies a delivery by webhook, time
    /// sent and topic.
    /// </summary>
    public static IReadOnlyList<NotifiedChange> ReadPax8(ReadOnlyMemory<byte> body)
    {
        using var document = Parse(body);
        var root = document.RootElement;
        var accountId = Uuid(root, "accountId", "$");
        var webhookId = Uuid(root, "webhookId", "$");
        var sentAt = Text(root, "sentAt", "$");
        if (!root.TryGetProperty("webhookTopic", out var webhookTopic) || webhookTopic.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedWebhookException("$.webhookTopic must be an object.");
        }
        var topic = Text(webhookTopic, "topic", "$.webhookTopic").ToLowerInvariant();
        var subscriptionId = root.TryGetProperty("payloadData", out var data) && data.ValueKind == JsonValueKind.Object
            ? OptionalUuid(data, "subscriptionId", "$.payloadData")
            : null;
        var change = subscriptionId is { } subscription
            ? new VendorChange(Pax8Resources.Subscription, subscription, topic)
            : new VendorChange(Pax8Resources.Account, accountId, topic);
        return [new NotifiedChange($"{webhookId}|{sentAt}|{topic}", change)];
    }

    private static string Uuid(JsonElement item, string name, string path) =>
        OptionalUuid(item, name, path) ?? throw new MalformedWebhookException($"{path}.{name} is required.");

    private static string? OptionalUuid(JsonElement item, string name, string path) =>
        OptionalText(item, name, path) is not { } text ? null
        : Guid.TryParse(text, out var id) ? id.ToString()
        : throw new MalformedWebhookException($"{path}.{name} must be a UUID.");

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException exception)
        {
            throw new MalformedWebhookException($"The body is not JSON: {exception.Message}");
        }
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new MalformedWebhookException("The body must be a JSON object.");
        }
        return document;
    }

    private static string Text(JsonElement item, string name, string path) =>
        OptionalText(item, name, path) ?? throw new MalformedWebhookException($"{path}.{name} is required.");

    private static string? OptionalText(JsonElement item, string name, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedWebhookException($"{path} must be an object.");
        }
        if (!item.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new MalformedWebhookException($"{path}.{name} must be a non-empty string.");
        }
        var text = Decoded(value, $"{path}.{name}").Trim();
        if (text.Length == 0)
        {
            throw new MalformedWebhookException($"{path}.{name} must be a non-empty string.");
        }
        if (text.AsSpan().ContainsAny(ControlCharacters.All))
        {
            throw NotText($"{path}.{name}");
        }
        return text.Length <= 200 ? text : throw new MalformedWebhookException($"{path}.{name} is longer than 200 characters.");
    }

    // JSON may carry bytes that are not UTF-8, or a \ud800 escape of half a surrogate pair: no string can hold either,
    // and System.Text.Json finds out only when decoding.
    private static string Decoded(JsonElement value, string field)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw NotText(field);
        }
    }

    // NUL above all: PostgreSQL text cannot hold it. No vendor id, type or time has control characters.
    private static MalformedWebhookException NotText(string field) =>
        new($"{field} must be valid UTF-8 text without control characters.");
}
