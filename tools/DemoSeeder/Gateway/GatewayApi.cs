using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.DemoSeeder.DemoData;

namespace BillingOne.DemoSeeder.Gateway;

/// <summary>A call the gateway answered with an error the seeder cannot work around.</summary>
public sealed class GatewayApiException(string message) : Exception(message);

/// <summary>
/// The gateway's public API as the seeder uses it, acting with the organization's admin API key (ingest calls with
/// the ingest key they are given). Calls the gateway refuses for the moment (429, 502–504, connection refused) are
/// tried again a few times; any other unexpected answer is a <see cref="GatewayApiException"/>.
/// </summary>
public sealed class GatewayApi(HttpClient http, string adminApiKey, SeederTimings timings, TimeProvider timeProvider)
{
    public const int MaxPageSize = 200;
    private const int MaxAttempts = 5;
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public async Task<ClientInfo?> FindClientAsync(string name, CancellationToken cancellationToken)
    {
        var matches = await ListAllAsync<ClientInfo>(
            $"/api/subscription/clients?search={Uri.EscapeDataString(name)}", cancellationToken);
        // Client names are unique ignoring case; the search also finds longer names containing this one.
        return matches.FirstOrDefault(client => string.Equals(client.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    public Task<IReadOnlyList<ClientInfo>> ListClientsAsync(CancellationToken cancellationToken) =>
        ListAllAsync<ClientInfo>("/api/subscription/clients", cancellationToken);

    /// <summary>
    /// The new client, or null when a client of that name exists already (409). Without a time zone it gets the
    /// organization's default.
    /// </summary>
    public async Task<ClientInfo?> CreateClientAsync(string name, string? timeZone,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/subscription/clients",
            JsonBody(new { name, timeZone }), adminApiKey, cancellationToken);
        return response.StatusCode == HttpStatusCode.Conflict
            ? null
            : await ReadAsync<ClientInfo>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>True when created, false when the organization has a unit type with this key already (409).</summary>
    public async Task<bool> CreateUnitTypeAsync(DemoUnitType unitType, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/metering/unit-types", JsonBody(unitType),
            adminApiKey, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
        await EnsureStatusAsync(response, HttpStatusCode.Created, cancellationToken);
        return true;
    }

    public Task<IReadOnlyList<SuppressionInfo>> ListSuppressionsAsync(CancellationToken cancellationToken) =>
        ListAllAsync<SuppressionInfo>("/api/ingestion/suppressions", cancellationToken);

    public async Task CreateSuppressionAsync(DemoSuppression suppression, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/ingestion/suppressions", JsonBody(suppression),
            adminApiKey, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.Created, cancellationToken);
    }

    public Task<IReadOnlyList<AssignmentRuleInfo>> ListAssignmentRulesAsync(CancellationToken cancellationToken) =>
        ListAllAsync<AssignmentRuleInfo>("/api/metering/assignment-rules", cancellationToken);

    /// <summary>
    /// The new rule, or null while metering does not know the client yet (a validation problem about
    /// <c>clientId</c>): clients reach metering by event, a moment after the subscription service created them.
    /// </summary>
    public async Task<AssignmentRuleInfo?> CreateAssignmentRuleAsync(string pattern, string target, Guid clientId,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/metering/assignment-rules",
            JsonBody(new { pattern, target, clientId }), adminApiKey, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest &&
            await ReadProblemAsync(response, cancellationToken) is { Errors: { } errors } &&
            errors.ContainsKey("clientId"))
        {
            return null;
        }
        return await ReadAsync<AssignmentRuleInfo>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>The key, or null when the organization has no key with this id.</summary>
    public async Task<ApiKeyInfo?> FindApiKeyAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/identity/api-keys/{id}", null, adminApiKey,
            cancellationToken);
        return response.StatusCode == HttpStatusCode.NotFound
            ? null
            : await ReadAsync<ApiKeyInfo>(response, HttpStatusCode.OK, cancellationToken);
    }

