using System.Net;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>The metering and subscription answers the metering console reads, shaped as the issue 6 contract says.</summary>
public static class MeteringResponses
{
    public const string AssetsPath = "/api/metering/assets";
    public const string BucketsPath = "/api/metering/buckets";
    public const string UnitTypesPath = "/api/metering/unit-types";
    public const string ProvisioningRunsPath = "/api/metering/provisioning/runs";
    public const string SubscriptionClientsPath = "/api/subscription/clients";

    public static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");
    public static readonly Guid NorthwindId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0002");
    public static readonly Guid BackupUnitTypeId = Guid.Parse("7a000000-0000-4000-8000-000000000001");
    public static readonly Guid MailboxUnitTypeId = Guid.Parse("7a000000-0000-4000-8000-000000000002");

    public static readonly DateTimeOffset Created = new(2025, 3, 1, 8, 15, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset LastSeen = new(2025, 3, 14, 9, 5, 0, TimeSpan.Zero);

    /// <summary>A page as the services' PagedResult spells it; page and pageSize echo the request.</summary>
    public static HttpResponseMessage Paged(RecordedRequest request, IReadOnlyList<object> items, long? totalCount = null) =>
        Json(new
        {
            items,
            page = request.Query.TryGetValue("page", out var page) ? int.Parse(page) : 1,
            pageSize = request.Query.TryGetValue("pageSize", out var pageSize) ? int.Parse(pageSize) : 50,
            totalCount = totalCount ?? items.Count,
        });

    /// <summary>The subscription service's clients: Contoso and Northwind.</summary>
    public static void ListClientChoices(this StubGatewayHandler gateway) =>
        gateway.ServeClientChoices([(ContosoId, "Contoso"), (NorthwindId, "Northwind")]);

    /// <summary>
    /// The subscription service's <paramref name="clients"/> as the client picker reads them: the list searched by
    /// name (contains, any case) in name order and paged, as the service does, and each client by id.
    /// </summary>
    public static void ServeClientChoices(this StubGatewayHandler gateway, IReadOnlyList<(Guid Id, string Name)> clients)
    {
        gateway.On(HttpMethod.Get, SubscriptionClientsPath, request =>
        {
            var search = request.Query.GetValueOrDefault("search");
            var matching = clients
                .Where(client => search is null || client.Name.Contains(search, StringComparison.OrdinalIgnoreCase))
                .OrderBy(client => client.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var page = int.Parse(request.Query.GetValueOrDefault("page", "1"));
            var pageSize = int.Parse(request.Query.GetValueOrDefault("pageSize", "25"));
            return Paged(request,
                matching.Skip((page - 1) * pageSize).Take(pageSize).Select(client => ClientChoice(client.Id, client.Name)).ToList(),
                matching.Count);
        });
        foreach (var (id, name) in clients)
        {
            gateway.On(HttpMethod.Get, $"{SubscriptionClientsPath}/{id}", _ => Json(ClientChoice(id, name)));
        }
    }

    public static object ClientChoice(Guid id, string name, bool enabled = true) => new
    {
        id,
        name,
        enabled,
        timeZone = "Australia/Sydney",
        version = 1,
        createdAt = Created,
        updatedAt = Created,
    };

    /// <summary>An asset as the metering service's AssetResponse spells it.</summary>
    public static object Asset(
        string externalId, Guid? id = null, string source = "veeam", string? name = null, string? description = null,
        Guid? clientId = null, string? clientName = null, bool acknowledged = true, bool enabled = true,
        bool disregarded = false, string[]? unitTypeKeys = null, string[]? unboundUnitTypeKeys = null) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            source,
            externalId,
            name,
            displayName = name ?? externalId,
            description,
            clientId,
            clientName,
            assignedBy = clientId is null ? null : "manual",
            acknowledged,
            acknowledgedAt = acknowledged ? Created.AddHours(1) : (DateTimeOffset?)null,
            enabled,
            disregarded,
            disregardedAt = disregarded ? LastSeen : (DateTimeOffset?)null,
            firstSeenAt = Created,
            lastSeenAt = LastSeen,
            createdAt = Created,
            unitTypeKeys = unitTypeKeys ?? ["backup-gb"],
            unboundUnitTypeKeys = unboundUnitTypeKeys ?? [],
        };

    /// <summary>A unit type as the metering service's UnitTypeResponse spells it.</summary>
    public static object UnitType(
        string key, string name, Guid? id = null, string? description = null, bool autoProvision = false,
        decimal basePrice = 0.5m, decimal overagePrice = 0.0125m, string currency = "AUD", string aggregation = "max",
        string? filterPattern = null, decimal commitUnits = 0m, int precision = 2) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            key,
            name,
            description,
            autoProvision,
            basePrice,
            overagePrice,
            currency,
            aggregation,
            filterPattern,
            commitUnits,
            precision,
            createdAt = Created,
            updatedAt = Created,
        };

    /// <summary>A bucket as the metering service's BucketResponse spells it.</summary>
    public static object Bucket(
        string name, Guid? id = null, Guid? clientId = null, string clientName = "Contoso", string? sourceType = "veeam",
        Guid? unitTypeId = null, string unitTypeKey = "backup-gb", string unitTypeName = "Backup storage (GB)",
        string aggregation = "max", decimal commitUnits = 500m, decimal basePrice = 0.5m, decimal overagePrice = 0.0125m,
        string currency = "AUD", bool reviewed = true, bool enabled = true, bool autoProvisioned = false,
        int boundAssets = 3, decimal usage = 437.5m, decimal? cost = 250m, decimal? percentOfCommit = 87.5m,
        string status = "on-track", int unitTypePrecision = 2, string? error = null) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            clientId = clientId ?? ContosoId,
            clientName,
            name,
            sourceType,
            unitTypeId = unitTypeId ?? BackupUnitTypeId,
            unitTypeKey,
            unitTypeName,
            unitTypePrecision,
            aggregation,
            commitUnits,
            basePrice,
            overagePrice,
            currency,
            reviewed,
            enabled,
            autoProvisioned,
            boundAssets,
            usage = new
            {
                periodStart = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(11)),
                periodEnd = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(11)),
                usage,
                cost,
                overage = 0m,
                bufferUnits = Math.Max(0m, commitUnits - usage),
                bufferCost = 0m,
                percentOfCommit,
                status,
                error,
            },
            createdAt = Created,
            updatedAt = Created,
        };

    /// <summary>A provisioning run as the metering service's ProvisioningRunResponse spells it.</summary>
    public static object ProvisioningRun(
        Guid id, string status, int bucketsCreated = 0, int assetsBound = 0, string? error = null) =>
        new
        {
            id,
            trigger = "manual",
            status,
            bucketsCreated,
            assetsBound,
            error,
            startedAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero),
            finishedAt = status == "running" ? (DateTimeOffset?)null : new DateTimeOffset(2025, 3, 14, 9, 31, 0, TimeSpan.Zero),
        };

    public static HttpResponseMessage NoContent() => new(HttpStatusCode.NoContent);

    /// <summary>A 400 validation problem with messages per member.</summary>
    public static HttpResponseMessage ValidationProblem(string title, IDictionary<string, string[]> errors) =>
        Problem(HttpStatusCode.BadRequest, title, errors: errors);
}
