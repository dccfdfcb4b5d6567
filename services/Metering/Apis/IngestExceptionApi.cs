using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Metering.Apis;

/// <summary>
/// Ingest exceptions: readings refused after their ingest call was answered "accepted", because they repeated a
/// stored reading's id with another payload (docs/domain.md, "Readings and assets"). Client-scoped callers see their
/// client's.
/// </summary>
public static class IngestExceptionApi
{
    public const string BasePath = "/api/metering/ingest-exceptions";

    private const string RulesDescription = "A reading's id is its sender's idempotency key (per client for " +
        "client-scoped keys, per organization for the others). An ingest call answers `accepted` for every valid " +
        "reading it takes; metering then stores each id once. The same id with the same payload again is a duplicate " +
        "and is skipped silently; with another payload it is a **conflict**: the first reading stays stored and " +
        "billed, and the later one is recorded here with both payloads and the fields that differ, usually within " +
        "seconds of its call. Repeats within one call are still answered per reading (`duplicate`, `conflict`). " +
        "`search` matches part of the reading id or of either asset external id; `clientId` keeps one client's " +
        "(the kept reading's asset's client). Newest first.";

    public static IEndpointRouteBuilder MapIngestExceptionApi(this IEndpointRouteBuilder app)
    {
        var exceptions = app.MapGroup(BasePath).WithTags("Ingest exceptions");
        exceptions.MapList(List, "ListIngestExceptions", "List ingest exceptions", RulesDescription)
            .ProducesValidationProblem();
        exceptions.MapGet("/export", Export)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportIngestExceptions")
            .WithSummary("Export the ingest exceptions as CSV")
            .WithDescription("Every exception the list's filters select (all pages), newest first, as text/csv with " +
                $"the columns {string.Join(", ", IngestExceptionCsv.Header)}. {RulesDescription}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        return app;
    }

    public static async Task<Results<Ok<PagedResult<IngestExceptionResponse>>, ValidationProblem>> List(
        [AsParameters] IngestExceptionListParameters parameters, [AsParameters] PageParameters paging,
        IngestExceptionStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var exceptions = await store.ListAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(exceptions.Select(IngestExceptionResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        [AsParameters] IngestExceptionListParameters parameters, IngestExceptionStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var exceptions = await store.AllAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(IngestExceptionCsv.Write(exceptions.Select(IngestExceptionResponse.From)),
            CsvFiles.ContentType, $"ingest-exceptions-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    private static bool TryParse(IngestExceptionListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out IngestExceptionQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => IngestExceptionQuery.Parse(parameters.Search,
            parameters.ClientId, paging?.Page, paging?.PageSize, errors), out query, out invalid);
}