    public async Task<CreatedApiKey> CreateApiKeyAsync(string name, string role, Guid? clientId,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/identity/api-keys",
            JsonBody(new { name, role, clientId }), adminApiKey, cancellationToken);
        return await ReadAsync<CreatedApiKey>(response, HttpStatusCode.Created, cancellationToken);
    }

    /// <summary>Sends one batch as NDJSON with <paramref name="ingestApiKey"/>.</summary>
    public async Task<IngestAnswer> IngestAsync(string ingestApiKey, IReadOnlyList<DemoReading> readings,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/ingestion/readings", () =>
        {
            var lines = new StringBuilder();
            foreach (var reading in readings)
            {
                lines.Append(JsonSerializer.Serialize(reading, Json)).Append('\n');
            }
            return new StringContent(lines.ToString(), Encoding.UTF8, "application/x-ndjson");
        }, ingestApiKey, cancellationToken);
        return await ReadAsync<IngestAnswer>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Every asset of <paramref name="view"/> (all, disregarded, …), by external id.</summary>
    public Task<IReadOnlyList<AssetInfo>> ListAssetsAsync(string view, CancellationToken cancellationToken) =>
        ListAllAsync<AssetInfo>($"/api/metering/assets?view={view}&sort=externalId&direction=asc", cancellationToken);

    public async Task AcknowledgeAssetsAsync(IReadOnlyCollection<Guid> assetIds, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/metering/assets/acknowledge",
            JsonBody(new { assetIds }), adminApiKey, cancellationToken);
        await EnsureStatusAsync(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>A new run (202), or the organization's run in progress (200).</summary>
    public async Task<ProvisioningRunInfo> StartProvisioningRunAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/metering/provisioning/runs", null, adminApiKey,
            cancellationToken);
        var expected = response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Accepted;
        return await ReadAsync<ProvisioningRunInfo>(response, expected, cancellationToken);
    }

    public async Task<ProvisioningRunInfo> GetProvisioningRunAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/metering/provisioning/runs/{id}", null,
            adminApiKey, cancellationToken);
        return await ReadAsync<ProvisioningRunInfo>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>
    /// The run to follow for the month: the one queued now (202), or the month's run already queued or running (409
    /// naming it). Null for a 409 naming no run: the month is finalized, or its run finished a moment ago.
    /// </summary>
    public async Task<Guid?> StartBillingRunAsync(int year, int month, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/metering/billing-runs",
            JsonBody(new { year, month }), adminApiKey, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return (await ReadProblemAsync(response, cancellationToken))?.RunId;
        }
        return (await ReadAsync<BillingRunInfo>(response, HttpStatusCode.Accepted, cancellationToken)).Id;
    }

    public async Task<BillingRunInfo> GetBillingRunAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/metering/billing-runs/{id}", null, adminApiKey,
            cancellationToken);
        return await ReadAsync<BillingRunInfo>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>Finalizes <paramref name="period"/> (YYYY-MM); a 409 is the month final already or its run in progress.</summary>
    public async Task<PeriodFinalization> FinalizeBillingPeriodAsync(string period, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/api/metering/billing-periods/{period}/finalize", null,
            adminApiKey, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return new PeriodFinalization(false, (await ReadProblemAsync(response, cancellationToken))?.RunId);
        }
        await EnsureStatusAsync(response, HttpStatusCode.OK, cancellationToken);
        return new PeriodFinalization(true, null);
    }

    /// <summary>Every billed month, newest first.</summary>
    public Task<IReadOnlyList<BillingPeriodInfo>> ListBillingPeriodsAsync(CancellationToken cancellationToken) =>
        ListAllAsync<BillingPeriodInfo>("/api/metering/billing-periods", cancellationToken);

    /// <summary>
    /// Asks <paramref name="integrationsPath"/> (a service's <c>/api/…/integrations</c>) for a sync of
    /// <paramref name="integration"/>: the run queued now (202) or the one queued or running already (409 naming it).
    /// Without a run the refusal says why: no such sync in this system (404) or the integration is not set up or off
    /// (409 naming no run).
    /// </summary>
    public async Task<SyncStart> StartSyncAsync(string integrationsPath, string integration, string trigger,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{integrationsPath}/{integration}/sync",
            JsonBody(new { trigger }), adminApiKey, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new SyncStart(null, false, $"{Describe(response)} answered 404: this system has no such sync.");
        }
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            var problem = await ReadProblemAsync(response, cancellationToken);
            return problem?.RunId is { } runId
                ? new SyncStart(runId, true, null)
                : new SyncStart(null, false, $"{problem?.Title} {problem?.Detail}".Trim());
        }
        var run = await ReadAsync<SyncRunInfo>(response, HttpStatusCode.Accepted, cancellationToken);
        return new SyncStart(run.Id, false, null);
    }

    public async Task<SyncRunInfo> GetSyncRunAsync(string integrationsPath, Guid id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{integrationsPath}/sync-runs/{id}", null, adminApiKey,
            cancellationToken);
        return await ReadAsync<SyncRunInfo>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>The mapping counts by vendor (<c>pax8</c>, <c>rmm</c>).</summary>
    public async Task<IReadOnlyDictionary<string, MappingCounts>> GetMappingSummaryAsync(
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/subscription/mappings/summary", null, adminApiKey,
            cancellationToken);
        return await ReadAsync<Dictionary<string, MappingCounts>>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>
    /// The names of the integrations <paramref name="integrationsPath"/> offers, or null when the service answers 404
    /// (it offers none in this system).
    /// </summary>
    public async Task<IReadOnlyList<string>?> ListIntegrationNamesAsync(string integrationsPath,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, integrationsPath, null, adminApiKey, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        var integrations = await ReadAsync<List<IntegrationInfo>>(response, HttpStatusCode.OK, cancellationToken);
        return [.. integrations.Select(integration => integration.Name)];
    }

    /// <summary>The organization's Xero connection: <c>disconnected</c>, <c>choose-tenant</c>, <c>connected</c> or <c>expired</c>.</summary>
    public async Task<XeroConnectionInfo> GetXeroConnectionAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/invoice/xero/connection", null, adminApiKey,
            cancellationToken);
        return await ReadAsync<XeroConnectionInfo>(response, HttpStatusCode.OK, cancellationToken);
    }

    /// <summary>The Xero consent address to send a browser to (a single-use state in its query).</summary>
    public async Task<Uri> ConnectXeroAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/invoice/xero/connect", null, adminApiKey,
            cancellationToken);
        return (await ReadAsync<XeroConnectInfo>(response, HttpStatusCode.OK, cancellationToken)).AuthorizeUrl;
    }

    /// <summary>Chooses the Xero organisation to sync when Xero authorized several.</summary>
    public async Task<XeroConnectionInfo> ChooseXeroTenantAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Put, "/api/invoice/xero/tenant", JsonBody(new { tenantId }),
            adminApiKey, cancellationToken);
        return await ReadAsync<XeroConnectionInfo>(response, HttpStatusCode.OK, cancellationToken);
    }

    private async Task<IReadOnlyList<T>> ListAllAsync<T>(string path, CancellationToken cancellationToken)
    {
        var separator = path.Contains('?') ? '&' : '?';
        var items = new List<T>();
        for (var page = 1; ; page++)
        {
            using var response = await SendAsync(HttpMethod.Get,
                $"{path}{separator}page={page}&pageSize={MaxPageSize}", null, adminApiKey, cancellationToken);
            var result = await ReadAsync<PagedResult<T>>(response, HttpStatusCode.OK, cancellationToken);
            items.AddRange(result.Items);
            if (result.Items.Count == 0 || items.Count >= result.TotalCount)
            {
                return items;
            }
        }
    }

    private static Func<HttpContent> JsonBody<T>(T body) => () => JsonContent.Create(body, options: Json);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Func<HttpContent>? content,
        string apiKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException) when (attempt < MaxAttempts)
            {
                await Task.Delay(timings.RetryDelay * attempt, timeProvider, cancellationToken);
                continue;
            }
            if (!IsTransient(response.StatusCode) || attempt == MaxAttempts)
            {
                return response;
            }
            var wait = response.Headers.RetryAfter?.Delta ?? timings.RetryDelay * attempt;
            response.Dispose();
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected,
        CancellationToken cancellationToken)
    {
        await EnsureStatusAsync(response, expected, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
            ?? throw new GatewayApiException($"{Describe(response)} answered with an empty body.");
    }

    private static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected,
        CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected)
        {
            return;
        }
        var problem = await ReadProblemAsync(response, cancellationToken);
        var errors = problem?.Errors is { Count: > 0 } fields
            ? " " + string.Join(" ", fields.SelectMany(field => field.Value.Select(error => $"[{field.Key}] {error}")))
            : "";
        throw new GatewayApiException(
            $"{Describe(response)} answered {(int)response.StatusCode} instead of {(int)expected}: " +
            $"{problem?.Title ?? response.ReasonPhrase} {problem?.Detail}{errors}".TrimEnd());
    }

    private static async Task<Problem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Describe(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
}
