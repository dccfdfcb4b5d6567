using BillingOne.Web.Api;
using BillingOne.Web.ClientList;
using BillingOne.Web.InvoiceList;

namespace BillingOne.Web.Components.Pages;

/// <summary>The dashboard's counts: each the totalCount of a list asked for one row, which keeps the answer small.</summary>
public static class DashboardCounts
{
    public const string UnderLicensedHref = "clients?" + ClientListUrl.StatusParameter + "=" + ClientStatuses.UnderLicensed;

    public static readonly string DraftInvoicesHref = InvoiceListUrl.WithStatus(InvoiceStatuses.Draft);

    public static readonly string SubmittedInvoicesHref = InvoiceListUrl.WithStatus(InvoiceStatuses.Submitted);

    public static async Task<long> UnderLicensedClientsAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        (await gateway.GetClientsAsync(new ClientListQuery(Status: ClientStatuses.UnderLicensed, PageSize: 1), cancellationToken))
        .TotalCount;

    public static async Task<long> ClientsAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        (await gateway.GetClientsAsync(new ClientListQuery(PageSize: 1), cancellationToken)).TotalCount;

    /// <summary>Assets of one of the <see cref="AssetViews"/>.</summary>
    public static Func<GatewayClient, CancellationToken, Task<long>> Assets(string view) =>
        async (gateway, cancellationToken) =>
            (await gateway.GetAssetsAsync(new AssetListQuery(View: view, PageSize: 1), cancellationToken)).TotalCount;

    /// <summary>Invoices in draft or submitted status, as the invoice service's summary counts them.</summary>
    public static async Task<long> PendingInvoicesAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        (await gateway.GetInvoiceSummaryAsync(cancellationToken)).Pending;

    public static async Task<long> BucketsAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        (await gateway.GetBucketsAsync(new BucketListQuery(PageSize: 1), cancellationToken)).TotalCount;
}
