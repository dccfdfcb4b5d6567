using BillingOne.Web.Api;
using BillingOne.Web.ClientList;
using BillingOne.Web.InvoiceList;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The dashboard's links, and the metering counts the dashboard summary does not cover: each the totalCount of a
/// list asked for one row, which keeps the answer small.
/// </summary>
public static class DashboardCounts
{
    public const string UnderLicensedHref =
        ClientListUrl.Page + "?" + ClientListUrl.StatusParameter + "=" + ClientStatuses.UnderLicensed;

    public static readonly string DraftInvoicesHref = InvoiceListUrl.WithStatus(InvoiceStatuses.Draft);

    public static readonly string SubmittedInvoicesHref = InvoiceListUrl.WithStatus(InvoiceStatuses.Submitted);

    /// <summary>Assets of one of the <see cref="AssetViews"/>.</summary>
    public static Func<GatewayClient, CancellationToken, Task<long>> Assets(string view) =>
        async (gateway, cancellationToken) =>
            (await gateway.GetAssetsAsync(new AssetListQuery(View: view, PageSize: 1), cancellationToken)).TotalCount;

    public static async Task<long> BucketsAsync(GatewayClient gateway, CancellationToken cancellationToken) =>
        (await gateway.GetBucketsAsync(new BucketListQuery(PageSize: 1), cancellationToken)).TotalCount;
}
