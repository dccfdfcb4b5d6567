using System.Net;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The header's bell and the notifications page.</summary>
[Trait("Category", "Unit")]
public sealed class NotificationsPageTests : WebUiContext
{
    private const string NotificationsPath = "/api/identity/me/notifications";

    [Fact]
    public void The_bell_shows_the_unread_count_and_none_without_unread()
    {
        Gateway.On(HttpMethod.Get, $"{NotificationsPath}/unread-count", _ => Json(new { unread = 3 }));
        var bell = Render<NotificationBell>();

        bell.WaitForAssertion(() => bell.Find("[data-testid=notification-count]").TextContent.ShouldBe("3"));
        bell.Find("[data-testid=notification-bell]").GetAttribute("href").ShouldBe("notifications");
        bell.Find("[data-testid=notification-bell]").GetAttribute("aria-label").ShouldBe("Notifications, 3 unread");

        Gateway.On(HttpMethod.Get, $"{NotificationsPath}/unread-count", _ => Json(new { unread = 0 }));
        Navigation.NavigateTo("clients");

        bell.WaitForAssertion(() => bell.FindAll("[data-testid=notification-count]").ShouldBeEmpty());
    }

    [Fact]
    public void The_page_lists_notifications_newest_first_and_marks_them_read()
    {
        var read = false;
        Gateway.On(HttpMethod.Get, NotificationsPath, _ => Json(new
        {
            items = new[]
            {
                Notification("sync-failed", "Sync failed: pax8", read ? DateTimeOffset.UtcNow : null),
                Notification("period-finalized", "Period finalized: March 2026", DateTimeOffset.UtcNow),
            },
            page = 1, pageSize = 20, totalCount = 2, unread = read ? 0 : 1,
        }));
        Gateway.On(HttpMethod.Post, $"{NotificationsPath}/read-all", _ =>
        {
            read = true;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var page = Render<Notifications>();

        page.WaitForAssertion(() => page.FindAll("[data-testid=notification-item]").Count.ShouldBe(2));
        page.Find("[data-testid=notification-title]").TextContent.ShouldBe("Sync failed: pax8");
        page.FindAll("[data-testid=notification-mark-read]").ShouldHaveSingleItem("only the unread one can be marked read");
        Gateway.RequestsTo(HttpMethod.Get, NotificationsPath).First().Query["pageSize"].ShouldBe("20");

        page.Find("[data-testid=notifications-read-all]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=notification-mark-read]").ShouldBeEmpty());
        Gateway.RequestsTo(HttpMethod.Post, $"{NotificationsPath}/read-all").ShouldHaveSingleItem();
    }

    private static object Notification(string notificationEvent, string title, DateTimeOffset? readAt) => new
    {
        id = Guid.NewGuid(), @event = notificationEvent, title, body = $"{title}.", clientId = (Guid?)null,
        link = "settings/integrations", occurredAt = DateTimeOffset.UtcNow, readAt,
    };
}
