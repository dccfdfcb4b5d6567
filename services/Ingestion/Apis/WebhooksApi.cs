using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Ingestion.Data;
using BillingOne.Ingestion.Domain.Webhooks;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Ingestion.Apis;

/// <summary>
/// Vendor webhooks. Each organization gets, per vendor, an address with an unguessable endpoint id and sets the
/// vendor's signing key (admins). Deliveries are anonymous: the signature over the raw body is the only credential.
/// A verified delivery is stored and answered at once; the sync it asks for happens after, through
/// <c>VendorChangeNotified</c>.
/// </summary>
public static partial class WebhooksApi
{
    private const string BasePath = "/api/ingestion/webhooks";

    /// <summary>Deliveries are small (Xero batches a few hundred events at most); anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public const string XeroSignatureHeader = "x-xero-signature";

    public static string ReceivingPath(string vendor, string endpointId) => $"{BasePath}/{vendor}/{endpointId}";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup(BasePath).WithTags("Webhooks");
        var settings = webhooks.MapGroup("").OrganizationWideOnly();

        settings.MapGet("/{vendor}", GetEndpoint)
            .RequireAuthorization(Policies.Admin)
            .WithName("GetWebhookEndpoint")
            .WithSummary("Get the organization's webhook address for a vendor")
            .WithDescription("`vendor` is `xero` or `pax8`. `path` is where the vendor must deliver (null until a " +
                "signing key is set); the key is never returned, only whether it is set.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        settings.MapPut("/{vendor}", SaveKey)
            .RequireAuthorization(Policies.Admin)
            .WithName("SaveWebhookKey")
            .WithSummary("Set or rotate a vendor's webhook signing key")
            .WithDescription("Creates the organization's endpoint on first use. The key is encrypted at rest and " +
                "never returned; `newEndpointId: true` also replaces the address. Audited without the key.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesJsonBodyProblems();

        webhooks.MapPost("/xero/{endpointId}", ReceiveXero)
            .AllowAnonymous()
            .WithName("ReceiveXeroWebhook")
            .WithSummary("Receive a Xero webhook delivery")
            .WithDescription("Signed with `x-xero-signature` = base64(HMAC-SHA256(raw body, webhook key)); a missing " +
                "or wrong signature is a 401 with an empty body. A delivery without events (intent to receive) is " +
                $"answered 200. At most {MaxBodyBytes} bytes.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        webhooks.MapPost("/pax8/{endpointId}", ReceivePax8)
            .AllowAnonymous()
            .WithName("ReceivePax8Webhook")
            .WithSummary("Receive a Pax8 webhook delivery")
            .WithDescription("Pax8 sends the webhook's `authorization` value, set in Pax8 to the same value as the " +
                "signing key here, as the `Authorization` header; a missing or different one is a 401 with an empty " +
                "body. Body: Pax8's `{accountId, url, webhookId, sentAt, webhookTopic: {id, topic, filters}, " +
                $"payloadData?}}`. At most {MaxBodyBytes} bytes.")
            .Produces(StatusCodes.Status200OK)
            .Produces(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return app;
    }

    public static async Task<Results<Ok<WebhookEndpointResponse>, ProblemHttpResult>> GetEndpoint(string vendor,
        WebhookEndpointStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        if (WebhookVendors.Parse(vendor) is not { } known)
        {
            return UnknownVendor(vendor);
        }
        var endpoint = await store.FindAsync(organization.OrgId, known, cancellationToken);
        return TypedResults.Ok(WebhookEndpointResponse.From(known, endpoint));
    }

    public static async Task<Results<Ok<WebhookEndpointResponse>, ValidationProblem, ProblemHttpResult>> SaveKey(
        string vendor, SaveWebhookKeyRequest request, WebhookEndpointStore store, IOrganizationContext organization,
        CancellationToken cancellationToken)
    {
        if (WebhookVendors.Parse(vendor) is not { } known)
        {
            return UnknownVendor(vendor);
        }
        var key = request.SigningKey?.Trim();
        if (string.IsNullOrEmpty(key) || key.Length > 512 || key.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["signingKey"] = ["signingKey is required: 1–512 characters, no control characters."],
            }, title: "The signing key is not valid.");
        }
        var endpoint = await store.SaveKeyAsync(organization.OrgId, known, key, request.NewEndpointId ?? false,
            cancellationToken);
        return TypedResults.Ok(WebhookEndpointResponse.From(known, endpoint));
    }

    public static Task<IResult> ReceiveXero(string endpointId, HttpContext context, WebhookEndpointStore endpoints,
        WebhookReceiptStore receipts, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        ReceiveAsync(WebhookVendors.Xero, endpointId, context, endpoints, receipts, clock, loggers,
            (body, key) => WebhookSignatures.XeroSignatureHolds(body.Span, key, context.Request.Headers[XeroSignatureHeader]),
            WebhookPayloads.ReadXero, cancellationToken);

    public static Task<IResult> ReceivePax8(string endpointId, HttpContext context, WebhookEndpointStore endpoints,
        WebhookReceiptStore receipts, TimeProvider clock, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        ReceiveAsync(WebhookVendors.Pax8, endpointId, context, endpoints, receipts, clock, loggers,
            (_, key) => WebhookSignatures.SharedSecretHolds(key, context.Request.Headers.Authorization),
            WebhookPayloads.ReadPax8, cancellationToken);

    private static async Task<IResult> ReceiveAsync(string vendor, string endpointId, HttpContext context,
        WebhookEndpointStore endpoints, WebhookReceiptStore receipts, TimeProvider clock, ILoggerFactory loggers,
        Func<ReadOnlyMemory<byte>, string, bool> verify, Func<ReadOnlyMemory<byte>, IReadOnlyList<NotifiedChange>> read,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(WebhooksApi));
        var recipient = endpointId.Length <= 64
            ? await endpoints.FindRecipientAsync(vendor, endpointId, cancellationToken)
            : null;
        if (recipient is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Webhook endpoint not found.");
        }
        if (await ReadBodyAsync(context.Request, cancellationToken) is not { } body)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The delivery is too large.", detail: $"A webhook delivery may have at most {MaxBodyBytes} bytes.");
        }
        if (!verify(body, recipient.SigningKey))
        {
            LogRefused(logger, vendor, recipient.OrgId);
            // The vendor's check expects a bare 401: no problem body from the status-code pages.
            context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            return TypedResults.StatusCode(StatusCodes.Status401Unauthorized);
        }
        IReadOnlyList<NotifiedChange> changes;
        try
        {
            changes = read(body);
        }
        catch (MalformedWebhookException malformed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: "The delivery is not valid.", detail: malformed.Message);
        }
        var receipt = await receipts.RecordAsync(recipient.OrgId, vendor, body, changes, clock.GetUtcNow(),
            cancellationToken);
        LogReceived(logger, vendor, recipient.OrgId, receipt.Status, receipt.NewChanges);
        context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
        return TypedResults.Ok();
    }

    /// <summary>The raw body, or null when it is larger than <see cref="MaxBodyBytes"/> (read no further than that).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length
               && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }
        return length > MaxBodyBytes ? null : buffer.AsMemory(0, length);
    }

    private static ProblemHttpResult UnknownVendor(string vendor) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound, title: "Unknown webhook vendor.",
        detail: $"Webhooks are received from {string.Join(" and ", WebhookVendors.All)}, not '{vendor}'.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Vendor} webhook for organization {OrgId} was refused: bad signature.")]
    private static partial void LogRefused(ILogger logger, string vendor, Guid orgId);

    // Debug: one line per request, which its trace already records.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "A {Vendor} webhook for organization {OrgId} was {Status} with {Changes} new changes.")]
    private static partial void LogReceived(ILogger logger, string vendor, Guid orgId, string status, int changes);
}
