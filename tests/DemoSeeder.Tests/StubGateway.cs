using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace BillingOne.DemoSeeder.Tests;

/// <summary>
/// A stand-in for the gateway's public API on a WireMock server, with just enough memory to answer like the
/// services do: clients and unit types answer 409 when they exist, metering learns a new client only after
/// <see cref="RuleRejectionsBeforeClientsKnown"/> refused rules, ingestion learns a unit type created here only
/// after one ingest call (and never with <see cref="IngestionLearnsUnitTypes"/> off), readings are accepted once
/// and duplicates after, and a provisioning run is running at the first look and finished at the second. Billing
/// runs are queued until their first look and finish at their second; a completed run drafts its month and books one
/// adjustment per late reading (observed in a finalized month, ingested after) that no run of another month booked.
/// Runs and finalization answer 409 like the metering API: when the month is final or while a run of it is active.
/// Vendor syncs ("subscription/pax8", "reconciliation/rmm", "invoice/xero", …) are queued until their first look and
/// finish at their second, one active at a time per integration (409 naming it); a sync made unavailable answers 404,
/// and Xero's answers 409 naming no run while Xero is not connected. Xero connects as the invoice service does: connect
/// answers a consent address at <see cref="XeroAuthorizeAddress"/> with a single-use state, and the anonymous callback
/// with that state and a code connects (or asks for a tenant when <see cref="XeroTenants"/> lists several) and
/// redirects to the Settings page.
/// </summary>
public sealed class StubGateway : IDisposable
{
    public const string AdminApiKey = "bo_admin000_0123456789abcdefghijABCDEFGHIJ01";

    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;
    private readonly Lock _state = new();
    private readonly Dictionary<string, Guid> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string?> _clientTimeZones = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _unlistedClients = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StubSyncRun> _syncRuns = [];
    private readonly HashSet<string> _xeroStates = [];
    private readonly HashSet<string> _unavailableSyncs = [];
    private readonly Dictionary<string, string> _failingSyncs = [];
    private readonly HashSet<string> _unitTypes = [];
    private readonly HashSet<string> _unitTypesIngestionKnows = [];
    private readonly List<JsonObject> _suppressions = [];
    private readonly List<JsonObject> _rules = [];
    private readonly Dictionary<Guid, (string Name, string Key, Guid? ClientId)> _apiKeys = [];
    private readonly Dictionary<string, string> _readings = [];
    private readonly Dictionary<string, StubAsset> _assets = [];
    private int _runLooks;
    private readonly Dictionary<string, StubPeriod> _periods = [];
    private readonly List<StubBillingRun> _billingRuns = [];
    private readonly Dictionary<string, string> _failingPeriods = [];
    private readonly List<StubLateReading> _lateReadings = [];

