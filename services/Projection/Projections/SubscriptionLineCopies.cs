using BillingOne.Contracts.Events;
using Dapper;

namespace BillingOne.Projection.Projections;

/// <summary>
/// Subscription lines as an event lists them, inserted into a copy table (<c>client_subscriptions</c>,
/// <c>unmapped_subscriptions</c>): <see cref="Columns"/> from <see cref="Listed"/> with <see cref="Parameters"/>.
/// </summary>
internal static class SubscriptionLineCopies
{
    public const string Columns = """
        subscription_id, product_id, product_name, quantity, unit_price, currency, billing_term, status, start_date,
        end_date, removed_at
        """;

    public const string Listed = """
        unnest(@ids, @productIds, @productNames, @quantities, @unitPrices, @currencies, @terms, @statuses, @starts, @ends,
               @removals)
            AS listed(subscription_id, product_id, product_name, quantity, unit_price, currency, billing_term, status,
                      start_date, end_date, removed_at)
        """;

    /// <summary>The lines' columns as arrays, with the organization (<c>@OrgId</c>) and the client (<c>@ClientId</c>).</summary>
    public static DynamicParameters Parameters(Guid orgId, Guid? clientId, IReadOnlyList<ClientSubscriptionLine> lines) => new(new
    {
        OrgId = orgId,
        ClientId = clientId,
        ids = lines.Select(line => line.SubscriptionId).ToArray(),
        productIds = lines.Select(line => line.ProductId).ToArray(),
        productNames = lines.Select(line => line.ProductName).ToArray(),
        quantities = lines.Select(line => line.Quantity).ToArray(),
        unitPrices = lines.Select(line => line.UnitPrice).ToArray(),
        currencies = lines.Select(line => line.Currency).ToArray(),
        terms = lines.Select(line => line.BillingTerm).ToArray(),
        statuses = lines.Select(line => line.Status).ToArray(),
        // timestamptz takes instants in UTC whatever offset they came with.
        starts = lines.Select(line => line.StartDate.UtcDateTime).ToArray(),
        ends = lines.Select(line => line.EndDate?.UtcDateTime).ToArray(),
        removals = lines.Select(line => line.RemovedAt?.UtcDateTime).ToArray(),
    });
}
