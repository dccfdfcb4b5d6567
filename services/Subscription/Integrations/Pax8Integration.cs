using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Integrations;

/// <summary>
/// Pax8: the organization's companies, products and subscriptions. A sync reads every list to its end before it
/// stores anything, so a page Pax8 answers malformed fails the run with the page named and leaves the last sync's
/// data as it was; a subscription naming a company or product Pax8 did not list is skipped and named.
/// </summary>
public sealed class Pax8Integration(Pax8ClientFactory clients, Pax8SyncStore store) : IIntegration
{
    public const string IntegrationName = "pax8";

    public string Name => IntegrationName;

    public string DisplayName => "Pax8";

    public string Category => "Distributor";

    public IReadOnlyList<IntegrationField> Fields { get; } =
    [
        new(Pax8ClientFactory.ClientIdSetting, "Client ID"),
        new(Pax8ClientFactory.ClientSecretSetting, "Client secret", Secret: true),
        new(Pax8ClientFactory.BaseUrlSetting, "API address", Required: false, Kind: "url",
            Help: "Leave empty for Pax8's own API address.", Hosts: ["api.pax8.com"]),
        new(Pax8ClientFactory.TokenUrlSetting, "Token address", Required: false, Kind: "url",
            Help: "Leave empty for Pax8's own token endpoint.", Hosts: ["token-manager.pax8.com"]),
    ];

    public IntegrationValues? Defaults => clients.Defaults;

    public async Task<ConnectionCheck> TestAsync(IntegrationValues values, CancellationToken cancellationToken)
    {
        if (values[Pax8ClientFactory.ClientIdSetting] is null || values[Pax8ClientFactory.ClientSecretSetting] is null)
        {
            return new ConnectionCheck(false, "Enter the client ID and secret of a Pax8 API application.");
        }
        try
        {
            using var client = clients.Create(clients.ConnectionFor(values));
            await foreach (var page in client.ReadCompaniesAsync(cancellationToken))
            {
                return new ConnectionCheck(true, $"Pax8 answered: {page.TotalElements} companies.");
            }
            return new ConnectionCheck(true, "Pax8 answered: no companies yet.");
        }
        catch (AccessTokenRequestException refused)
        {
            return new ConnectionCheck(false, $"Pax8 refused the credentials: {refused.Message}");
        }
        catch (HttpRequestException failed)
        {
            return new ConnectionCheck(false, $"Pax8 could not be reached: {failed.Message}");
        }
        catch (Pax8PayloadException malformed)
        {
            return new ConnectionCheck(false, $"Pax8 answered, but not as documented: {malformed.Message}");
        }
        catch (TimeoutException)
        {
            return new ConnectionCheck(false, "Pax8 did not answer in time.");
        }
    }

    public async Task SyncAsync(SyncContext context, CancellationToken cancellationToken)
    {
        if (context.Scope is { } scope)
        {
            await SyncNamedSubscriptionsAsync(context, scope, cancellationToken);
            return;
        }
        using var client = clients.Create(clients.ConnectionFor(context.Values));
        // A subscription left out for a malformed field is kept as stored, not taken as gone.
        var skipped = new HashSet<Guid>();
        var companies = await ReadAllAsync(context, "companies", client.ReadCompaniesAsync(cancellationToken),
            company => new StoredCompany(company.Id.ToString(), company.Name, company.Website, company.Status), null,
            cancellationToken);
        var products = await ReadAllAsync(context, "products", client.ReadProductsAsync(cancellationToken),
            product => new StoredProduct(product.Id, product.Name, product.VendorName, product.Sku,
                product.LicenceUnit is { } unit ? KebabNames.Of(unit) : null, product.UnitPrice?.Amount,
                product.UnitPrice?.Currency), null, cancellationToken);
        var subscriptions = await ReadAllAsync(context, "subscriptions", client.ReadSubscriptionsAsync(cancellationToken: cancellationToken),
            ToStored, skipped, cancellationToken);

        var companyIds = companies.Select(company => company.ExternalId).ToHashSet(StringComparer.Ordinal);
        var productIds = products.Select(product => product.Id).ToHashSet();
        var complete = new List<StoredSubscription>(subscriptions.Count);
        foreach (var subscription in subscriptions)
        {
            if (!companyIds.Contains(subscription.CompanyId.ToString()))
            {
                context.Skip($"subscription {subscription.Id}", $"names company {subscription.CompanyId}, which Pax8 did not list");
                skipped.Add(subscription.Id);
            }
            else if (!productIds.Contains(subscription.ProductId))
            {
                context.Skip($"subscription {subscription.Id}", $"names product {subscription.ProductId}, which Pax8 did not list");
                skipped.Add(subscription.Id);
            }
            else
            {
                complete.Add(subscription);
            }
        }
        await context.ReportProgressAsync("applying", subscriptions.Count, subscriptions.Count, cancellationToken);
        var changes = await store.ApplyAsync(context.OrgId, context.RunId,
            new Pax8Listing(companies, products, complete), skipped, cancellationToken);
        context.Count("companies", changes.Companies.Counts);
        context.Count("products", changes.Products.Counts);
        context.Count("subscriptions", changes.Subscriptions.Counts);
    }