    public StubGateway()
    {
        Server = WireMockServer.Start();
        Map("GET", "/api/subscription/clients", ListClients);
        Map("POST", "/api/subscription/clients", CreateClient);
        Map("POST", "/api/metering/unit-types", CreateUnitType);
        Map("GET", "/api/ingestion/suppressions", _ => Page(_suppressions));
        Map("POST", "/api/ingestion/suppressions", request => Created(_suppressions, request));
        Map("GET", "/api/metering/assignment-rules", _ => Page(_rules));
        Map("POST", "/api/metering/assignment-rules", CreateRule);
        Map("GET", "/api/identity/api-keys/*", FindApiKey);
        Map("POST", "/api/identity/api-keys", CreateApiKey);
        Map("POST", "/api/ingestion/readings", Ingest);
        Map("GET", "/api/metering/assets", ListAssets);
        Map("POST", "/api/metering/assets/acknowledge", Acknowledge);
        Map("POST", "/api/metering/provisioning/runs", _ => Answer(202, Run("running")));
        Map("GET", "/api/metering/provisioning/runs/*", _ => Answer(200, Run(++_runLooks > 1 ? "succeeded" : "running")));
        Map("POST", "/api/metering/billing-runs", RequestBillingRun);
        Map("GET", "/api/metering/billing-runs/*", GetBillingRun);
        Map("POST", "/api/metering/billing-periods/*/finalize", FinalizePeriod);
        Map("POST", "/api/subscription/integrations/*/sync", StartSync);
        Map("POST", "/api/reconciliation/integrations/*/sync", StartSync);
        Map("GET", "/api/subscription/integrations/sync-runs/*", GetSyncRun);
        Map("GET", "/api/reconciliation/integrations/sync-runs/*", GetSyncRun);
        Map("GET", "/api/subscription/mappings/summary", _ => Answer(200, MappingSummary));
        Map("POST", "/api/invoice/integrations/*/sync", StartSync);
        Map("GET", "/api/invoice/integrations/sync-runs/*", GetSyncRun);
        Map("GET", "/api/invoice/integrations", _ => InvoiceIntegrations is { } names
            ? Answer(200, names.Select(name => new { name, displayName = name }).ToList())
            : Answer(404, new { title = "Not Found" }));
        Map("GET", "/api/invoice/xero/connection", _ => Answer(200, XeroConnection()));
        Map("POST", "/api/invoice/xero/connect", ConnectXero);
        Map("GET", "/api/invoice/xero/callback", XeroCallback, anonymous: true);
        Map("PUT", "/api/invoice/xero/tenant", ChooseXeroTenant);
        Map("GET", "/api/metering/billing-periods", _ => Page(_periods
            .OrderByDescending(period => period.Key, StringComparer.Ordinal)
            .Select(period => new JsonObject
            {
                ["period"] = period.Key,
                ["adjustments"] = period.Value.Adjustments,
                ["status"] = period.Value.Final ? "final" : "draft",
            }).ToList()));
    }

    public WireMockServer Server { get; }

    /// <summary>Where connecting Xero sends the browser (the sandbox's consent page).</summary>
    public Uri XeroAuthorizeAddress { get; set; } = new("http://127.0.0.1:9/xero/identity/connect/authorize");

    /// <summary><c>disconnected</c>, <c>choose-tenant</c> or <c>connected</c>.</summary>
    public string XeroStatus { get; set; } = "disconnected";

    /// <summary>The Xero organisations the consent authorizes; more than one asks for a choice.</summary>
    public IReadOnlyList<(Guid Id, string Name)> XeroTenants { get; set; } =
        [(Guid.Parse("5d3c2a4e-9b1f-4f0e-8c6a-7e2b1d0a9f31"), "Demo MSP Ltd")];

    /// <summary>The tenant chosen or connected, if any.</summary>
    public Guid? XeroTenantId { get; private set; }

    /// <summary>The names GET /api/invoice/integrations lists; null answers 404.</summary>
    public IReadOnlyList<string>? InvoiceIntegrations { get; set; } = ["xero"];

    public Uri Url => new(Server.Url!);

    public int RuleRejectionsBeforeClientsKnown { get; set; } = 1;

    public bool IngestionLearnsUnitTypes { get; set; } = true;

    public IReadOnlyCollection<StubAsset> Assets => _assets.Values;

    public IReadOnlyCollection<string> ApiKeyNames => _apiKeys.Values.Select(key => key.Name).ToList();

    /// <summary>Completed runs before metering has stored late readings (they reach it by the bus): those book none.</summary>
    public int RunsBeforeLateReadingsStored { get; set; }

    /// <summary>Like the billing scheduler once the grace period is over: a month is final as soon as its run completes.</summary>
    public bool FinalizesOnCompletion { get; set; }

    /// <summary>The billing runs so far, in the order they were asked for.</summary>
    public IReadOnlyList<StubBillingRun> BillingRuns => _billingRuns;

    /// <summary>The months billed so far (YYYY-MM) with their adjustment lines and whether they are final.</summary>
    public IReadOnlyDictionary<string, StubPeriod> Periods => _periods;

    /// <summary>A month billed and finalized before the seeder runs.</summary>
    public void AddFinalizedPeriod(string period) => _periods[period] = new StubPeriod { Final = true };

    /// <summary>A run of the month someone else asked for: it completes at its second look, like the seeder's.</summary>
    public Guid AddActiveRun(string period)
    {
        var run = new StubBillingRun(Guid.NewGuid(), period, RequestedBySeeder: false);
        _billingRuns.Add(run);
        return run.Id;
    }

