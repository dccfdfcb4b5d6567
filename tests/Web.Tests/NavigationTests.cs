using BillingOne.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class NavigationTests : BunitContext
{
    // Every section the seeds name, in sidebar order, with the page it opens.
    public static readonly TheoryData<string, string> SeedSections = new()
    {
        { "Dashboard", "" },
        { "Clients", "clients" },
        { "Client mappings", "clients/mappings" },
        { "Subscriptions", "subscriptions" },
        { "Invoices", "invoices" },
        { "Reconciliation", "reconciliation" },
        { "Missed billing", "missed-billing" },
        { "Reports", "reports" },
        { "Domains & Hosting", "domains-hosting" },
        { "Clients", "metering/clients" },
        { "Assets", "metering/assets" },
        { "Buckets", "metering/buckets" },
        { "Unit Types", "metering/unit-types" },
        { "Billing Readings", "metering/billing-readings" },
        { "Projections", "metering/projections" },
        { "Over/Under", "metering/over-under" },
        { "Unbound", "metering/unbound" },
        { "Suppressions", "metering/suppressions" },
        { "Ingest Exceptions", "metering/ingest-exceptions" },
        { "Disregarded", "metering/disregarded" },
        { "API Keys", "api-keys" },
        { "Audit Log", "audit-log" },
        { "Settings", "settings" },
    };

    [Fact]
    public void Sidebar_links_every_seed_section_in_order_with_relative_urls()
    {
        var nav = Render<NavMenu>();

        var links = nav.FindAll("[data-testid=nav] a")
            .Select(link => (link.TextContent.Trim(), link.GetAttribute("href")))
            .ToList();

        links.ShouldBe(SeedSections.Select(row => ((string)row[0], (string?)row[1])).ToList());
    }

    [Fact]
    public void Metering_pages_are_grouped_under_metering()
    {
        var nav = Render<NavMenu>();

        nav.FindAll("[data-testid=nav-metering] a").Select(link => link.TextContent.Trim()).ShouldBe(
            ["Clients", "Assets", "Buckets", "Unit Types", "Billing Readings", "Projections", "Over/Under", "Unbound", "Suppressions",
                "Ingest Exceptions", "Disregarded"]);
    }

    [Fact]
    public void Ingest_exceptions_are_a_metering_page()
    {
        var nav = Render<NavMenu>();

        nav.Find("[data-testid=nav-metering] [data-testid=nav-metering-ingest-exceptions]").GetAttribute("href")
            .ShouldBe("metering/ingest-exceptions");
    }

    [Theory]
    [InlineData("clients?status=matched", "Clients")]
    [InlineData("clients/6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001", "Clients")]
    [InlineData("clients/mappings?vendor=pax8", "Client mappings")]
    [InlineData("metering/clients", "Clients")]
    [InlineData("reports?period=2025", "Reports")]
    public void Only_the_current_section_is_highlighted(string address, string highlighted)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);

        var nav = Render<NavMenu>();

        nav.FindAll("a.active").Select(link => link.TextContent.Trim()).ShouldBe([highlighted]);
    }
}
