using BillingOne.BuildingBlocks.Auditing;
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
/// Billing (seed "Billing Readings", "Run Billing", "Billing History"): runs price every enabled bucket's usage over a
/// closed calendar month of its client's time zone into draft lines; after the grace period (or by hand) a month is
/// finalized and immutable, and late readings become adjustments of a later month. Runs, finalization and settings
/// cover the whole organization, so client-scoped keys may only read (their client's lines).
/// </summary>
public static class BillingApi
{
    private const string RunsPath = "/api/metering/billing-runs";
    private const string PeriodsPath = "/api/metering/billing-periods";
    private const string ReadingsPath = "/api/metering/billing-readings";
    private const string SettingsPath = "/api/metering/billing-settings";
    private const string InvalidRun = "The billing run is not valid.";
    private const int MaxHistoryMonths = 60;
    private const int DefaultHistoryMonths = 12;

    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup(RunsPath).WithTags("Billing");
        runs.MapPost("/", RequestRun)
            .RequireAuthorization(Policies.Billing)
            .WithName("StartBillingRun")
            .WithSummary("Run billing for a closed month")
            .WithDescription("Queues a run of `{year, month}` and answers 202 with it; follow it with " +
                "`GET /api/metering/billing-runs/{id}`. The month must have ended in every client's time zone (400 " +
                "otherwise). While a run of the same period is queued or running the answer is 409 naming it " +
                "(`runId`); a finalized month is 409 too (late readings become adjustments of the next run). A run " +
                "replaces the period's draft lines.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems()
            .WithJsonExamples(BillingExamples.RunRequest, BillingExamples.Run);
        runs.MapList(ListRuns, "ListBillingRuns", "List billing runs", "Newest first, with each run's progress.")
            .WithJsonExamples(null, BillingExamples.RunPage);
        runs.MapItem(GetRun, "GetBillingRun", "Get a billing run with its progress")
            .WithJsonExamples(null, BillingExamples.Run);

        var periods = app.MapGroup(PeriodsPath).WithTags("Billing");
        periods.MapList(ListPeriods, "ListBillingPeriods", "List billed months",
                "Newest first: each month's clients, buckets, adjustments, totals per currency and status. `from` and " +
                "`to` (YYYY-MM-DD, both optional, `from` on or before `to`) keep the months that overlap those days.")
            .WithJsonExamples(null, BillingExamples.PeriodPage);
        periods.MapGet("/{period}/clients", ListClients)
            .RequireAuthorization(Policies.Read)
            .WithName("ListBillingClients")
            .WithSummary("List a month's clients with their totals")
            .WithDescription("`period` is YYYY-MM. One row per client (Client, Period Start, Period End, Buckets, " +
                "Total Cost per currency), by name; `search` matches the name. An empty page when the month has no " +
                $"billing lines. {EndpointConventions.PagingDescription}")
            .WithJsonExamples(null, BillingExamples.ClientPage);
        periods.MapPost("/{period}/finalize", FinalizePeriod)
            .RequireAuthorization(Policies.Billing)
            .WithName("FinalizeBillingPeriod")
            .WithSummary("Finalize a month's billing now")
            .WithDescription("Makes the month's draft lines final (they are otherwise finalized when the grace period " +
                "ends) and publishes BillingPeriodFinalized. 404 when the month has no billing lines, 409 when it is " +
                "already final or a run of it is queued or running.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithJsonExamples(null, BillingExamples.Finalized);

        var readings = app.MapGroup(ReadingsPath).WithTags("Billing");
        readings.MapList(ListReadings, "ListBillingReadings", "List a month's billing lines",
                "`period` (YYYY-MM) is required; `clientId` keeps one client's (404 when unknown). One reading per " +
                "bucket, by client and bucket name, each followed by its adjustments (kind `adjustment`: usage and " +
                "cost are the change late readings made to `originalPeriod`). Client-scoped keys see only their " +
                "client's.")
            .WithJsonExamples(null, BillingExamples.ReadingPage);
        readings.MapGet("/export", Export)
            .RequireAuthorization(Policies.Billing)
            .WithName("ExportBillingReadings")
            .WithSummary("Export a month's billing lines as CSV, one file per billing type")
            .WithDescription("`period` (YYYY-MM) defaults to the most recently loaded month. Lines are grouped by " +
                "billing type (the bucket's source type; `any-source` for buckets without one): one type answers " +
                "text/csv, several answer application/zip with one CSV each. Columns: " +
                $"{string.Join(", ", BillingCsv.Header)}. Amounts carry their currency's minor units. 404 when there " +
                "is nothing to export.")
            .Produces<byte[]>(StatusCodes.Status200OK, CsvFiles.ContentType, BillingCsv.ZipContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/metering/buckets/{id:guid}/billing-history", GetHistory)
            .WithTags("Billing")
            .RequireAuthorization(Policies.Read)
            .WithName("GetBucketBillingHistory")
            .WithSummary("A bucket's billing history")
            .WithDescription("The bucket's last `months` billed months, oldest first: usage, cost, overage and buffer " +
                "(seed \"Billing History\"), and what later adjustments added. 404 when the caller sees no such " +
                "bucket.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithJsonExamples(null, BillingExamples.History);

        var settings = app.MapGroup(SettingsPath).WithTags("Billing");
        settings.MapGet("/", GetSettings)
            .RequireAuthorization(Policies.Read)
            .WithName("GetBillingSettings")
            .WithSummary("The organization's billing schedule")
            .WithDescription("The grace period before drafts become final is the organization's `billingGraceDays`, " +
                "set in identity's organization settings (`/api/identity/organization`).")
            .WithJsonExamples(null, BillingExamples.Settings);
        settings.MapPut("/", SaveSettings)
            .RequireAuthorization(Policies.Admin)
            .WithName("SaveBillingSettings")
            .WithSummary("Change the billing schedule")
            .WithDescription("Both members are required. A changed schedule starts from its next occurrence. The grace " +
                "period is set in identity's organization settings (`billingGraceDays`).")
            .ProducesJsonBodyProblems()
            .WithJsonExamples(BillingExamples.Settings, BillingExamples.Settings);

        return app;
    }

    public static async Task<Results<Accepted<BillingRunResponse>, ValidationProblem, ProblemHttpResult>> RequestRun(
        BillingRunRequestFields request, BillingRunStore runs, BucketQueries buckets, IActorContext caller,
        IAuditTrail audit, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var month = BillingMonth.Create(request.Year, request.Month, errors);
        if (month is null)
        {
            return TypedResults.ValidationProblem(errors, title: InvalidRun);
        }
        var now = timeProvider.GetUtcNow();
        var periods = await buckets.PeriodsForMonthAsync(caller.OrgId, month.Year, month.Month, cancellationToken);
        if (!BillingMonth.HasEnded(periods, now))
        {
            var end = periods.Max(period => period.End);
            errors["month"] = [$"{month} has not ended in every client's time zone yet (it ends at {end:O}); only " +
                "closed periods can be billed."];
            return TypedResults.ValidationProblem(errors, title: InvalidRun);
        }

        var result = await runs.RequestAsync(caller.OrgId, month, caller.ActorId, BillingRunTrigger.Manual, audit,
            null, cancellationToken);
        if (result.Queued is { } queued)
        {
            return TypedResults.Accepted($"{RunsPath}/{queued.Id}", BillingRunResponse.From(queued, now));
        }
        if (result.Finalized)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "This period is finalized.",
                detail: $"{month} is final and cannot be billed again; readings that arrive for it now become " +
                    "adjustments in the next month's run.");
        }
        var active = result.Active;
        return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
            title: "A billing run of this period is already in progress.",
            detail: active is null
                ? $"A run of {month} was in progress and has just finished; ask again."
                : $"Billing run '{active.Id}' of {month} is {active.Status.ToApiName()}; wait for it to finish.",
            extensions: new Dictionary<string, object?> { ["runId"] = active?.Id });
    }

