using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Money;
using BillingOne.Invoice.Connectors.SuperOps;
using BillingOne.Invoice.Data;

namespace BillingOne.Invoice.Integrations;

/// <summary>
/// SuperOps: the organization's clients (accounts) and invoices with their lines, read with its API token and
/// subdomain. SuperOps' lists cannot be asked for what changed, so every sync reads everything; an invoice SuperOps no
/// longer lists is left as it is. Items SuperOps answers incomplete are skipped and named; an answer that is not a
/// list fails the run and nothing read is applied.
/// </summary>
public sealed class SuperOpsIntegration(SuperOpsClientFactory clients, InvoiceSyncStore store) : IIntegration
{
    public const string IntegrationName = "superops";

    public string Name => IntegrationName;

    public string DisplayName => "SuperOps";

    public string Category => "Accounting";

    public IReadOnlyList<IntegrationField> Fields { get; } =
    [
        new(SuperOpsClientFactory.SubDomainSetting, "Subdomain",
            Help: "Your SuperOps subdomain: the first part of your-company.superops.ai."),
        new(SuperOpsClientFactory.ApiTokenSetting, "API token", Secret: true,
            Help: "Settings → My Profile → API token in SuperOps."),
        new(SuperOpsClientFactory.EndpointSetting, "GraphQL endpoint", Required: false, Kind: "url",
            Help: "Leave empty for SuperOps' API as configured (https://api.superops.ai/msp; EU: https://euapi.superops.ai/msp).",
            Hosts: ["api.superops.ai", "euapi.superops.ai"]),
        new(SuperOpsClientFactory.CurrencySetting, "Currency", Required: false,
            Help: "The ISO 4217 code your SuperOps account bills in (e.g. AUD). SuperOps' API sends no currency on invoices; "
                + "empty: the deployment's default."),
    ];

    public IntegrationValues? Defaults => clients.Defaults;

    /// <summary>
    /// Reads the first page of invoices with the query a sync sends: SuperOps answering it proves the endpoint, token and
    /// subdomain, and that the schema accepts the invoice query (a sync reads clients too, whose query is simpler).
    /// </summary>
    public async Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken)
    {
        if (values[SuperOpsClientFactory.SubDomainSetting] is null || values[SuperOpsClientFactory.ApiTokenSetting] is null)
        {
            return new ConnectionCheck(false, "Enter the SuperOps subdomain and API token.");
        }
        try
        {
            var connection = clients.ConnectionFor(values);
            if (!Iso4217.TryNormalize(connection.Currency, out _))
            {
                return new ConnectionCheck(false, $"'{connection.Currency}' is not an ISO 4217 currency code.");
            }
            using var client = clients.Create(connection);
            await foreach (var page in client.ReadInvoicesAsync(connection.Currency, cancellationToken))
            {
                return new ConnectionCheck(true, $"SuperOps answered: {page.TotalCount} invoices.");
            }
            return new ConnectionCheck(true, "SuperOps answered.");
        }
        catch (SuperOpsAuthenticationException refused)
        {
            return new ConnectionCheck(false, refused.Message);
        }
        catch (SuperOpsPayloadException unusable)
        {
            return new ConnectionCheck(false, $"SuperOps answered something unexpected: {unusable.Message}");
        }
        catch (HttpRequestException failed)
        {
            return new ConnectionCheck(false, $"SuperOps could not be reached: {failed.Message}");
        }
        catch (TimeoutException)
        {
            return new ConnectionCheck(false, "SuperOps did not answer in time.");
        }
    }

    public async Task SyncAsync(SyncContext context, CancellationToken cancellationToken)
    {
        if (context.Values[SuperOpsClientFactory.SubDomainSetting] is null
            || context.Values[SuperOpsClientFactory.ApiTokenSetting] is null)
        {
            throw new InvalidOperationException("Enter the SuperOps subdomain and API token under Settings → Integrations.");
        }
        var connection = clients.ConnectionFor(context.Values);
        if (!Iso4217.TryNormalize(connection.Currency, out _))
        {
            throw new InvalidOperationException(
                $"'{connection.Currency}' is not an ISO 4217 currency code: correct the SuperOps currency under Settings → Integrations.");
        }
        using var client = clients.Create(connection);
        var accounts = new List<SuperOpsAccount>();
        var invoices = new List<SuperOpsInvoice>();
        try
        {
            await ReadAsync(context, "contacts", client.ReadAccountsAsync(cancellationToken), accounts, cancellationToken);
            await ReadAsync(context, "invoices", client.ReadInvoicesAsync(connection.Currency, cancellationToken), invoices, cancellationToken);
        }
        catch (SuperOpsAuthenticationException refused)
        {
            throw new InvalidOperationException(
                $"{refused.Message} Check the API token and subdomain under Settings → Integrations.", refused);
        }
        catch (SuperOpsPayloadException unusable)
        {
            throw new InvalidOperationException($"SuperOps answered something unusable, nothing was applied: {unusable.Message}",
                unusable);
        }

        await context.ReportProgressAsync("applying", accounts.Count + invoices.Count, accounts.Count + invoices.Count,
            cancellationToken);
        var changes = await store.ApplyAsync(context.OrgId, context.RunId, IntegrationName,
            [.. accounts.Select(account => new StoredContact(account.AccountId, account.Name, null, null, null))],
            [.. invoices.Select(Stored)], null, cancellationToken);
        context.Count("contacts", changes.Contacts);
        context.Count("invoices", changes.Invoices);
    }

    /// <summary>SuperOps sends one total per invoice: a paid invoice has all of it paid, any other has all of it due.</summary>
    private static StoredInvoice Stored(SuperOpsInvoice invoice)
    {
        var paid = invoice.Status == "PAID";
        var lineTotal = invoice.Lines.Sum(line => line.Amount);
        return new StoredInvoice(invoice.InvoiceId, invoice.DisplayId, null, invoice.AccountId, invoice.ClientName,
            invoice.Status, invoice.InvoiceDate, invoice.DueDate, invoice.Currency,
            SubTotal: invoice.Lines.Count > 0 ? lineTotal : invoice.TotalAmount,
            TotalTax: invoice.Lines.Count > 0 ? invoice.TotalAmount - lineTotal : 0m,
            Total: invoice.TotalAmount,
            AmountDue: paid ? 0m : invoice.TotalAmount,
            AmountPaid: paid ? invoice.TotalAmount : 0m,
            FullyPaidOn: null, VendorUpdatedAt: null, VendorUrl: null,
            [.. invoice.Lines.Select(line => new StoredInvoiceLine(line.Description, line.Quantity, line.UnitPrice, null,
                line.ItemName, null, line.Amount))]);
    }

    private static async Task ReadAsync<T>(SyncContext context, string resource, IAsyncEnumerable<SuperOpsPage<T>> pages,
        List<T> items, CancellationToken cancellationToken)
    {
        await foreach (var page in pages)
        {
            foreach (var rejected in page.Rejected)
            {
                context.Skip(rejected.What, rejected.Reason);
            }
            items.AddRange(page.Items);
            await context.ReportProgressAsync(resource, items.Count, page.TotalCount, cancellationToken);
        }
    }
}
