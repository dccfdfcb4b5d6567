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

        group.MapGet("/domains", ListDomains)
            .RequireAuthorization(Policies.Read)
            .WithName("ListSynergyDomains")
            .WithSummary("List Synergy domains")
            .WithDescription($"A page of the domains Synergy Wholesale lists. {FiltersDescription} `autoRenew` is true " +
                "or false. `sort` is name (default), client, status or expiry. " + EndpointConventions.PagingDescription);
        group.MapGet("/domains/export", ExportDomains)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportSynergyDomains")
            .WithSummary("Export Synergy domains as CSV")
            .WithDescription("Every domain the list's filters select, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: SynergyCsv.ContentType)
            .ProducesValidationProblem();
        group.MapGet("/domains/summary", Summary)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeSynergyAccount")
            .WithSummary("Count domains, hosting and certificates")
            .WithDescription("Live counts per tab of the Domains & Hosting page, with those expiring within " +
                $"{SynergyListQuery.ExpiringSoonDays} days, already expired and unmapped.");

        group.MapGet("/hosting", ListHosting)
            .RequireAuthorization(Policies.Read)
            .WithName("ListSynergyHosting")
            .WithSummary("List Synergy hosting services")
            .WithDescription($"A page of the hosting services Synergy Wholesale lists. {FiltersDescription} `sort` is " +
                "name (the domain, default), client, plan, status or expiry (the next renewal). " +
                EndpointConventions.PagingDescription);
        group.MapGet("/hosting/export", ExportHosting)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportSynergyHosting")
            .WithSummary("Export Synergy hosting services as CSV")
            .WithDescription("Every hosting service the list's filters select, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: SynergyCsv.ContentType)
            .ProducesValidationProblem();

        group.MapGet("/ssl-certificates", ListCertificates)
            .RequireAuthorization(Policies.Read)
            .WithName("ListSynergyCertificates")
            .WithSummary("List Synergy SSL certificates")
            .WithDescription($"A page of the SSL certificates Synergy Wholesale lists. {FiltersDescription} `sort` is " +
                "name (the common name, default), client, product, status or expiry. " + EndpointConventions.PagingDescription);
        group.MapGet("/ssl-certificates/export", ExportCertificates)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportSynergyCertificates")
            .WithSummary("Export Synergy SSL certificates as CSV")
            .WithDescription("Every certificate the list's filters select, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: SynergyCsv.ContentType)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<PagedResult<SynergyDomainResponse>>, ValidationProblem>> ListDomains(
        [AsParameters] SynergyListParameters parameters, [AsParameters] PageParameters paging, SynergyQueries queries,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(SynergyListKind.Domains, parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var page = await queries.ListDomainsAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(SynergyDomainResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportDomains(
        [AsParameters] SynergyListParameters parameters, SynergyQueries queries, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(SynergyListKind.Domains, parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var all = await queries.ListDomainsAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(SynergyCsv.Write(all.Items.Select(SynergyDomainResponse.From)), SynergyCsv.ContentType,
            $"domains-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Results<Ok<PagedResult<SynergyHostingResponse>>, ValidationProblem>> ListHosting(
        [AsParameters] SynergyListParameters parameters, [AsParameters] PageParameters paging, SynergyQueries queries,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(SynergyListKind.Hosting, parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var page = await queries.ListHostingAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(SynergyHostingResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportHosting(
        [AsParameters] SynergyListParameters parameters, SynergyQueries queries, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(SynergyListKind.Hosting, parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var all = await queries.ListHostingAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(SynergyCsv.Write(all.Items.Select(SynergyHostingResponse.From)), SynergyCsv.ContentType,
            $"hosting-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Results<Ok<PagedResult<SynergyCertificateResponse>>, ValidationProblem>> ListCertificates(
        [AsParameters] SynergyListParameters parameters, [AsParameters] PageParameters paging, SynergyQueries queries,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(SynergyListKind.Certificates, parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var page = await queries.ListCertificatesAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(SynergyCertificateResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportCertificates(
        [AsParameters] SynergyListParameters parameters, SynergyQueries queries, IActorContext caller, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!TryParse(SynergyListKind.Certificates, parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var all = await queries.ListCertificatesAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(SynergyCsv.Write(all.Items.Select(SynergyCertificateResponse.From)),
            SynergyCsv.ContentType, $"ssl-certificates-{clock.GetUtcNow():yyyy-MM-dd}.csv");
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
        [NotNullWhen(true)] out SynergyListQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid)
    {
        var errors = new Dictionary<string, string[]>();
        query = SynergyListQuery.Parse(kind, parameters.Search, parameters.Status, parameters.ClientId,
            parameters.ExpiringWithinDays, parameters.AutoRenew, parameters.Sort, parameters.Direction, paging?.Page,
            paging?.PageSize, paged: paging is not null, errors);
        invalid = query is null ? EndpointConventions.InvalidListQuery(errors) : null;
        return query is not null;
    }
}
