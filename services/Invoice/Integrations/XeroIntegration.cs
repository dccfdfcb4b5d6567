using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Invoice.Connectors.Xero;
using BillingOne.Invoice.Data;

namespace BillingOne.Invoice.Integrations;

/// <summary>
/// Xero: the organisation's contacts and sales invoices with their lines, read from the tenant the organization
/// connected (<c>/api/invoice/xero</c>). The first sync reads everything; later ones only what changed since the last
/// complete read began (<c>If-Modified-Since</c>). Items Xero answers malformed are skipped and named. When Xero's daily
/// call limit runs out mid-read, what was read is applied and the run fails saying when calls resume; the watermark
/// stays, so the next sync reads again from where the last complete read began and nothing is lost.
/// </summary>
public sealed class XeroIntegration(
    XeroApps apps,
    XeroIdentityClient identity,
    XeroApiClientFactory clients,
    XeroConnectionStore connections,
    XeroSyncStore store,
    TimeProvider clock) : IIntegration
{
    public const string IntegrationName = "xero";

    /// <summary>The resource types of a scoped run, as <c>VendorChangeNotified</c> names them.</summary>
    public const string InvoiceResource = "invoice";
    public const string ContactResource = "contact";

    private static readonly TimeSpan ClockSkewMargin = TimeSpan.FromMinutes(5);

    public string Name => IntegrationName;

    public string DisplayName => "Xero";

    public string Category => "Accounting";

    public IReadOnlyList<IntegrationField> Fields { get; } =
    [
        new(XeroApps.ClientIdSetting, "Client ID", Help: "The client id of your Xero app (developer.xero.com → My Apps)."),
        new(XeroApps.ClientSecretSetting, "Client secret", Secret: true),
        new(XeroApps.IdentityAddressSetting, "Identity address", Required: false, Kind: "url",
            Help: "Leave empty for Xero's identity server as configured (https://identity.xero.com/).",
            Hosts: ["identity.xero.com"]),
        new(XeroApps.ApiAddressSetting, "API address", Required: false, Kind: "url",
            Help: "Leave empty for Xero's API as configured (https://api.xero.com/).", Hosts: ["api.xero.com"]),
    ];

    public IntegrationValues? Defaults => apps.Defaults;

    /// <summary>
    /// Checks the app's credentials at the identity server (a made-up refresh token must be refused as a grant, not as a
    /// client) and, when the organization is connected, nothing more: the connection has its own status.
    /// </summary>
    public async Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken)
    {
        if (apps.AppFor(values) is not { } app)
        {
            return new ConnectionCheck(false, "Enter the client ID and secret of a Xero app.");
        }
        try
        {
            await identity.RefreshAsync(app, "billingone-connection-test", cancellationToken);
            return new ConnectionCheck(true, "Xero's identity server answered.");
        }
        catch (XeroGrantRefusedException refused) when (refused.Error == "invalid_grant")
        {
            return new ConnectionCheck(true, "Xero's identity server accepted the app's credentials. Connect an organisation next.");
        }
        catch (XeroGrantRefusedException refused)
        {
            return new ConnectionCheck(false, $"Xero refused the app: {refused.Message}");
        }
        catch (HttpRequestException failed)
        {
            return new ConnectionCheck(false, $"Xero could not be reached: {failed.Message}");
        }
        catch (TimeoutException)
        {
            return new ConnectionCheck(false, "Xero did not answer in time.");
        }
    }

    public async Task SyncAsync(SyncContext context, CancellationToken cancellationToken)
    {
        var app = apps.AppFor(context.Values)
            ?? throw new InvalidOperationException("Enter the client ID and secret of a Xero app under Settings → Integrations.");
        var connection = await connections.FindAsync(context.OrgId, cancellationToken);
        if (connection is not { Status: XeroConnectionStatus.Connected, TenantId: { } tenantId })
        {
            throw new XeroReconnectRequiredException(connection?.Status switch
            {
                XeroConnectionStatus.ChooseTenant => "Choose which Xero organisation to sync under Settings → Integrations.",
                XeroConnectionStatus.Expired => connection.LastError
                    ?? "Xero's authorization has expired: connect Xero again under Settings → Integrations.",
                _ => "Xero is not connected: connect it under Settings → Integrations.",
            });
        }
        var client = clients.Create(app, tenantId, connections.TokensFor(context.OrgId, app, identity));
        if (context.Scope is { IsEverything: false } scope)
        {
            await SyncScopedAsync(context, client, scope, cancellationToken);
            return;
        }
        var startedAt = clock.GetUtcNow();
        // Xero compares with its own clock: a margin keeps a change made just before our watermark from slipping past.
        var since = await store.ModifiedSinceAsync(context.OrgId, cancellationToken) - ClockSkewMargin;

        var contacts = new List<XeroContact>();
        var invoices = new List<XeroInvoice>();
        var complete = true;
        XeroDailyLimitException? dailyLimit = null;
        try
        {
            complete &= await ReadAsync(context, "contacts", client.ReadContactsAsync(since, cancellationToken), contacts,
                cancellationToken);
            complete &= await ReadAsync(context, "invoices", client.ReadInvoicesAsync(since, cancellationToken), invoices,
                cancellationToken);
        }
        catch (XeroDailyLimitException limit)
        {
            dailyLimit = limit;
            complete = false;
            context.Skip(contacts.Count == 0 && invoices.Count == 0 ? "everything" : "the rest of the read",
                $"{limit.Message} Applied what was read before it; the next sync reads on from the last complete sync.");
        }
        catch (XeroPayloadException unreadable)
        {
            context.Skip($"{unreadable.Resource.ToLowerInvariant()} page {unreadable.Page}", $"{unreadable.Field} {unreadable.Reason}");
            throw;
        }

        await context.ReportProgressAsync("applying", contacts.Count + invoices.Count, contacts.Count + invoices.Count,
            cancellationToken);
        var changes = await store.ApplyAsync(context.OrgId, context.RunId, new XeroReadResult(contacts, invoices, complete),
            startedAt, cancellationToken);
        context.Count("contacts", changes.Contacts);
        context.Count("invoices", changes.Invoices);
        if (dailyLimit is not null)
        {
            throw new XeroDailyLimitException(dailyLimit.ResumesAt, contacts.Count, invoices.Count);
        }
    }

    /// <summary>
    /// Reads only the records a webhook named, one by one, and applies them like a full read's. The watermark stays
    /// where it is: records changed elsewhere since the last full read are still read by the next incremental sync.
    /// </summary>
    private async Task SyncScopedAsync(SyncContext context, XeroApiClient client, SyncScope scope,
        CancellationToken cancellationToken)
    {
        var contacts = new List<XeroContact>();
        var invoices = new List<XeroInvoice>();
        await ReadByIdAsync(context, ContactResource, scope, client.ReadContactAsync, contacts, cancellationToken);
        await ReadByIdAsync(context, InvoiceResource, scope, client.ReadInvoiceAsync, invoices, cancellationToken);
        await context.ReportProgressAsync("applying", contacts.Count + invoices.Count, contacts.Count + invoices.Count,
            cancellationToken);
        var changes = await store.ApplyAsync(context.OrgId, context.RunId, new XeroReadResult(contacts, invoices, false),
            startedAt: null, cancellationToken);
        context.Count("contacts", changes.Contacts);
        context.Count("invoices", changes.Invoices);
    }

    private static async Task ReadByIdAsync<T>(SyncContext context, string resource, SyncScope scope,
        Func<Guid, CancellationToken, Task<XeroPage<T>>> read, List<T> items, CancellationToken cancellationToken)
    {
        var ids = scope.IdsOf(resource);
        foreach (var id in ids)
        {
            if (!Guid.TryParse(id, out var xeroId))
            {
                context.Skip($"{resource} {id}", "is not a Xero id (a GUID)");
                continue;
            }
            var page = await read(xeroId, cancellationToken);
            if (page.Unreadable is { } reason)
            {
                context.Skip($"{resource} {id}", reason);
            }
            else if (page.ReceivedCount == 0)
            {
                context.Skip($"{resource} {id}", "Xero does not know it (404); the stored copy is left as it is");
            }
            foreach (var rejected in page.Rejected)
            {
                context.Skip(rejected.What, rejected.Reason);
            }
            items.AddRange(page.Items);
            await context.ReportProgressAsync(resource, items.Count, ids.Count, cancellationToken);
        }
    }

    /// <summary>Reads every page into <paramref name="items"/>; false when a page could not be read (the read is then incomplete).</summary>
    private static async Task<bool> ReadAsync<T>(SyncContext context, string resource, IAsyncEnumerable<XeroPage<T>> pages,
        List<T> items, CancellationToken cancellationToken)
    {
        var complete = true;
        await foreach (var page in pages)
        {
            if (page.Unreadable is { } reason)
            {
                context.Skip($"{resource} page {page.Number}", reason);
                complete = false;
            }
            foreach (var rejected in page.Rejected)
            {
                context.Skip(rejected.What, rejected.Reason);
            }
            items.AddRange(page.Items);
            await context.ReportProgressAsync(resource, items.Count, null, cancellationToken);
        }
        return complete;
    }
}