    /// <summary>
    /// A webhook-triggered run: reads only the subscriptions its scope names (one request each) and applies just those,
    /// leaving every other record as the last full sync stored it.
    /// </summary>
    private async Task SyncNamedSubscriptionsAsync(SyncContext context, SyncScope scope, CancellationToken cancellationToken)
    {
        var ids = new List<Guid>();
        foreach (var named in scope.IdsOf(Pax8Resources.Subscription))
        {
            if (Guid.TryParse(named, out var id))
            {
                ids.Add(id);
            }
            else
            {
                context.Skip($"subscription {named}", "is not a Pax8 subscription id");
            }
        }
        using var client = clients.Create(clients.ConnectionFor(context.Values));
        var read = new List<StoredSubscription>();
        var gone = new List<Guid>();
        foreach (var id in ids)
        {
            try
            {
                if (await client.ReadSubscriptionAsync(id, cancellationToken) is { } subscription)
                {
                    read.Add(ToStored(subscription));
                }
                else
                {
                    gone.Add(id);
                }
            }
            catch (Pax8PayloadException malformed)
            {
                context.Skip($"subscription {id}", $"{malformed.Field} {malformed.Reason}");
                throw;
            }
            await context.ReportProgressAsync("subscriptions", read.Count + gone.Count, ids.Count, cancellationToken);
        }
        var changes = await store.ApplySubscriptionsAsync(context.OrgId, context.RunId, read, gone, cancellationToken);
        foreach (var (id, reason) in changes.Skipped)
        {
            context.Skip($"subscription {id}", reason);
        }
        context.Count("subscriptions", changes.Subscriptions.Counts);
    }

    private static string Singular(string resource) => resource switch
    {
        "companies" => "company",
        "products" => "product",
        _ => "subscription",
    };

    private static StoredSubscription ToStored(Pax8Subscription subscription) => new(subscription.Id,
        subscription.CompanyId, subscription.ProductId, subscription.Quantity, subscription.UnitPrice.Amount,
        subscription.UnitPrice.Currency, KebabNames.Of(subscription.BillingTerm), KebabNames.Of(subscription.Status),
        subscription.StartDate, subscription.EndDate);

    /// <param name="skippedIds">Collects the ids of items left out as malformed; null when none need keeping.</param>
    private static async Task<List<TStored>> ReadAllAsync<TItem, TStored>(SyncContext context, string resource,
        IAsyncEnumerable<Pax8Page<TItem>> pages, Func<TItem, TStored> store, ISet<Guid>? skippedIds,
        CancellationToken cancellationToken)
    {
        var items = new List<TStored>();
        try
        {
            await foreach (var page in pages)
            {
                items.AddRange(page.Items.Select(store));
                foreach (var item in page.Skipped ?? [])
                {
                    context.Skip(item.Id is { } id ? $"Pax8 {Singular(resource)} {id}" : $"Pax8 {resource} page {item.PageNumber}",
                        $"{item.Field} {item.Reason}");
                    if (item.Id is { } known)
                    {
                        skippedIds?.Add(known);
                    }
                }
                await context.ReportProgressAsync(resource, items.Count, page.TotalElements, cancellationToken);
            }
        }
        catch (Pax8PayloadException malformed)
        {
            context.Skip($"{malformed.Resource} page {malformed.PageNumber}", $"{malformed.Field} {malformed.Reason}");
            throw;
        }
        return items;
    }
}
