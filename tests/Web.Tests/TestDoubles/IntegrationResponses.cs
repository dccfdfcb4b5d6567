using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>The integrations' answers (Pax8 in the subscription service, the RMM and Synergy in reconciliation, Xero and
/// SuperOps in the invoice service), shaped as
/// services/BuildingBlocks/Integrations/IntegrationContracts.cs spells them.</summary>
public static class IntegrationResponses
{
    public const string Pax8Integrations = "/api/subscription/integrations";
    public const string RmmIntegrations = "/api/reconciliation/integrations";
    public const string Pax8Path = "/api/subscription/integrations/pax8";
    public const string RmmPath = "/api/reconciliation/integrations/rmm";
    public const string InvoiceIntegrations = "/api/invoice/integrations";
    public const string XeroPath = "/api/invoice/integrations/xero";
    public const string SuperOpsPath = "/api/invoice/integrations/superops";
    public const string SynergyPath = "/api/reconciliation/integrations/synergy";

    public static readonly DateTimeOffset Queued = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static string SyncRunPath(string integrationsPath, Guid runId) => $"{integrationsPath}/sync-runs/{runId}";

    public static object Field(
        string name, string label, bool secret = false, string kind = "text", bool required = true, string? value = null,
        bool isSet = false, string[]? choices = null, string? help = null) =>
        new { name, label, kind, secret, required, choices, help, value = secret ? null : value, isSet };

    public static object Pax8(string settingsSource = "saved", bool secretSet = true, object? lastTest = null, object? lastSync = null,
        int? syncIntervalMinutes = 60) =>
        new
        {
            name = "pax8",
            displayName = "Pax8",
            category = "marketplace",
            settingsSource,
            enabled = true,
            fields = new[]
            {
                Field("clientId", "Client ID", value: "pax8-client-42", isSet: true),
                Field("clientSecret", "Client Secret", secret: true, isSet: secretSet),
                Field("baseUrl", "API address", kind: "url", required: false, value: "https://api.pax8.com", isSet: true),
            },
            syncIntervalMinutes,
            nextSyncAt = syncIntervalMinutes is null ? (DateTimeOffset?)null : Queued.AddHours(1),
            lastTest,
            lastSync,
        };

    public static object Rmm(object? lastSync = null) =>
        new
        {
            name = "rmm",
            displayName = "NinjaOne RMM",
            category = "rmm",
            settingsSource = "default",
            enabled = true,
            fields = new[]
            {
                Field("region", "Region", kind: "choice", value: "eu", isSet: true, choices: ["us", "eu", "oc"]),
                Field("clientSecret", "Client Secret", secret: true, isSet: false),
            },
            syncIntervalMinutes = (int?)null,
            nextSyncAt = (DateTimeOffset?)null,
            lastTest = (object?)null,
            lastSync,
        };

    public static object ConnectionTest(bool succeeded, string message) =>
        new { succeeded, message, testedAt = Queued.AddMinutes(5) };

    public static object SyncRun(
        Guid id, string integration = "pax8", string status = "completed", string? stage = null, int itemsDone = 0,
        int? itemsTotal = null, int added = 0, int changed = 0, int removed = 0, string? error = null,
        object[]? skipped = null, string trigger = "manual", object? breakdown = null) =>
        new
        {
            id,
            integration,
            trigger,
            status,
            stage,
            itemsDone,
            itemsTotal,
            added,
            changed,
            removed,
            breakdown = breakdown ?? new { },
            skipped = skipped ?? [],
            error,
            requestedBy = "Olivia Owner",
            queuedAt = Queued,
            startedAt = status == "queued" ? (DateTimeOffset?)null : Queued.AddSeconds(1),
            finishedAt = status is "completed" or "failed" ? Queued.AddSeconds(43) : (DateTimeOffset?)null,
            durationSeconds = status is "completed" or "failed" ? 42.0 : (double?)null,
        };

    /// <summary>The subscription and reconciliation services list their integrations, with no run history; the
    /// invoice service lists none.</summary>
    public static void ServeIntegrations(this StubGatewayHandler gateway, object pax8, object rmm)
    {
        gateway.On(HttpMethod.Get, Pax8Integrations, _ => Json(new[] { pax8 }));
        gateway.On(HttpMethod.Get, RmmIntegrations, _ => Json(new[] { rmm }));
        gateway.On(HttpMethod.Get, InvoiceIntegrations, _ => Json(Array.Empty<object>()));
        gateway.On(HttpMethod.Get, $"{Pax8Path}/sync-runs", request => MeteringResponses.Paged(request, []));
        gateway.On(HttpMethod.Get, $"{RmmPath}/sync-runs", request => MeteringResponses.Paged(request, []));
    }

    /// <summary>The 409 a service answers while a sync of the integration is already going.</summary>
    public static HttpResponseMessage SyncAlreadyRunning(Guid runId)
    {
        var body = new Dictionary<string, object?>
        {
            ["title"] = "A sync is already running.",
            ["status"] = 409,
            ["runId"] = runId,
        };
        return new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            Content = JsonContent.Create(body, mediaType: new("application/problem+json"), options: JsonSerializerOptions.Web),
        };
    }
}
