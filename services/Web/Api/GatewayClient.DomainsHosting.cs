namespace BillingOne.Web.Api;

/// <summary>The Domains &amp; Hosting page's calls.</summary>
public sealed partial class GatewayClient
{
    /// <summary>A page of the query's tab, as rows of the columns the tabs share.</summary>
    public async Task<PagedList<DomainsHostingRow>> GetDomainsHostingAsync(DomainsHostingQuery query,
        CancellationToken cancellationToken) => query.Tab switch
        {
            DomainsHostingTabs.Hosting => Rows(await Get<PagedList<SynergyHostingService>>(query.ToRequestUri(), cancellationToken),
                DomainsHostingRow.From),
            DomainsHostingTabs.Certificates => Rows(await Get<PagedList<SynergyCertificate>>(query.ToRequestUri(), cancellationToken),
                DomainsHostingRow.From),
            _ => Rows(await Get<PagedList<SynergyDomain>>(query.ToRequestUri(), cancellationToken), DomainsHostingRow.From),
        };

    public Task<DomainsHostingSummary> GetDomainsHostingSummaryAsync(CancellationToken cancellationToken) =>
        Get<DomainsHostingSummary>(DomainsHostingQuery.SummaryPath, cancellationToken);

    private static PagedList<DomainsHostingRow> Rows<T>(PagedList<T> page, Func<T, DomainsHostingRow> toRow) =>
        new([.. page.Items.Select(toRow)], page.Page, page.PageSize, page.TotalCount);
}
