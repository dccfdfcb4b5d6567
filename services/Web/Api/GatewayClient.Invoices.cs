namespace BillingOne.Web.Api;

/// <summary>The Invoices page's calls, the dashboard's invoice counts, and the Xero connection and account mapping.</summary>
public sealed partial class GatewayClient
{
    public Task<PagedList<Invoice>> GetInvoicesAsync(InvoiceListQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<Invoice>>(query.ToRequestUri(), cancellationToken);

    public Task<InvoiceDetail> GetInvoiceAsync(Guid invoiceId, CancellationToken cancellationToken) =>
        Get<InvoiceDetail>($"{InvoiceListQuery.Path}/{invoiceId}", cancellationToken);

    public Task<XeroConnection> GetXeroConnectionAsync(CancellationToken cancellationToken) =>
        Get<XeroConnection>(XeroPaths.Connection, cancellationToken);

    /// <summary>Starts the OAuth flow: the answer is Xero's consent page, where the browser must go.</summary>
    public Task<XeroAuthorization> StartXeroConnectAsync(CancellationToken cancellationToken) =>
        Send<XeroAuthorization>(HttpMethod.Post, XeroPaths.Connect, null, cancellationToken);

    // The changes below answer nothing the page needs: it reads the connection or the mappings again afterwards.
    public Task ChooseXeroTenantAsync(string tenantId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Put, XeroPaths.Tenant) { Content = Json(new ChooseXeroTenantRequest(tenantId)) },
            cancellationToken);

    public Task DisconnectXeroAsync(CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(() => new HttpRequestMessage(HttpMethod.Delete, XeroPaths.Connection), cancellationToken);

    public async Task<IReadOnlyList<AccountMapping>> GetAccountMappingsAsync(CancellationToken cancellationToken) =>
        (await Get<AccountMappingList>(XeroPaths.AccountMappings, cancellationToken)).Items;

    public Task SaveAccountMappingAsync(string billingType, string accountCode, CancellationToken cancellationToken) =>
        SaveAccountMappingAsync(billingType, accountCode, null, cancellationToken);

    /// <param name="taxType">Xero's tax type for the lines; null or empty: the account's default tax rate.</param>
    public Task SaveAccountMappingAsync(string billingType, string accountCode, string? taxType, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Put, XeroPaths.AccountMapping(billingType))
            {
                Content = Json(new SaveAccountMappingRequest(accountCode, string.IsNullOrWhiteSpace(taxType) ? null : taxType)),
            },
            cancellationToken);

    public Task DeleteAccountMappingAsync(string billingType, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Delete, XeroPaths.AccountMapping(billingType)), cancellationToken);

    public Task<PagedList<DraftInvoice>> GetDraftInvoicesAsync(string period, int page, int pageSize,
        CancellationToken cancellationToken) =>
        Get<PagedList<DraftInvoice>>(
            ApiQuery.Build(XeroPaths.DraftInvoices, ("period", period), ("page", page), ("pageSize", pageSize)), cancellationToken);

    public Task RetryDraftInvoiceAsync(Guid draftId, CancellationToken cancellationToken) =>
        SendWithoutAnswerAsync(
            () => new HttpRequestMessage(HttpMethod.Post, $"{XeroPaths.DraftInvoices}/{draftId}/retry"), cancellationToken);
}
