using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Projection.Apis;

public sealed record AuditLogParameters(string? Table, string? Action, string? ActorId, string? From, string? To);

/// <summary>The Audit Log screen: every service's recorded mutations, newest first. Owners and admins only.</summary>
public static class AuditLogApi
{
    public static IEndpointRouteBuilder MapAuditLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/projection/audit-log", ListAuditEntries)
            .WithTags("Audit Log")
            .WithName("ListAuditEntries")
            .WithSummary("List audit entries")
            .WithDescription("Who changed what, in every service, newest first. Filters: `table`, `action` " +
                "(`create`, `update`, `enable`, `disable`, `revoke`, ...), `actorId` (user or API key id), `from` " +
                "(inclusive) and `to` (exclusive) as ISO-8601 instants; " + EndpointConventions.PagingDescription)
            .RequireAuthorization(Policies.Admin);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AuditEntry>>, ValidationProblem>> ListAuditEntries(
        [AsParameters] AuditLogParameters parameters, [AsParameters] PageParameters paging,
        AuditEntryStore store, IOrganizationContext organization, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var query = AuditLogQuery.Parse(parameters.Table, parameters.Action, parameters.ActorId, parameters.From,
            parameters.To, paging.Page, paging.PageSize, errors);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit log query is not valid.");
        }
        return TypedResults.Ok(await store.ListAsync(organization.OrgId, query, cancellationToken));
    }
}
