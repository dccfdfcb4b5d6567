using System.ComponentModel;
using BillingOne.Ingestion.Data;

namespace BillingOne.Ingestion.Apis;

/// <param name="Path">Where the vendor must send its deliveries (relative to the gateway's address); null until a key is set.</param>
/// <param name="KeySet">Whether a signing key is stored. The key itself is never returned.</param>
public sealed record WebhookEndpointResponse(string Vendor, string? Path, bool KeySet, DateTimeOffset? UpdatedAt)
{
    public static WebhookEndpointResponse From(string vendor, WebhookEndpoint? endpoint) => new(vendor,
        endpoint is null ? null : WebhooksApi.ReceivingPath(vendor, endpoint.EndpointId), endpoint is not null,
        endpoint?.UpdatedAt);
}

public sealed record SaveWebhookKeyRequest(
    [property: Description("The vendor's signing key: Xero's webhook key, or the secret Pax8 sends (1–512 characters).")]
    string? SigningKey,
    [property: Description("Also give the endpoint a new id, so the old address stops answering (default false).")]
    bool? NewEndpointId);
