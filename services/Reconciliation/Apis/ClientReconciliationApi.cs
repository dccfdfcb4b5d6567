using System.Diagnostics.CodeAnalysis;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// The Reconciliation page: each client's devices (latest snapshot) against its device licences, the summary cards,
/// the CSV export of the filtered list, a client's detail with its snapshot history, and the organization's snapshot
/// schedule. Client-scoped callers see only their client; the schedule is organization-wide.
/// </summary>
public static class ClientReconciliationApi
{
    private const string FiltersDescription = "`search` matches the client's name; `status` is matched, under-licensed, " +
        "over-licensed or no-data; `sort` is client, devices, licenses or variance (default variance, largest first, " +
        "then name) and `direction` asc or desc.";

    public static IEndpointRouteBuilder MapClientReconciliationApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup($"{DevicesApi.BasePath}/clients").WithTags("Reconciliation");
        clients.MapList(ListClients, "ListClientReconciliations", "Compare clients' devices with their licences",
            $"A page of clients with their devices, device licences, variance (devices − licences: positive = " +
            $"under-licensed) and status. {FiltersDescription}");
        clients.MapGet("/summary", Summary)
            .RequireAuthorization(Policies.Read)
            .WithName("SummarizeClientReconciliations")
            .WithSummary("Count clients per status")
            .WithDescription("The summary cards: clients under-licensed, over-licensed, matched and without data over " +
                "what `search` selects, and when the latest snapshot was taken.")
            .ProducesValidationProblem();
        clients.MapGet("/export", Export)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportClientReconciliations")
            .WithSummary("Export the client comparison as CSV")
            .WithDescription($"Every client the list's filters select (all pages), as text/csv. {FiltersDescription}")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        clients.MapGet("/export/products", ExportProducts)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportClientProductCoverage")
            .WithSummary("Export the comparison per product as CSV")
            .WithDescription("One row per covering product of every client the list's filters select (all pages): the " +
                "devices it covers, its quantity, variance, status and monthly unit price, as text/csv. " +
                FiltersDescription)
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        clients.MapItem(GetClient, "GetClientReconciliation", "A client's comparison with its RMM organizations and history");

        var schedule = app.MapGroup($"{DevicesApi.BasePath}/snapshot-schedule").WithTags("Reconciliation")
            .OrganizationWideOnly();
        schedule.MapGet("/", GetSchedule)
            .RequireAuthorization(Policies.Read)
            .WithName("GetSnapshotSchedule")
            .WithSummary("The organization's device snapshot schedule")
            .WithDescription("Monthly on `dayOfMonth` at `hourUtc`:00 UTC when `enabled`; `nextRunAt` is the next snapshot.");
        schedule.MapPut("/", SaveSchedule)
            .RequireAuthorization(Policies.Admin)
            .WithName("SaveSnapshotSchedule")
            .WithSummary("Change the device snapshot schedule")
            .WithDescription("All three members are required: `enabled`, `dayOfMonth` (1–28), `hourUtc` (0–23). Each " +
                "occurrence starts the RMM integration's sync as Snapshot Now does; none while one runs. Audited.")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();
        return app;
    }

    public static async Task<Results<Ok<PagedResult<ClientReconciliationResponse>>, ValidationProblem>> ListClients(
        [AsParameters] ClientReconciliationListParameters parameters, [AsParameters] PageParameters paging,
        ReconciliationQueries queries, IActorContext caller, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, paging, out var query, out var invalid))
        {
            return invalid;
        }
        var page = await queries.ListClientsAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.Ok(page.Select(ClientReconciliationResponse.From));
    }

    public static async Task<Results<Ok<ReconciliationSummaryResponse>, ValidationProblem>> Summary(
        [AsParameters] ClientReconciliationSearchParameters parameters, ReconciliationQueries queries, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var search = QueryValues.ParseText(parameters.Search, "search", ClientReconciliationListQuery.MaxSearchLength, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var counts = await queries.SummarizeClientsAsync(caller.OrgId, caller.ClientScope, search, cancellationToken);
        return TypedResults.Ok(ReconciliationSummaryResponse.From(counts));
    }

    public static Task<Results<FileContentHttpResult, ValidationProblem>> Export(
        [AsParameters] ClientReconciliationListParameters parameters, ReconciliationQueries queries, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ExportAsync(parameters, queries, caller, ReconciliationCsv.Write,
            $"reconciliation-{clock.GetUtcNow():yyyy-MM-dd}.csv", cancellationToken);

    public static Task<Results<FileContentHttpResult, ValidationProblem>> ExportProducts(
        [AsParameters] ClientReconciliationListParameters parameters, ReconciliationQueries queries, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken) =>
        ExportAsync(parameters, queries, caller, ReconciliationCsv.WriteProducts,
            $"reconciliation-products-{clock.GetUtcNow():yyyy-MM-dd}.csv", cancellationToken);

    /// <summary>Every client the list's filters select (all pages), written as one CSV file by <paramref name="write"/>.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAsync(
        ClientReconciliationListParameters parameters, ReconciliationQueries queries, IActorContext caller,
        Func<IEnumerable<ClientReconciliationResponse>, byte[]> write, string fileName, CancellationToken cancellationToken)
    {
        if (!TryParse(parameters, null, out var query, out var invalid))
        {
            return invalid;
        }
        var all = await queries.ListClientsAsync(caller.OrgId, caller.ClientScope, query, cancellationToken);
        return TypedResults.File(write(all.Items.Select(ClientReconciliationResponse.From)), CsvFiles.ContentType,
            fileName);
    }

    public static async Task<Results<Ok<ClientReconciliationDetailResponse>, ProblemHttpResult>> GetClient(Guid id,
        ReconciliationQueries queries, IActorContext caller, CancellationToken cancellationToken) =>
        await queries.FindClientAsync(caller.OrgId, caller.ClientScope, id, cancellationToken) is { } detail
            ? TypedResults.Ok(ClientReconciliationDetailResponse.From(detail))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client not found.",
                detail: $"There is no reconciled client '{id}' in this organization.");

    public static async Task<Ok<SnapshotScheduleResponse>> GetSchedule(SnapshotScheduleStore schedules,
        IActorContext caller, CancellationToken cancellationToken) =>
        TypedResults.Ok(SnapshotScheduleResponse.From(await schedules.GetAsync(caller.OrgId, cancellationToken)));

    public static async Task<Results<Ok<SnapshotScheduleResponse>, ValidationProblem>> SaveSchedule(
        SnapshotScheduleFields request, SnapshotScheduleStore schedules, IActorContext caller, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (SnapshotSchedule.Create(request.Enabled, request.DayOfMonth, request.HourUtc, errors) is not { } schedule)
        {
            return TypedResults.ValidationProblem(errors, title: "The snapshot schedule is not valid.");
        }
        var saved = await schedules.SaveAsync(caller.OrgId, schedule, caller.ActorId, audit, cancellationToken);
        return TypedResults.Ok(SnapshotScheduleResponse.From(saved));
    }

    private static bool TryParse(ClientReconciliationListParameters parameters, PageParameters? paging,
        [NotNullWhen(true)] out ClientReconciliationListQuery? query, [NotNullWhen(false)] out ValidationProblem? invalid) =>
        EndpointConventions.TryParseListQuery(errors => ClientReconciliationListQuery.Parse(parameters.Search,
            parameters.Status, parameters.Sort, parameters.Direction, paging?.Page, paging?.PageSize,
            paged: paging is not null, errors), out query, out invalid);
}
