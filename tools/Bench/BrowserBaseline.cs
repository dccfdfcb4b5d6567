using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace BillingOne.Bench;

/// <summary>
/// The raw cost of what a screen needs, fetched with HttpClient through the gateway in the same run: its HTML and
/// static files (as a fresh browser fetches them: a new connection, nothing cached) and the API calls the screen makes
/// when it opens (as the web UI's server makes them: the signed-in user's session token, one after the other).
/// </summary>
public sealed class BrowserBaseline : IDisposable
{
    private const string List = "page=1&pageSize=25";

    /// <summary>What the layout around every screen asks for on a first load (branding, bell, notices, client scope).</summary>
    public static readonly IReadOnlyList<string> LayoutCalls =
    [
        "api/identity/organization/branding",
        "api/identity/me/notifications/unread-count",
        "api/identity/me/failed-sign-ins",
        "api/identity/session/client-scope",
    ];

    private readonly HttpClient api;

    private BrowserBaseline(HttpClient api) => this.api = api;

    /// <summary>Signs in through the gateway's API, as the web UI does for the browser, for a session token.</summary>
    public static async Task<BrowserBaseline> SignInAsync(Uri gateway, string email, string password)
    {
        var api = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await api.PostAsJsonAsync("auth/sign-in", new { email, password, organizationId = (Guid?)null });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            api.Dispose();
            throw new HttpRequestException($"POST auth/sign-in answered {(int)response.StatusCode}: {body}");
        }
        api.DefaultRequestHeaders.Authorization = new("Bearer",
            JsonDocument.Parse(body).RootElement.GetProperty("sessionToken").GetString());
        return new BrowserBaseline(api);
    }

    /// <summary>
    /// The API calls a screen makes when it opens, with the web UI's default queries (services/Web/Api). A screen not
    /// listed (a static form) has none of its own.
    /// </summary>
    public static IReadOnlyList<string> CallsOf(string path)
    {
        if (path.StartsWith("clients/", StringComparison.Ordinal) && Guid.TryParse(path["clients/".Length..], out var client))
        {
            return [$"api/projection/clients/{client}", $"api/subscription/clients/{client}/licenses"];
        }
        return path switch
        {
            "" => ["api/projection/dashboard", "api/projection/usage-dashboard"],
            "clients" => [$"api/projection/clients?sort=mrr&direction=desc&{List}"],
            "clients/mappings" => [$"api/subscription/mappings?{List}", "api/subscription/mappings/summary"],
            "subscriptions" => [$"api/subscription/subscriptions?{List}"],
            "invoices" => [$"api/invoice/invoices?{List}"],
            "reconciliation" => [$"api/reconciliation/clients?sort=variance&direction=desc&{List}",
                "api/reconciliation/clients/summary"],
            "missed-billing" => [$"api/reconciliation/missed-billing?sort=amount&direction=desc&{List}",
                "api/reconciliation/missed-billing/summary", "api/subscription/clients?sort=name&direction=asc&pageSize=200"],
            "reports" => [$"api/projection/reports/revenue-by-client?period={DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture)}&sort=invoiced&direction=desc&{List}"],
            "domains-hosting" => [$"api/reconciliation/domains?{List}", "api/reconciliation/domains/summary"],
            "metering/clients" => [$"api/subscription/clients?{List}"],
            "metering/assets" => [$"api/metering/assets?{List}"],
            "metering/buckets" => [$"api/metering/buckets?{List}", "api/metering/unit-types?page=1&pageSize=100"],
            "metering/unit-types" => [$"api/metering/unit-types?{List}"],
            "metering/billing-readings" => ["api/metering/billing-periods?page=1&pageSize=12"],
            "metering/projections" => [$"api/projection/usage-projections?{List}", "api/projection/usage-projections/summary",
                "api/projection/usage-projections/backtest"],
            "metering/over-under" => ["api/projection/over-under/summary", $"api/projection/over-under/clients?{List}",
                "api/projection/over-under/trend?periods=12", "api/projection/over-under/right-size?limit=10",
                "api/projection/over-under/unit-types"],
            "metering/unbound" => [$"api/metering/assets?unbound=true&{List}"],
            "metering/suppressions" => [$"api/ingestion/suppressions?{List}"],
            "metering/disregarded" => [$"api/metering/assets?state=disregarded&{List}"],
            "api-keys" => ["api/identity/api-keys"],
            "audit-log" => [$"api/projection/audit-log?{List}"],
            "settings" => ["api/identity/organization"],
            "settings/branding" => ["api/identity/organization/branding"],
            "settings/team" => ["api/identity/users"],
            "settings/profile" => ["api/identity/me"],
            "settings/security" => ["api/identity/me/two-factor"],
            "settings/sessions" => ["api/identity/me/sessions"],
            "settings/integrations" => ["api/subscription/integrations", "api/reconciliation/integrations",
                "api/invoice/integrations"],
            "settings/email-notifications" => ["api/identity/organization/notifications/email"],
            "settings/in-app-notifications" => ["api/identity/organization/notifications/in-app"],
            _ => [],
        };
    }

    /// <summary>
    /// The screen's API calls one after the other; the milliseconds they took together, or null when one did not
    /// answer with success (the call list may not match this build: that screen then has no API baseline).
    /// </summary>
    public async Task<double?> ApiAsync(IEnumerable<string> calls)
    {
        var clock = Stopwatch.StartNew();
        foreach (var call in calls)
        {
            using var response = await api.GetAsync(call);
            await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"  baseline: GET /{call} answered {(int)response.StatusCode}; no API baseline for it");
                return null;
            }
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// The screen's HTML (with the browser's cookies) and then its static files, on a new connection with nothing
    /// cached, as a fresh browser fetches them (it fetches the files in parallel, so this is an upper bound).
    /// </summary>
    public static async Task<double> StaticAsync(Uri page, string cookieHeader, IEnumerable<string> assets)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = System.Net.DecompressionMethods.All };
        using var fresh = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var clock = Stopwatch.StartNew();
        foreach (var url in assets.Prepend(page.ToString()))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Cookie", cookieHeader);
            using var response = await fresh.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>The <c>totalCount</c> of a paged list.</summary>
    public async Task<int> TotalAsync(string call)
    {
        var list = await api.GetFromJsonAsync<JsonElement>(call);
        return list.GetProperty("totalCount").GetInt32();
    }

    public void Dispose() => api.Dispose();
}
