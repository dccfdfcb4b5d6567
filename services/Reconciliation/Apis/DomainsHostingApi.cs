using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// The organization's Synergy Wholesale account as last synced (Domains &amp; Hosting page): domains, hosting services
/// and SSL certificates with the client each one's customer account is mapped to, their CSV exports and a summary.
/// Client-scoped callers see only their client's.
/// </summary>
public static class DomainsHostingApi
{
    private const string FiltersDescription = "`search` matches the name, plan or product, Synergy account or client; " +
        "`status` is Synergy's status (any case); `clientId` keeps one client's; `expiringWithinDays` keeps those " +
        "expiring (hosting: renewing) from now to that many days ahead; `sort` and `direction` (asc, desc) order them.";

    public static IEndpointRouteBuilder MapDomainsHostingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(DevicesApi.BasePath).WithTags("Domains & Hosting");

        MapTab(group, new SynergyTab<SynergyDomainRow, SynergyDomainResponse>(SynergyListKind.Domains, "domains", "Domains",
            "domains", "`autoRenew` is true or false. `sort` is name (default), client, status or expiry.",
            (queries, orgId, scope, query, token) => queries.ListDomainsAsync(orgId, scope, query, token),
            SynergyDomainResponse.From, SynergyCsv.Write));
        group.MapGet("/domains/summary", Summary)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeSynergyAccount")
            .WithSummary("Count domains, hosting and certificates")
            .WithDescription("Live counts per tab of the Domains & Hosting page, with those expiring within " +
                $"{SynergyListQuery.ExpiringSoonDays} days, already expired and unmapped.");
        MapTab(group, new SynergyTab<SynergyHostingRow, SynergyHostingResponse>(SynergyListKind.Hosting, "hosting", "Hosting",
            "hosting services", "`sort` is name (the domain, default), client, plan, status or expiry (the next renewal).",
            (queries, orgId, scope, query, token) => queries.ListHostingAsync(orgId, scope, query, token),
            SynergyHostingResponse.From, SynergyCsv.Write));
        MapTab(group, new SynergyTab<SynergyCertificateRow, SynergyCertificateResponse>(SynergyListKind.Certificates,
            "ssl-certificates", "Certificates", "SSL certificates",
            "`sort` is name (the common name, default), client, product, status or expiry.",
            (queries, orgId, scope, query, token) => queries.ListCertificatesAsync(orgId, scope, query, token),
            SynergyCertificateResponse.From, SynergyCsv.Write));
        return app;
    }

    /// <summary>One tab of the page: what it lists, how it reads a page and how a row is answered and exported.</summary>
    private sealed record SynergyTab<TRow, TResponse>(
        SynergyListKind Kind,
        string Path,
        string OperationNoun,
        string Described,
        string SortDescription,
        Func<SynergyQueries, Guid, Guid?, SynergyListQuery, CancellationToken, Task<PagedResult<TRow>>> List,
        Func<TRow, TResponse> Respond,
        Func<IEnumerable<TResponse>, byte[]> WriteCsv);

    /// <summary>A tab's paged list and its CSV export of every row the same filters select.</summary>
    private static void MapTab<TRow, TResponse>(RouteGroupBuilder group, SynergyTab<TRow, TResponse> tab)
    {
        group.MapGet($"/{tab.Path}", async Task<Results<Ok<PagedResult<TResponse>>, ValidationProblem>> (
                [AsParameters] SynergyListParameters parameters, [AsParameters] PageParameters paging,
                SynergyQueries queries, IActorContext caller, CancellationToken cancellationToken) =>
            {
                if (!TryParse(tab.Kind, parameters, paging, out var query, out var invalid))
                {
                    return invalid;
                }
                var page = await tab.List(queries, caller.OrgId, caller.ClientScope, query, cancellationToken);
                return TypedResults.Ok(page.Select(tab.Respond));
            })
            .RequireAuthorization(Policies.Read)
            .WithName($"ListSynergy{tab.OperationNoun}")
            .WithSummary($"List Synergy {tab.Described}")
            .WithDescription($"A page of the {tab.Described} Synergy Wholesale lists. {FiltersDescription} " +
                $"{tab.SortDescription} {EndpointConventions.PagingDescription}");
        group.MapGet($"/{tab.Path}/export", async Task<Results<FileContentHttpResult, ValidationProblem>> (
                [AsParameters] SynergyListParameters parameters, SynergyQueries queries, IActorContext caller,
                TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!TryParse(tab.Kind, parameters, null, out var query, out var invalid))
                {
                    return invalid;
                }
                var all = await tab.List(queries, caller.OrgId, caller.ClientScope, query, cancellationToken);
                return TypedResults.File(tab.WriteCsv(all.Items.Select(tab.Respond)), SynergyCsv.ContentType,
                    $"{tab.Path}-{clock.GetUtcNow():yyyy-MM-dd}.csv");
            })
            .RequireAuthorization(Policies.Read)
            .WithName($"ExportSynergy{tab.OperationNoun}")
            .WithSummary($"Export Synergy {tab.Described} as CSV")
            .WithDescription($"Every one of the {tab.Described} the list's filters select, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: SynergyCsv.ContentType)
            .ProducesValidationProblem();
    }

    public static async Task<Ok<SynergySummaryResponse>> Summary(SynergyQueries queries, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var counts = await queries.SummaryAsync(caller.OrgId, caller.ClientScope, cancellationToken);
        return TypedResults.Ok(new SynergySummaryResponse(SynergyListQuery.ExpiringSoonDays,
            Counts(counts[SynergyListKind.Domains]), Counts(counts[SynergyListKind.Hosting]),
            Counts(counts[SynergyListKind.Certificates])));
    }

    private static SynergyCountsResponse Counts(SynergyKindCounts counts) =>
        new(counts.Total, counts.ExpiringSoon, counts.Expired, counts.AutoRenewOff, counts.Unmapped);

    private static bool TryParse(SynergyListKind kind, SynergyListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out SynergyListQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => SynergyListQuery.Parse(kind, parameters.Search, parameters.Status,
            parameters.ClientId, parameters.ExpiringWithinDays, parameters.AutoRenew, parameters.Sort, parameters.Direction,
            paging?.Page, paging?.PageSize, paged: paging is not null, errors), out query, out invalid);
}
