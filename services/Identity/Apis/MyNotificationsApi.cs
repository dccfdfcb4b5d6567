using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Identity.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Identity.Apis;

/// <summary>
/// The signed-in user's bell: in-app notifications, newest first. A session scoped to one client sees only that
/// client's notifications (organization-wide ones such as a failed sync show only unscoped).
/// </summary>
public static class MyNotificationsApi
{
    /// <summary>Maps <c>/notifications</c> under the signed-in user's group (<see cref="MeApi"/>).</summary>
    public static RouteGroupBuilder MapMyNotificationsApi(this RouteGroupBuilder me)
    {
        me.MapGet("/notifications", ListMyNotifications)
            .WithName("ListMyNotifications")
            .WithSummary("The signed-in user's notifications")
            .WithDescription("Newest first, `page`/`pageSize` paged; `unreadOnly=true` lists only unread ones. " +
                "`unread` counts every unread one the session sees.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapGet("/notifications/unread-count", CountMyUnreadNotifications)
            .WithName("CountMyUnreadNotifications")
            .WithSummary("How many of the signed-in user's notifications are unread (the bell's badge)")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        me.MapPost("/notifications/{id:guid}/read", MarkMyNotificationRead)
            .WithName("MarkMyNotificationRead")
            .WithSummary("Mark one notification read")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        me.MapPost("/notifications/read-all", MarkAllMyNotificationsRead)
            .WithName("MarkAllMyNotificationsRead")
            .WithSummary("Mark every notification the session sees read")
            .WithinClientScope()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        return me;
    }

    public static async Task<Results<Ok<NotificationListResponse>, ValidationProblem>> ListMyNotifications(
        int? page, int? pageSize, bool? unreadOnly, HttpContext httpContext, NotificationInbox inbox,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var request = PageRequest.Parse(page, pageSize, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var caller = MeApi.Caller(httpContext);
        var (list, unread) = await inbox.ListAsync(caller.OrgId, caller.ActorId, caller.ClientScope,
            unreadOnly ?? false, request, cancellationToken);
        return TypedResults.Ok(new NotificationListResponse(list.Items, list.Page, list.PageSize, list.TotalCount, unread));
    }

    public static async Task<Ok<UnreadNotificationsResponse>> CountMyUnreadNotifications(HttpContext httpContext,
        NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var caller = MeApi.Caller(httpContext);
        return TypedResults.Ok(new UnreadNotificationsResponse(
            await inbox.CountUnreadAsync(caller.OrgId, caller.ActorId, caller.ClientScope, cancellationToken)));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkMyNotificationRead(Guid id,
        HttpContext httpContext, NotificationInbox inbox, CancellationToken cancellationToken)
    {
        var caller = MeApi.Caller(httpContext);
        return await inbox.MarkReadAsync(caller.OrgId, caller.ActorId, caller.ClientScope, id, cancellationToken)
            ? TypedResults.NoContent()
            : DirectoryProblems.NotFound("Notification", id);
    }

    public static async Task<NoContent> MarkAllMyNotificationsRead(HttpContext httpContext, NotificationInbox inbox,
        CancellationToken cancellationToken)
    {
        var caller = MeApi.Caller(httpContext);
        await inbox.MarkReadAsync(caller.OrgId, caller.ActorId, caller.ClientScope, null, cancellationToken);
        return TypedResults.NoContent();
    }
}

/// <summary>One page of the bell, with the unread count of all of it.</summary>
public sealed record NotificationListResponse(IReadOnlyList<NotificationRow> Items, int Page, int PageSize,
    long TotalCount, long Unread);

public sealed record UnreadNotificationsResponse(long Unread);
