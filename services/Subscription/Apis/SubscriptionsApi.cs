using System.ComponentModel;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Subscription.Apis;

/// <summary>The organization's Pax8 subscriptions as the last sync left them (Subscriptions page).</summary>
public static class SubscriptionsApi
{
    private const string BasePath = "/api/subscription/subscriptions";

    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup(BasePath).WithTags("Subscriptions");

        subscriptions.MapList(ListSubscriptions, "ListSubscriptions", "List subscriptions",
            "A page of the synced Pax8 subscriptions with client, product, quantity, price, status and dates. `search` " +
                "matches the client or company name, the product, its SKU or the subscription id; `status` is one of " +
                $"{string.Join(", ", SubscriptionListQuery.Statuses)}; `clientId` keeps one client's; `sort` is client " +
                "(default), product, quantity, price, status or startDate; `direction` asc (default) or desc.");

        subscriptions.MapGet("/export", ExportSubscriptions)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportSubscriptions")
            .WithSummary("Export subscriptions as CSV")
            .WithDescription("Every subscription the list's filters select (`search`, `status`, `clientId`, `sort`, " +
                "`direction`), as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();

        subscriptions.MapItem(GetSubscription, "GetSubscription", "Get a subscription");
        return app;
    }

    public static async Task<Results<Ok<PagedResult<SubscriptionResponse>>, ValidationProblem>> ListSubscriptions(
        [AsParameters] SubscriptionListParameters parameters, [AsParameters] PageParameters paging,
        SubscriptionStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SubscriptionListQuery.Parse(parameters.Search, parameters.Status, parameters.ClientId,
            parameters.Sort, parameters.Direction, paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var page = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(SubscriptionResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportSubscriptions(
        [AsParameters] SubscriptionListParameters parameters, SubscriptionStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = SubscriptionListQuery.Parse(parameters.Search, parameters.Status, parameters.ClientId,
            parameters.Sort, parameters.Direction, null, null, errors);
        if (query is null)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var subscriptions = await store.ExportAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(SubscriptionCsv.Write(subscriptions.Select(SubscriptionResponse.From)),
            CsvFiles.ContentType, $"subscriptions-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscription(
        Guid id, SubscriptionStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var subscription = await store.FindAsync(caller.OrgId, caller.ClientScope, id, cancellationToken);
        return subscription is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Subscription not found.",
                detail: $"There is no subscription '{id}' in this organization.")
            : TypedResults.Ok(SubscriptionResponse.From(subscription));
    }
}

/// <summary>The filters shared by the list and the export.</summary>
public sealed record SubscriptionListParameters(
    [property: Description("Client or company name, product, SKU or subscription id: any part, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("One status, e.g. active, cancelled, suspended, trial.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("Only this client's subscriptions.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("client (default), product, quantity, price, status or startDate.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc (default) or desc.")]
    [FromQuery(Name = "direction")] string? Direction);
