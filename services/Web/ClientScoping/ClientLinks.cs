using BillingOne.Web.ClientList;
using BillingOne.Web.InvoiceList;
using BillingOne.Web.SubscriptionList;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.ClientScoping;

/// <summary>Relative links to one client's detail and to the lists narrowed to that client (the seed's quick links).</summary>
public static class ClientLinks
{
    public const string MissedBillingPage = "missed-billing";
    public const string BucketsPage = "metering/buckets";
    public const string ClientParameter = "clientId";

    public static string Detail(Guid clientId) => $"{ClientListUrl.Page}/{clientId}";

    public static string Subscriptions(Guid clientId) => SubscriptionListUrl.ScopedTo(clientId);

    public static string Invoices(Guid clientId) =>
        QueryHelpers.AddQueryString(InvoiceListUrl.Page, InvoiceListUrl.ClientParameter, clientId.ToString());

    /// <summary>The client's contracts: its metering buckets with their commits.</summary>
    public static string Buckets(Guid clientId) => WithClient(BucketsPage, clientId);

    public static string MissedBilling(Guid clientId) => WithClient(MissedBillingPage, clientId);

    private static string WithClient(string page, Guid clientId) =>
        QueryHelpers.AddQueryString(page, ClientParameter, clientId.ToString());
}
