using BillingOne.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Tests;

/// <summary>Every section of the seed has a page.</summary>
[Trait("Category", "Unit")]
public sealed class PageTests : BunitContext
{
    [Fact]
    public void Every_seed_section_has_a_routed_page()
    {
        var routes = typeof(Clients).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>())
            .Select(route => route.Template.TrimStart('/'))
            .ToHashSet();

        foreach (var section in NavigationTests.SeedSections)
        {
            routes.ShouldContain((string)section[1], $"{section[0]} has no page");
        }
    }
}
