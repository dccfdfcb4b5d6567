using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using Bunit;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientStatusBadgeTests : BunitContext
{
    private AngleSharp.Dom.IElement RenderBadge(string status) =>
        Render<ClientStatusBadge>(parameters => parameters.Add(badge => badge.Status, status)).Find(".badge");

    [Theory]
    [InlineData(ClientStatuses.Matched, "Matched", "Devices and licenses align")]
    [InlineData(ClientStatuses.UnderLicensed, "Under-licensed", "More devices than licenses: the client is using more than they're paying for")]
    [InlineData(ClientStatuses.OverLicensed, "Over-licensed", "More licenses than devices: the client is paying for more than they're using")]
    [InlineData(ClientStatuses.NoData, "No data", "Run a reconciliation snapshot first")]
    public void Shows_each_status_with_its_seed_meaning_on_hover(string status, string text, string meaning)
    {
        var badge = RenderBadge(status);

        badge.TextContent.Trim().ShouldBe(text);
        badge.GetAttribute("title").ShouldBe(meaning);
        badge.ClassList.ShouldContain($"badge-{status}");
    }

    [Fact]
    public void Only_under_licensed_carries_the_warning_sign_hidden_from_screen_readers()
    {
        RenderBadge(ClientStatuses.UnderLicensed).QuerySelector(".status-warning")!.GetAttribute("aria-hidden").ShouldBe("true");

        foreach (var status in ClientStatuses.All.Except([ClientStatuses.UnderLicensed]))
        {
            RenderBadge(status).QuerySelector(".status-warning").ShouldBeNull(status);
        }
    }

    [Fact]
    public void A_status_the_ui_does_not_know_reads_as_sent_without_a_meaning()
    {
        var badge = RenderBadge("archived");

        badge.TextContent.Trim().ShouldBe("archived");
        badge.HasAttribute("title").ShouldBeFalse();
    }
}
