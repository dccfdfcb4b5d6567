using System.Net;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>The projection service's dashboard and client detail, and the identity service's session client scope.</summary>
public static class ClientBillingResponses
{
    public const string DashboardPath = "/api/projection/dashboard";
    public const string ClientScopePath = "/api/identity/session/client-scope";

    public static string ClientDetailPath(Guid clientId) => $"/api/projection/clients/{clientId}";

    /// <summary>
    /// A dashboard whose MRR trend runs over the twelve months from April 2025 to March 2026, the amounts given oldest
    /// first.
    /// </summary>
    public static HttpResponseMessage Dashboard(
        decimal mrr = 0m, int activeSubscriptions = 0, int pendingInvoices = 0, int underLicensedClients = 0,
        int clients = 0, IReadOnlyList<decimal>? trend = null, string currency = "AUD") =>
        Json(new
        {
            currency,
            mrr,
            activeSubscriptions,
            pendingInvoices,
            underLicensedClients,
            clients,
            mrrTrend = (trend ?? []).Select((amount, index) => new
            {
                year = index < 9 ? 2025 : 2026,
                month = (index + 3) % 12 + 1,
                amount,
            }).ToList(),
        });

    public static HttpResponseMessage ClientScope(Guid? clientId = null, string? clientName = null) =>
        Json(new { clientId, clientName });

    /// <summary>A client's billing picture as <c>GET /api/projection/clients/{clientId}</c> spells it.</summary>
    public static HttpResponseMessage ClientDetail(
        Guid clientId, string name, decimal mrr, int subscriptions, int devices, int licenses, int deviceLicenses,
        int userLicenses, string status, decimal? totalSpend, string? billingContact, decimal? missedBillingOpen,
        int invoices, DateTimeOffset? snapshotTakenAt, bool enabled = true) =>
        Json(new
        {
            clientId,
            name,
            enabled,
            timeZone = "Australia/Sydney",
            mrr = new { amount = mrr, currency = "AUD" },
            subscriptions,
            devices,
            licenses,
            variance = status == "no-data" ? (int?)null : devices - deviceLicenses,
            status,
            updatedAt = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
            deviceLicenses,
            userLicenses,
            snapshotTakenAt,
            totalSpend = totalSpend is { } spend ? new { amount = spend, currency = "AUD" } : null,
            billingContact,
            missedBillingOpen,
            invoices,
        });

    public static HttpResponseMessage NotFound(string title) => Problem(HttpStatusCode.NotFound, title);
}
