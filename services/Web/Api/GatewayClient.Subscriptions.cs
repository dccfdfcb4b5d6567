namespace BillingOne.Web.Api;

/// <summary>The Subscriptions page's calls.</summary>
public sealed partial class GatewayClient
{
    public Task<PagedList<Subscription>> GetSubscriptionsAsync(SubscriptionListQuery query, CancellationToken cancellationToken) =>
        Get<PagedList<Subscription>>(query.ToRequestUri(), cancellationToken);

    public Task<Subscription> GetSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken) =>
        Get<Subscription>($"{SubscriptionListQuery.Path}/{Uri.EscapeDataString(subscriptionId)}", cancellationToken);
}