    public static async Task<Results<Ok<PagedResult<BillingRunResponse>>, ValidationProblem>> ListRuns(
        [AsParameters] PageParameters parameters, BillingRunStore runs, IOrganizationContext organization,
        TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!EndpointConventions.TryParsePage(parameters.Page, parameters.PageSize, out var page, out var invalid))
        {
            return invalid;
        }
        var result = await runs.ListAsync(organization.OrgId, page, cancellationToken);
        var now = timeProvider.GetUtcNow();
        return TypedResults.Ok(result.Select(run => BillingRunResponse.From(run, now)));
    }

    public static async Task<Results<Ok<BillingRunResponse>, ProblemHttpResult>> GetRun(
        Guid id, BillingRunStore runs, IOrganizationContext organization, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(organization.OrgId, id, cancellationToken);
        return run is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Billing run not found.",
                detail: $"There is no billing run '{id}' in this organization.")
            : TypedResults.Ok(BillingRunResponse.From(run, timeProvider.GetUtcNow()));
    }

    public static async Task<Results<Ok<PagedResult<BillingPeriodResponse>>, ValidationProblem>> ListPeriods(
        [AsParameters] PageParameters parameters, [AsParameters] BillingPeriodListParameters range,
        BillingReadingStore readings, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (from, to) = QueryValues.ParseDayRange(range.From, range.To, errors);
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var result = await readings.ListPeriodsAsync(caller.OrgId, caller.ClientScope, from, to, page,
            cancellationToken);
        return TypedResults.Ok(result.Select(BillingPeriodResponse.From));
    }

    public static async Task<Results<Ok<PagedResult<ClientBillingResponse>>, ValidationProblem>> ListClients(
        string period, [AsParameters] BillingClientListParameters parameters, BillingReadingStore readings,
        IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var month = BillingMonth.Parse(period, "period", errors);
        var search = QueryValues.ParseText(parameters.Search, "search", BucketListQuery.MaxSearchLength, errors);
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors);
        if (month is null || errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var result = await readings.ListClientsAsync(caller.OrgId, caller.ClientScope, month, search, page,
            cancellationToken);
        return TypedResults.Ok(result.Select(ClientBillingResponse.From));
    }

    public static async Task<Results<Ok<BillingFinalizedResponse>, ValidationProblem, ProblemHttpResult>> FinalizePeriod(
        string period, BillingReadingStore readings, IActorContext caller, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (BillingMonth.Parse(period, "period", errors) is not { } month)
        {
            return TypedResults.ValidationProblem(errors, title: "The period is not valid.");
        }
        var result = await readings.FinalizeAsync(caller.OrgId, month, audit, null, cancellationToken);
        return result.Outcome switch
        {
            FinalizeOutcome.Finalized => TypedResults.Ok(new BillingFinalizedResponse(month.ToString(), result.Lines,
                result.FinalizedAt!.Value)),
            FinalizeOutcome.NothingToFinalize => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "No billing readings for this period.",
                detail: $"{month} has no billing lines to finalize: run billing for it first."),
            FinalizeOutcome.AlreadyFinal => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "This period is already finalized.",
                detail: $"{month}'s lines are final; late readings become adjustments in the next month's run."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "A billing run of this period is in progress.",
                detail: $"Billing run '{result.RunId}' of {month} has not finished; finalize after it.",
                extensions: new Dictionary<string, object?> { ["runId"] = result.RunId }),
        };
    }

    public static async Task<Results<Ok<PagedResult<BillingReadingResponse>>, ValidationProblem, ProblemHttpResult>>
        ListReadings([AsParameters] BillingReadingListParameters parameters, BillingReadingStore readings,
            ClientStore clients, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var month = BillingMonth.Parse(parameters.Period, "period", errors);
        var clientId = QueryValues.ParseGuid(parameters.ClientId, "clientId", errors);
        var page = PageRequest.Parse(parameters.Page, parameters.PageSize, errors);
        if (month is null || errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        if (clientId is { } id && !await clients.IsVisibleAsync(caller, id, cancellationToken))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Client not found.",
                detail: $"There is no client '{id}' in this organization.");
        }
        var result = await readings.ListLinesAsync(caller.OrgId, caller.ClientScope, month, clientId, page,
            cancellationToken);
        return TypedResults.Ok(result.Select(BillingReadingResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(
        [AsParameters] BillingExportParameters parameters, BillingReadingStore readings, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var month = string.IsNullOrEmpty(parameters.Period)
            ? await readings.LatestMonthAsync(caller.OrgId, caller.ClientScope, cancellationToken)
            : BillingMonth.Parse(parameters.Period, "period", errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var lines = month is null
            ? []
            : await readings.ExportLinesAsync(caller.OrgId, caller.ClientScope, month, cancellationToken);
        if (month is null || lines.Count == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No billing readings.",
                detail: month is null
                    ? "No billing run has loaded any billing readings yet."
                    : $"{month} has no billing readings; run billing for it first.");
        }
        var file = BillingCsv.Export(month, lines);
        return TypedResults.File(file.Content, file.ContentType, file.FileName);
    }

    public static async Task<Results<Ok<BucketBillingHistoryResponse>, ValidationProblem, ProblemHttpResult>>
        GetHistory(Guid id, [AsParameters] BillingHistoryParameters parameters, BillingReadingStore readings,
            IActorContext caller, CancellationToken cancellationToken)
    {
        if (parameters.Months is < 1 or > MaxHistoryMonths)
        {
            return EndpointConventions.InvalidListQuery(new Dictionary<string, string[]>
            {
                ["months"] = [$"months must be between 1 and {MaxHistoryMonths}."],
            });
        }
        // The bucket's own row says whether the caller sees it: its live usage is not needed here.
        if (await readings.HistoryAsync(caller.OrgId, caller.ClientScope, id,
            parameters.Months ?? DefaultHistoryMonths, cancellationToken) is not { } history)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Bucket not found.",
                detail: $"There is no bucket '{id}' in this organization.");
        }
        return TypedResults.Ok(new BucketBillingHistoryResponse(id, history.Currency,
            history.Months.Select(BucketBillingMonthResponse.From).ToList()));
    }

    public static async Task<Ok<BillingSettingsResponse>> GetSettings(BillingSettingsStore settings,
        IOrganizationContext organization, CancellationToken cancellationToken) =>
        TypedResults.Ok(BillingSettingsResponse.From(await settings.GetAsync(organization.OrgId, cancellationToken)));

    public static async Task<Results<Ok<BillingSettingsResponse>, ValidationProblem>> SaveSettings(
        BillingSettingsFields request, BillingSettingsStore settings, IActorContext caller, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = BillingSettings.Create(request.Schedule, request.ScheduleEnabled, errors);
        if (valid is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The billing settings are not valid.");
        }
        var saved = await settings.SaveAsync(caller.OrgId, valid, caller.ActorId, audit, cancellationToken);
        return TypedResults.Ok(BillingSettingsResponse.From(saved));
    }
}
