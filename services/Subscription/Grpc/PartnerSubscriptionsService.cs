using System.Globalization;
using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Subscription.Apis;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using WireSubscription = BillingOne.Contracts.Partner.V1.Subscription;

namespace BillingOne.Subscription.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerSubscriptions</c>: the subscriptions as <c>GET /api/subscription/subscriptions</c>
/// lists them. A client-scoped caller sees only its client's; asking for another client is <c>NOT_FOUND</c>.
/// </summary>
public sealed class PartnerSubscriptionsService(SubscriptionStore store, IActorContext caller)
    : PartnerSubscriptions.PartnerSubscriptionsBase
{
    public override async Task<ListSubscriptionsResponse> ListSubscriptions(ListSubscriptionsRequest request,
        ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SubscriptionListQuery.Parse(GrpcErrors.Given(request.Search), GrpcErrors.Given(request.Status),
            GrpcErrors.Given(request.ClientId), GrpcErrors.Given(request.Sort), GrpcErrors.Given(request.Direction),
            GrpcErrors.Given(request.Page), GrpcErrors.Given(request.PageSize), errors);
        if (query is null)
        {
            throw GrpcErrors.InvalidArgument(errors);
        }
        if (query.ClientId is { } clientId && !caller.MaySee(clientId))
        {
            throw GrpcErrors.NotFound($"There is no client '{clientId}' in this organization.");
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, context.CancellationToken);
        var response = new ListSubscriptionsResponse
        {
            Page = page.Page,
            PageSize = page.PageSize,
            TotalCount = page.TotalCount,
        };
        response.Subscriptions.AddRange(page.Items.Select(view => ToWire(SubscriptionResponse.From(view))));
        return response;
    }

    private static WireSubscription ToWire(SubscriptionResponse subscription) => new()
    {
        Id = subscription.Id.ToString(),
        ClientId = subscription.ClientId?.ToString() ?? "",
        ClientName = subscription.ClientName ?? "",
        CompanyId = subscription.CompanyId.ToString(),
        CompanyName = subscription.CompanyName,
        ProductId = subscription.ProductId.ToString(),
        ProductName = subscription.ProductName,
        VendorName = subscription.VendorName,
        Sku = subscription.Sku ?? "",
        LicenceUnit = subscription.LicenceUnit ?? "",
        Quantity = subscription.Quantity,
        UnitPrice = ToWire(subscription.UnitPrice),
        Total = ToWire(subscription.Total),
        MonthlyValue = ToWire(subscription.MonthlyValue),
        BillingTerm = subscription.BillingTerm,
        Status = subscription.Status,
        StartDate = subscription.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        EndDate = subscription.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        UpdatedAt = Timestamp.FromDateTimeOffset(subscription.UpdatedAt),
    };

    // The HTTP API's amounts as they are: unit prices keep their extra decimals, lines their minor units.
    private static Money ToWire(MoneyResponse money) => new()
    {
        Amount = money.Amount.ToString(CultureInfo.InvariantCulture),
        Currency = money.Currency,
    };
}
