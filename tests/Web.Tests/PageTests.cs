using BillingOne.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Tests;

/// <summary>Pages whose capability is not built yet: the seed's title and a plain "not available yet".</summary>
[Trait("Category", "Unit")]
public sealed class PageTests : BunitContext
{
    public static readonly TheoryData<Type, string> UnbuiltPages = new()
    {
        { typeof(Reports), "Reports" },
    };

    [Theory]
    [MemberData(nameof(UnbuiltPages))]
    public void An_unbuilt_page_has_its_seed_title_and_says_it_is_not_available_yet(Type page, string title)
    {
        var rendered = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.CloseComponent();
        });

        rendered.Find("h1").TextContent.ShouldBe(title);
        rendered.Find("[data-testid=not-available]").TextContent.ShouldStartWith("Not available yet: ");
        rendered.FindAll("table").ShouldBeEmpty("an unbuilt page shows no data, not even an empty table");
    }

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