    /// <summary>Runs of the month fail with <paramref name="error"/>.</summary>
    public void FailRunsOf(string period, string error) => _failingPeriods[period] = error;

    /// <summary>The mapping counts the summary answers, by vendor.</summary>
    public static readonly IReadOnlyDictionary<string, object> MappingSummary = new Dictionary<string, object>
    {
        ["pax8"] = new { total = 292, mapped = 250, unmapped = 42, withSuggestions = 30 },
        ["rmm"] = new { total = 300, mapped = 276, unmapped = 24, withSuggestions = 20 },
    };

    /// <summary>The clients' time zones as they were created (null: none given), by name.</summary>
    public IReadOnlyDictionary<string, string?> ClientTimeZones => _clientTimeZones;

    /// <summary>The vendor syncs so far, in the order they were asked for.</summary>
    public IReadOnlyList<StubSyncRun> SyncRuns => _syncRuns;

    /// <summary>A client the organization has already.</summary>
    public void AddExistingClient(string name) => _clients[name] = Guid.NewGuid();

    /// <summary>A client created by someone else after the seeder listed the clients: creating it answers 409.</summary>
    public void AddClientCreatedMeanwhile(string name)
    {
        AddExistingClient(name);
        _unlistedClients.Add(name);
    }

    /// <summary>A sync of the integration (e.g. "subscription/pax8") someone else started, queued still.</summary>
    public Guid AddActiveSync(string integration)
    {
        var run = new StubSyncRun(Guid.NewGuid(), integration, "manual");
        _syncRuns.Add(run);
        return run.Id;
    }

    /// <summary>The service has no such sync yet: starting it answers 404.</summary>
    public void MakeSyncUnavailable(string integration) => _unavailableSyncs.Add(integration);

    /// <summary>Off: every sync stays running, like one stuck at a vendor.</summary>
    public bool SyncsFinish { get; set; } = true;

    /// <summary>Syncs of the integration fail with <paramref name="error"/>.</summary>
    public void FailSyncsOf(string integration, string error) => _failingSyncs[integration] = error;

    /// <summary>A unit type the organization has already, known to ingestion.</summary>
    public void AddExistingUnitType(string key)
    {
        _unitTypes.Add(key);
        _unitTypesIngestionKnows.Add(key);
    }

    /// <summary>"METHOD /path" of every request so far, in order.</summary>
    public IReadOnlyList<string> Calls() =>
        Server.LogEntries.Select(entry => $"{entry.RequestMessage.Method} {entry.RequestMessage.Path}").ToList();

    /// <summary>The NDJSON bodies of the ingest calls so far, as readings.</summary>
    public IReadOnlyList<IReadOnlyList<JsonObject>> IngestBodies() => Server.LogEntries
        .Where(entry => entry.RequestMessage.Path == "/api/ingestion/readings")
        .Select(entry => (IReadOnlyList<JsonObject>)Lines(entry.RequestMessage.Body!).ToList())
        .ToList();

    public void Dispose() => Server.Stop();

