using System.Net;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class FailedSignInsNoticeTests : WebUiContext
{
    private const string FailedSignInsPath = "/api/identity/me/failed-sign-ins";

    [Fact]
    public void Guessing_on_the_account_is_shown_with_what_to_do_until_acknowledged()
    {
        var lastFailedAt = new DateTimeOffset(2026, 12, 6, 4, 15, 0, TimeSpan.Zero);
        Gateway.On(HttpMethod.Get, FailedSignInsPath, _ => Json(new
        {
            count = 23,
            lastFailedAt,
            accountThrottledUntil = lastFailedAt.AddMinutes(4),
        }));
        Gateway.On(HttpMethod.Post, $"{FailedSignInsPath}/seen", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var notice = Render<FailedSignInsNotice>();

        var shown = notice.WaitForElement("[data-testid=failed-sign-ins-notice]");
        shown.TextContent.ShouldContain("23 failed sign-ins on your account");
        shown.TextContent.ShouldContain("2026-12-06 04:15 UTC");
        notice.Find("[data-testid=failed-sign-ins-throttled]").TextContent.ShouldContain("2026-12-06 04:19 UTC");
        shown.QuerySelector("a[href='settings/security']").ShouldNotBeNull();

        notice.Find("[data-testid=failed-sign-ins-dismiss]").Click();

        notice.WaitForAssertion(() => notice.FindAll("[data-testid=failed-sign-ins-notice]").ShouldBeEmpty());
        Gateway.RequestsTo(HttpMethod.Post, $"{FailedSignInsPath}/seen").ShouldHaveSingleItem();
    }

    [Fact]
    public void Nothing_to_tell_shows_nothing()
    {
        Gateway.On(HttpMethod.Get, FailedSignInsPath, _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var notice = Render<FailedSignInsNotice>();

        notice.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, FailedSignInsPath).ShouldHaveSingleItem());
        notice.FindAll("[data-testid=failed-sign-ins-notice]").ShouldBeEmpty();
    }
}
