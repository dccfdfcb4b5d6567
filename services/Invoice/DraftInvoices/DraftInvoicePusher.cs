using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Invoice.Connectors.Xero;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.Domain;

namespace BillingOne.Invoice.DraftInvoices;

/// <summary>
/// Pushes one finalized month of a client to Xero as a DRAFT invoice with a line per bucket, each on the revenue account
/// and with the tax type mapped to its billing type (Settings → Xero account mapping). Every attempt sends the draft's fixed idempotency key, so an attempt repeated after a
/// crash or restart gets back the invoice the first one created. What cannot be pushed yet waits: for a Xero contact
/// mapped to the client, for a Xero connection, or (transient faults) for a later attempt.
/// </summary>
public sealed partial class DraftInvoicePusher(
    DraftInvoiceStore drafts,
    AccountMappingStore accounts,
    IntegrationSettingsStore settings,
    XeroApps apps,
    XeroConnectionStore connections,
    XeroIdentityClient identity,
    XeroApiClientFactory clients,
    ILogger<DraftInvoicePusher> logger)
{
    /// <summary>How soon a draft waiting for a mapping or a connection is looked at again.</summary>
    public static readonly TimeSpan WaitingRecheck = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(30);

    public async Task PushAsync(DueDraftInvoice draft, CancellationToken cancellationToken)
    {
        var billing = draft.Billing;
        var connection = await connections.FindAsync(draft.OrgId, cancellationToken);
        var app = await apps.AppOfAsync(settings, draft.OrgId, cancellationToken);
        if (connection is not { Status: XeroConnectionStatus.Connected, TenantId: { } tenantId } || app is null)
        {
            await drafts.MarkNotPushedAsync(draft, DraftInvoiceStatuses.WaitingForXero,
                "Xero is not connected: connect it under Settings → Integrations and the draft is pushed.", WaitingRecheck,
                cancellationToken);
            return;
        }
        if (await drafts.XeroContactOfAsync(draft.OrgId, billing.ClientId, cancellationToken) is not { } contact
            || !Guid.TryParse(contact, out var contactId))
        {
            await drafts.MarkNotPushedAsync(draft, DraftInvoiceStatuses.NeedsMapping,
                "The client has no Xero contact: map one under Clients → Mappings (Xero) and the draft is pushed.",
                WaitingRecheck, cancellationToken);
            return;
        }
        var mappings = await accounts.ListAsync(draft.OrgId, cancellationToken);
        var accountCodes = mappings.ToDictionary(mapping => mapping.BillingType, mapping => mapping.AccountCode, StringComparer.Ordinal);
        var taxTypes = mappings.Where(mapping => mapping.TaxType is not null)
            .ToDictionary(mapping => mapping.BillingType, mapping => mapping.TaxType!, StringComparer.Ordinal);
        var plan = DraftInvoicePlan.For(billing, accountCodes, taxTypes);
        var client = clients.Create(app, tenantId, connections.TokensFor(draft.OrgId, app, identity));
        try
        {
            var created = await client.CreateDraftInvoiceAsync(new XeroDraftInvoice(contactId, plan.Date, plan.Reference,
                plan.Currency, [.. plan.Lines.Select(line => new XeroDraftInvoiceLine(line.Description, line.Quantity,
                    line.UnitAmount, line.AccountCode, line.TaxType))]), plan.IdempotencyKey, cancellationToken);
            await drafts.MarkPushedAsync(draft, created.InvoiceId.ToString(), created.Number,
                VendorUrls.XeroInvoice(created.InvoiceId), cancellationToken);
            LogPushed(draft.OrgId, billing.ClientId, billing.Year, billing.Month, created.InvoiceId);
        }
        catch (XeroInvoiceRefusedException refused)
        {
            await drafts.MarkNotPushedAsync(draft, DraftInvoiceStatuses.Failed, refused.Message, null, cancellationToken);
        }
        catch (XeroReconnectRequiredException reconnect)
        {
            await drafts.MarkNotPushedAsync(draft, DraftInvoiceStatuses.WaitingForXero, reconnect.Message, WaitingRecheck,
                cancellationToken);
        }
        catch (Exception transient) when (transient is HttpRequestException or TimeoutException or XeroDailyLimitException
            or XeroPayloadException or XeroGrantRefusedException
            || transient is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var backoff = TimeSpan.FromSeconds(Math.Min(LongestBackoff.TotalSeconds, 30 * Math.Pow(2, Math.Min(draft.Attempts - 1, 10))));
            var retryAfter = transient is XeroDailyLimitException limit ? limit.ResumesAt - DateTimeOffset.UtcNow : backoff;
            LogPushDeferred(transient, draft.OrgId, billing.ClientId, billing.Year, billing.Month, retryAfter);
            await drafts.MarkNotPushedAsync(draft, DraftInvoiceStatuses.Pending, transient.Message, retryAfter, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Draft invoice of client {ClientId} for {Year}-{Month:D2} (organization {OrgId}) pushed to Xero as {InvoiceId}")]
    private partial void LogPushed(Guid orgId, Guid clientId, int year, int month, Guid invoiceId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Draft invoice of client {ClientId} for {Year}-{Month:D2} (organization {OrgId}) not pushed yet; next attempt in {RetryAfter}")]
    private partial void LogPushDeferred(Exception exception, Guid orgId, Guid clientId, int year, int month, TimeSpan retryAfter);
}