    private void Map(string method, string path, Func<IRequestMessage, ResponseMessage> answer, bool anonymous = false) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithCallback(request =>
            {
                if (!anonymous && !IsAuthorized(request))
                {
                    return Answer(401, new { title = "Unauthorized." });
                }
                lock (_state)
                {
                    return answer(request);
                }
            }));

    /// <summary>Readings need an ingest key created here; everything else the admin key.</summary>
    private bool IsAuthorized(IRequestMessage request)
    {
        var bearer = First(request.Headers, "Authorization")?.Replace("Bearer ", "");
        lock (_state)
        {
            return request.Path == "/api/ingestion/readings"
                ? _apiKeys.Values.Any(key => key.Key == bearer)
                : bearer == AdminApiKey;
        }
    }

    private ResponseMessage ListClients(IRequestMessage request)
    {
        var search = Query(request, "search") ?? "";
        return Page(_clients.Where(client => client.Key.Contains(search, StringComparison.OrdinalIgnoreCase) &&
                !_unlistedClients.Contains(client.Key))
            .Select(client => new JsonObject { ["id"] = client.Value, ["name"] = client.Key }).ToList());
    }

    private ResponseMessage CreateClient(IRequestMessage request)
    {
        var body = Body(request);
        var name = body["name"]!.GetValue<string>();
        if (_clients.ContainsKey(name))
        {
            return Answer(409, new { title = "Client name already in use." });
        }
        _clients[name] = Guid.NewGuid();
        _clientTimeZones[name] = body["timeZone"]?.GetValue<string>();
        return Answer(201, new { id = _clients[name], name });
    }

    private ResponseMessage CreateUnitType(IRequestMessage request)
    {
        var body = Body(request);
        return _unitTypes.Add(body["key"]!.GetValue<string>())
            ? Answer(201, body)
            : Answer(409, new { title = "Unit type key already in use." });
    }

    private ResponseMessage CreateRule(IRequestMessage request)
    {
        if (RuleRejectionsBeforeClientsKnown-- > 0)
        {
            return Answer(400, new
            {
                title = "The assignment rule is not valid.",
                errors = new Dictionary<string, string[]> { ["clientId"] = ["Metering knows no client."] },
            });
        }
        return Created(_rules, request);
    }

    private ResponseMessage FindApiKey(IRequestMessage request)
    {
        var id = Guid.Parse(request.Path.Split('/').Last());
        return _apiKeys.TryGetValue(id, out var key)
            ? Answer(200, new { id, name = key.Name, enabled = true, revoked = false })
            : Answer(404, new { title = "API key not found." });
    }

    private ResponseMessage CreateApiKey(IRequestMessage request)
    {
        var body = Body(request);
        var id = Guid.NewGuid();
        var name = body["name"]!.GetValue<string>();
        var clientId = body["clientId"]?.GetValue<Guid>();
        _apiKeys[id] = (name, $"bo_ingest{_apiKeys.Count:00}_{Guid.NewGuid():N}", clientId);
        return Answer(201, new { id, name, role = body["role"]!.GetValue<string>(), clientId, key = _apiKeys[id].Key });
    }

    private ResponseMessage Ingest(IRequestMessage request)
    {
        var key = _apiKeys.Values.Single(key => First(request.Headers, "Authorization") == "Bearer " + key.Key);
        var lines = request.Body!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var outcomes = new List<Outcome>();
        for (var position = 0; position < lines.Length; position++)
        {
            var reading = JsonNode.Parse(lines[position])!.AsObject();
            var id = reading["id"]!.GetValue<string>();
            var unitTypeKey = reading["unitTypeKey"]!.GetValue<string>();
            var externalId = reading["assetExternalId"]!.GetValue<string>();
            var payload = lines[position];
            var (status, reason) =
                !_unitTypesIngestionKnows.Contains(unitTypeKey) ? ("rejected", $"unitTypeKey '{unitTypeKey}' is not a known unit type")
                : _suppressions.Any(rule => Glob.IsMatch(rule["pattern"]!.GetValue<string>(), externalId)) ? ("suppressed", "Matched suppression rule.")
                : _readings.TryGetValue(id, out var stored) ? (stored == payload ? ("duplicate", "Already ingested.") : ("conflict", "Other payload."))
                : ("accepted", (string?)null);
            if (status == "accepted")
            {
                _readings[id] = payload;
                var source = reading["assetSource"]!.GetValue<string>();
                _assets.TryAdd(source + "|" + externalId, new StubAsset(Guid.NewGuid(), source, externalId, key.ClientId));
                var observedIn = reading["observedAt"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM", CultureInfo.InvariantCulture);
                if (_periods.TryGetValue(observedIn, out var period) && period.Final)
                {
                    _lateReadings.Add(new StubLateReading(observedIn));
                }
            }
            outcomes.Add(new Outcome(position, id, status, reason));
        }
        if (IngestionLearnsUnitTypes)
        {
            _unitTypesIngestionKnows.UnionWith(_unitTypes);
        }
        int Count(string status) => outcomes.Count(outcome => outcome.Status == status);
        return Answer(200, new
        {
            batchId = Guid.NewGuid(),
            accepted = Count("accepted"),
            duplicates = Count("duplicate"),
            conflicts = Count("conflict"),
            rejected = Count("rejected"),
            suppressed = Count("suppressed"),
            outcomes,
        });
    }

    private ResponseMessage ListAssets(IRequestMessage request)
    {
        var visible = Query(request, "view") == "disregarded" ? [] : _assets.Values.OrderBy(asset => asset.ExternalId).ToList();
        var page = int.Parse(Query(request, "page") ?? "1");
        var pageSize = int.Parse(Query(request, "pageSize") ?? "50");
        return Answer(200, new
        {
            items = visible.Skip((page - 1) * pageSize).Take(pageSize).Select(asset => new
            {
                id = asset.Id,
                source = asset.Source,
                externalId = asset.ExternalId,
                clientId = asset.ClientScope,
                acknowledged = asset.Acknowledged,
            }),
            page,
            pageSize,
            totalCount = visible.Count,
        });
    }

    private ResponseMessage Acknowledge(IRequestMessage request)
    {
        var ids = Body(request)["assetIds"]!.AsArray().Select(id => id!.GetValue<Guid>()).ToHashSet();
        var acknowledged = 0;
        foreach (var asset in _assets.Values.Where(asset => ids.Contains(asset.Id) && !asset.Acknowledged))
        {
            asset.Acknowledged = true;
            acknowledged++;
        }
        return Answer(200, new { acknowledged });
    }

    private ResponseMessage RequestBillingRun(IRequestMessage request)
    {
        var body = Body(request);
        var period = $"{body["year"]!.GetValue<int>():0000}-{body["month"]!.GetValue<int>():00}";
        if (_periods.TryGetValue(period, out var billed) && billed.Final)
        {
            return Answer(409, new { title = "This period is finalized." });
        }
        if (ActiveRunOf(period) is { } active)
        {
            return Answer(409, new { title = "A billing run of this period is already in progress.", runId = active.Id });
        }
        var run = new StubBillingRun(Guid.NewGuid(), period, RequestedBySeeder: true);
        _billingRuns.Add(run);
        return Answer(202, BillingRun(run));
    }

    private ResponseMessage GetBillingRun(IRequestMessage request)
    {
        var id = Guid.Parse(request.Path.Split('/').Last());
        if (_billingRuns.FirstOrDefault(run => run.Id == id) is not { } run)
        {
            return Answer(404, new { title = "Billing run not found." });
        }
        run.Looks++;
        if (run.Looks == 1)
        {
            run.Status = "running";
        }
        else if (run.Looks == 2 && _failingPeriods.ContainsKey(run.Period))
        {
            run.Status = "failed";
        }
        else if (run.Looks == 2)
        {
            run.Status = "completed";
            Complete(run);
        }
        return Answer(200, BillingRun(run));
    }

    /// <summary>The month's drafts are replaced: its adjustments are the late readings no other month booked.</summary>
    private void Complete(StubBillingRun run)
    {
        if (!_periods.TryGetValue(run.Period, out var period))
        {
            period = _periods[run.Period] = new StubPeriod();
        }
        var completedRuns = _billingRuns.Count(other => other.Status == "completed");
        var booked = completedRuns > RunsBeforeLateReadingsStored
            ? _lateReadings.Where(late => string.CompareOrdinal(late.Period, run.Period) < 0 &&
                (late.BookedIn is null || late.BookedIn == run.Period)).ToList()
            : [];
        booked.ForEach(late => late.BookedIn = run.Period);
        period.Adjustments = booked.Count;
        period.Final = FinalizesOnCompletion;
    }

    private ResponseMessage FinalizePeriod(IRequestMessage request)
    {
        var period = request.Path.Split('/')[^2];
        if (ActiveRunOf(period) is { } active)
        {
            return Answer(409, new { title = "A billing run of this period is in progress.", runId = active.Id });
        }
        if (!_periods.TryGetValue(period, out var billed))
        {
            return Answer(404, new { title = "No billing readings for this period." });
        }
        if (billed.Final)
        {
            return Answer(409, new { title = "This period is already finalized." });
        }
        billed.Final = true;
        return Answer(200, new { period, finalized = 12, finalizedAt = DateTimeOffset.UtcNow });
    }

    private object XeroConnection()
    {
        var tenant = XeroTenants.FirstOrDefault(tenant => tenant.Id == XeroTenantId);
        return new
        {
            status = XeroStatus,
            tenantId = XeroTenantId,
            tenantName = XeroTenantId is null ? null : tenant.Name,
            tenants = XeroStatus == "disconnected" ? [] : XeroTenants.Select(tenant => new { id = tenant.Id, name = tenant.Name }).ToList(),
        };
    }

    private ResponseMessage ConnectXero(IRequestMessage request)
    {
        var state = Guid.NewGuid().ToString("N");
        _xeroStates.Add(state);
        var callback = new Uri(Url, "/api/invoice/xero/callback");
        return Answer(200, new
        {
            authorizeUrl = $"{XeroAuthorizeAddress}?response_type=code&client_id=billingone-sandbox" +
                $"&redirect_uri={Uri.EscapeDataString(callback.ToString())}" +
                $"&scope={Uri.EscapeDataString("offline_access accounting.transactions")}&state={state}",
        });
    }

    private ResponseMessage XeroCallback(IRequestMessage request)
    {
        var state = Query(request, "state");
        string outcome;
        if (state is null || !_xeroStates.Remove(state))
        {
            outcome = "xero=error&reason=expired";
        }
        else if (Query(request, "error") is not null || Query(request, "code") is null)
        {
            outcome = "xero=error&reason=denied";
        }
        else if (XeroTenants.Count > 1)
        {
            XeroStatus = "choose-tenant";
            outcome = "xero=choose-tenant";
        }
        else
        {
            XeroStatus = "connected";
            XeroTenantId = XeroTenants[0].Id;
            outcome = "xero=connected";
        }
        return new ResponseMessage
        {
            StatusCode = 302,
            Headers = new Dictionary<string, WireMockList<string>>
            {
                ["Location"] = new($"/settings/integrations?{outcome}"),
            },
        };
    }

    private ResponseMessage ChooseXeroTenant(IRequestMessage request)
    {
        var tenantId = Guid.Parse(Body(request)["tenantId"]!.GetValue<string>());
        if (XeroStatus == "disconnected" || XeroTenants.All(tenant => tenant.Id != tenantId))
        {
            return Answer(409, new { title = "Xero is not connected." });
        }
        XeroStatus = "connected";
        XeroTenantId = tenantId;
        return Answer(200, XeroConnection());
    }

    private ResponseMessage StartSync(IRequestMessage request)
    {
        var parts = request.Path.Split('/');
        var integration = $"{parts[2]}/{parts[4]}";
        if (_unavailableSyncs.Contains(integration))
        {
            return Answer(404, new { title = "Not Found" });
        }
        if (integration == "invoice/xero" && XeroStatus != "connected")
        {
            return Answer(409, new { title = "Xero is not connected." });
        }
        if (_syncRuns.FirstOrDefault(run => run.Integration == integration && run.Status is "queued" or "running") is { } active)
        {
            return Answer(409, new { title = "A sync is already queued.", runId = active.Id });
        }
        var started = new StubSyncRun(Guid.NewGuid(), integration, Body(request)["trigger"]!.GetValue<string>());
        _syncRuns.Add(started);
        return Answer(202, SyncRun(started));
    }

    private ResponseMessage GetSyncRun(IRequestMessage request)
    {
        var id = Guid.Parse(request.Path.Split('/').Last());
        var service = request.Path.Split('/')[2];
        if (_syncRuns.FirstOrDefault(run => run.Id == id && run.Integration.StartsWith(service + "/", StringComparison.Ordinal))
            is not { } run)
        {
            return Answer(404, new { title = "Sync run not found." });
        }
        run.Looks++;
        run.Status = run.Looks == 1 || !SyncsFinish ? "running"
            : _failingSyncs.ContainsKey(run.Integration) ? "failed"
            : "completed";
        return Answer(200, SyncRun(run));
    }

    /// <summary>A completed run added every item of two kinds.</summary>
    private object SyncRun(StubSyncRun run)
    {
        var completed = run.Status == "completed";
        var breakdown = completed
            ? new Dictionary<string, object>
            {
                ["accounts"] = new { added = 300, changed = 0, removed = 0 },
                ["items"] = new { added = 1800, changed = 0, removed = 0 },
            }
            : [];
        return new
        {
            id = run.Id,
            integration = run.Integration.Split('/')[1],
            trigger = run.Trigger,
            status = run.Status,
            itemsDone = completed ? 2100 : 0,
            itemsTotal = completed ? 2100 : (int?)null,
            added = completed ? 2100 : 0,
            changed = 0,
            removed = 0,
            breakdown,
            error = run.Status == "failed" ? _failingSyncs[run.Integration] : null,
            durationSeconds = run.Status is "completed" or "failed" ? 12.5 : (double?)null,
        };
    }

    private StubBillingRun? ActiveRunOf(string period) =>
        _billingRuns.FirstOrDefault(run => run.Period == period && run.Status is "queued" or "running");

    private object BillingRun(StubBillingRun run) => new
    {
        id = run.Id,
        period = run.Period,
        status = run.Status,
        error = run.Status == "failed" ? _failingPeriods[run.Period] : null,
    };

    private sealed record Outcome(int Position, string Id, string Status, string? Reason);

    private static object Run(string status) => new
    {
        id = Guid.Parse("0b000000-0000-4000-8000-00000000aaaa"),
        trigger = "manual",
        status,
        bucketsCreated = status == "succeeded" ? 9 : 0,
        assetsBound = status == "succeeded" ? 240 : 0,
        error = (string?)null,
    };

    private static ResponseMessage Created(List<JsonObject> rows, IRequestMessage request)
    {
        var row = Body(request);
        row["id"] = Guid.NewGuid();
        rows.Add(row);
        return Answer(201, row);
    }

    private static ResponseMessage Page(IReadOnlyList<JsonObject> rows) =>
        Answer(200, new { items = rows, page = 1, pageSize = 200, totalCount = rows.Count });

    private static JsonObject Body(IRequestMessage request) => JsonNode.Parse(request.Body!)!.AsObject();

    private static IEnumerable<JsonObject> Lines(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject());

    private static string? Query(IRequestMessage request, string name) => First(request.Query, name);

    private static string? First(IDictionary<string, WireMockList<string>>? values, string name) =>
        values is not null && values.TryGetValue(name, out var value) ? value.FirstOrDefault() : null;

    private static ResponseMessage Answer(int status, object body) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>>
        {
            ["Content-Type"] = new(status >= 400 ? "application/problem+json" : "application/json"),
        },
        BodyData = new BodyData
        {
            BodyAsString = JsonSerializer.Serialize(body, Json),
            DetectedBodyType = BodyType.String,
            Encoding = Encoding.UTF8,
        },
    };
}

/// <summary>An asset the stub's metering holds; <see cref="ClientScope"/> is the client of the key that sent it.</summary>
public sealed record StubAsset(Guid Id, string Source, string ExternalId, Guid? ClientScope)
{
    public bool Acknowledged { get; set; }
}

/// <summary>A billing run of the stub: queued until its first look, running until its second.</summary>
public sealed record StubBillingRun(Guid Id, string Period, bool RequestedBySeeder)
{
    public int Looks { get; set; }

    public string Status { get; set; } = "queued";
}

/// <summary>A vendor sync of the stub ("subscription/pax8"): queued until its first look, running until its second.</summary>
public sealed record StubSyncRun(Guid Id, string Integration, string Trigger)
{
    public int Looks { get; set; }

    public string Status { get; set; } = "queued";
}

/// <summary>A month with billing lines.</summary>
public sealed class StubPeriod
{
    public bool Final { get; set; }

    public int Adjustments { get; set; }
}

/// <summary>A reading observed in a finalized month (YYYY-MM), and the month whose run booked it.</summary>
public sealed record StubLateReading(string Period)
{
    public string? BookedIn { get; set; }
}
