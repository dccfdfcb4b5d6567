using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>A client's coverage per product as reconciliation's drill-down answers it, and its rows as a page shows them.</summary>
public static class CoverageResponses
{
    /// <summary>Product | covers | covered devices | licences | variance | status of each row.</summary>
    public static readonly IReadOnlyList<string> ContosoRows =
    [
        "Acronis Cyber Protect Cloud - Workstation | Workstations | 40 | 35 | +5 | Under-licensed",
        "Acronis Cyber Protect Cloud - Server | Servers | 10 | 12 | −2 | Over-licensed",
        "Microsoft 365 Business Premium | Users | — | 48 | — | Per user: not compared with devices",
    ];

    public static HttpResponseMessage Contoso(Guid clientId) => Json(new
    {
        clientId,
        clientName = "Contoso",
        devices = 50,
        licenses = 35,
        variance = 5,
        status = "under-licensed",
        currency = "AUD",
        rmmOrganizations = Array.Empty<object>(),
        history = Array.Empty<object>(),
        products = new object[]
        {
            new { productId = Guid.NewGuid(), productName = "Acronis Cyber Protect Cloud - Workstation", covers = "workstations", coveredDevices = (int?)40, quantity = 35, variance = (int?)5, status = "under-licensed", monthlyUnitPrice = 6.80m, currency = "AUD" },
            new { productId = Guid.NewGuid(), productName = "Acronis Cyber Protect Cloud - Server", covers = "servers", coveredDevices = (int?)10, quantity = 12, variance = (int?)-2, status = "over-licensed", monthlyUnitPrice = 38.00m, currency = "AUD" },
            new { productId = Guid.NewGuid(), productName = "Microsoft 365 Business Premium", covers = "users", coveredDevices = (int?)null, quantity = 48, variance = (int?)null, status = "not-compared", monthlyUnitPrice = 33.00m, currency = "AUD" },
        },
    });

    public static IReadOnlyList<string> Rows<TComponent>(IRenderedComponent<TComponent> page, string testId)
        where TComponent : IComponent =>
        [.. page.FindAll($"[data-testid={testId}]").Select(row => string.Join(" | ",
            row.QuerySelectorAll("td").Take(6).Select(cell => cell.TextContent.Trim())))];
}
