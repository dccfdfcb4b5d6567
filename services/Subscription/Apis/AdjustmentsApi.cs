using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Licensing;
using BillingOne.Subscription.Integrations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// Licence adjustments: propose the Pax8 quantity that removes a client's device variance, approve it (as proposed or
/// edited; one at a time or in bulk) and it is sent to Pax8 at once, retry one that failed. Approving records the
/// intent before Pax8 is called and the outcome after, so every adjustment ends applied or failed with a reason.
/// A started change runs to its outcome even when the caller stops waiting (the connector's total timeout bounds it):
/// cutting it off would leave the row applying with no reason.
/// </summary>
public static class AdjustmentsApi
{
    private const string BasePath = "/api/subscription/adjustments";
    public const int MaxBulk = PageRequest.MaxPageSize;

    public static IEndpointRouteBuilder MapAdjustmentsApi(this IEndpointRouteBuilder app)
    {
        var adjustments = app.MapGroup(BasePath).WithTags("Licence adjustments");

        adjustments.MapList(ListAdjustments, "ListLicenceAdjustments", "List licence adjustments",
            "Newest proposal first; `clientId` and `state` (proposed, applying, applied, failed; comma-separated) narrow it.");
        adjustments.MapGet("/export", ExportAdjustments)
            .RequireAuthorization(Policies.Read)
            .WithName("ExportLicenceAdjustments")
            .WithSummary("Export licence adjustments as CSV")
            .WithDescription("Every adjustment the list's filters select (`clientId`, `state`), newest first, as text/csv.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFiles.ContentType)
            .ProducesValidationProblem();
        adjustments.MapItem(GetAdjustment, "GetLicenceAdjustment", "Get a licence adjustment");

        adjustments.MapPost("/", ProposeAdjustment)
            .RequireAuthorization(Policies.Billing)
            .WithName("ProposeLicenceAdjustment")
            .WithSummary("Propose the Pax8 quantity that removes a client's device variance")
            .WithDescription("The variance is `devices` − the client's active per-device licences of `productId` (a " +
                "covering product, compared with the devices it covers); without it, of every per-device product. One subscription " +
                "changes: monthly before longer terms, then the largest; shrinking only touches monthly ones and never " +
                "below 1. Replaces a proposal (or failure) of the same subscription; 409 while one is being applied, " +
                "422 when there is nothing to change.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesJsonBodyProblems();

        adjustments.MapPost("/{id:guid}/approve", ApproveAdjustment)
            .RequireAuthorization(Policies.Billing)
            .WithName("ApproveLicenceAdjustment")
            .WithSummary("Approve a proposal (optionally with another quantity) and send it to Pax8")
            .WithDescription("Answers the adjustment applied, or failed with the reason (retry it). 409 unless proposed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesJsonBodyProblems();

        adjustments.MapPost("/approve", ApproveAdjustments)
            .RequireAuthorization(Policies.Billing)
            .WithName("ApproveLicenceAdjustments")
            .WithSummary("Approve proposals in bulk, each sent to Pax8, with a result per row")
            .WithDescription($"`ids` (at most {MaxBulk}), or without them every proposal (of `clientId`), oldest " +
                "first. A row that fails (e.g. Pax8 down for it) does not stop the others.")
            .ProducesValidationProblem()
            .ProducesJsonBodyProblems();

        adjustments.MapPost("/{id:guid}/dismiss", DismissAdjustment)
            .RequireAuthorization(Policies.Billing)
            .WithName("DismissLicenceAdjustment")
            .WithSummary("Decide against a proposal or a failed change")
            .WithDescription("Nothing is sent to Pax8; the row is kept as dismissed and the subscription may be proposed " +
                "again. 409 unless proposed or failed.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        adjustments.MapPost("/{id:guid}/retry", RetryAdjustment)
            .RequireAuthorization(Policies.Billing)
            .WithName("RetryLicenceAdjustment")
            .WithSummary("Send a failed (or interrupted) adjustment to Pax8 again")
            .WithDescription("Pax8 is read first: a change that already went through completes without a second update. " +
                "409 unless failed or applying.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static async Task<Results<Ok<PagedResult<AdjustmentResponse>>, ValidationProblem>> ListAdjustments(
        [AsParameters] AdjustmentListParameters parameters, [AsParameters] PageParameters paging,
        LicenceAdjustmentStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (clientId, states) = parameters.Parse(errors);
        var page = PageRequest.Parse(paging.Page, paging.PageSize, errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var listed = await store.ListAsync(caller.OrgId, caller.ClientScope, clientId, states, page, cancellationToken);
        return TypedResults.Ok(listed.Select(AdjustmentResponse.From));
    }

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> ExportAdjustments(
        [AsParameters] AdjustmentListParameters parameters, LicenceAdjustmentStore store, IActorContext caller,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (clientId, states) = parameters.Parse(errors);
        if (errors.Count > 0)
        {
            return EndpointConventions.InvalidListQuery(errors);
        }
        var adjustments = await store.ExportAsync(caller.OrgId, caller.ClientScope, clientId, states, cancellationToken);
        return TypedResults.File(AdjustmentCsv.Write(adjustments.Select(AdjustmentResponse.From)), CsvFiles.ContentType,
            $"licence-adjustments-{clock.GetUtcNow():yyyy-MM-dd}.csv");
    }

    public static async Task<Results<Ok<AdjustmentResponse>, ProblemHttpResult>> DismissAdjustment(Guid id,
        LicenceAdjustmentStore store, IActorContext caller, CancellationToken cancellationToken)
    {
        var (outcome, adjustment) = await store.DismissAsync(caller.OrgId, caller.ClientScope, id, cancellationToken);
        return outcome switch
        {
            Dismissal.Dismissed => TypedResults.Ok(AdjustmentResponse.From(adjustment!)),
            Dismissal.NotFound => NotFound(id),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not in that state.",
                detail: $"The adjustment is {adjustment!.State}; only a proposed or failed one can be dismissed."),
        };
    }

    public static async Task<Results<Ok<AdjustmentResponse>, ProblemHttpResult>> GetAdjustment(Guid id,
        LicenceAdjustmentStore store, IActorContext caller, CancellationToken cancellationToken) =>
        await store.FindAsync(caller.OrgId, caller.ClientScope, id, cancellationToken) is { } adjustment
            ? TypedResults.Ok(AdjustmentResponse.From(adjustment))
            : NotFound(id);

    public static async Task<Results<Created<ProposalResponse>, ValidationProblem, ProblemHttpResult>> ProposeAdjustment(
        ProposeAdjustmentRequest request, LicenceAdjustmentStore store, IActorContext caller,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.ClientId is null)
        {
            errors["clientId"] = ["clientId is required."];
        }
        if (request.Devices is not (>= 0 and <= LicenceAdjustmentStates.MaxQuantity))
        {
            errors["devices"] = [$"devices is required, between 0 and {LicenceAdjustmentStates.MaxQuantity}."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The proposal is not valid.");
        }
        var clientId = request.ClientId!.Value;
        var (outcome, adjustment, remaining) = await store.ProposeAsync(caller.OrgId, caller.ClientScope, clientId,
            request.ProductId, request.Devices!.Value, caller.Name, cancellationToken);
        return outcome switch
        {
            ProposalOutcome.Proposed => TypedResults.Created($"{BasePath}/{adjustment!.Id}",
                new ProposalResponse(AdjustmentResponse.From(adjustment), remaining)),
            ProposalOutcome.ClientNotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Client not found.", detail: $"There is no client '{clientId}' in this organization."),
            ProposalOutcome.InProgress => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "An adjustment is being applied.",
                detail: "The subscription this proposal would change has an adjustment being applied; wait for it or retry it."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to adjust.",
                detail: "The client's device licences already match, or no active monthly per-device subscription can change."),
        };
    }

    public static async Task<Results<Ok<AdjustmentResponse>, ValidationProblem, ProblemHttpResult>> ApproveAdjustment(
        Guid id, ApproveAdjustmentRequest? request, LicenceAdjustmentStore store, LicenceAdjustmentApplier applier,
        IActorContext caller, CancellationToken cancellationToken)
    {
        if (request?.Quantity is not (null or (>= 0 and <= LicenceAdjustmentStates.MaxQuantity)))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["quantity"] = [$"quantity must be between 0 and {LicenceAdjustmentStates.MaxQuantity}, or omitted for the proposal."],
            }, title: "The approval is not valid.");
        }
        return await StartAndApplyAsync(id, request?.Quantity, [LicenceAdjustmentStates.Proposed], AuditActions.Update,
            store, applier, caller, cancellationToken);
    }

    public static Task<Results<Ok<AdjustmentResponse>, ValidationProblem, ProblemHttpResult>> RetryAdjustment(Guid id,
        LicenceAdjustmentStore store, LicenceAdjustmentApplier applier, IActorContext caller,
        CancellationToken cancellationToken) =>
        StartAndApplyAsync(id, null, LicenceAdjustmentStates.Retryable, AuditActions.Retry, store, applier, caller,
            cancellationToken);

    public static async Task<Results<Ok<BulkApproveResponse>, ValidationProblem>> ApproveAdjustments(
        BulkApproveRequest request, LicenceAdjustmentStore store, LicenceAdjustmentApplier applier, IActorContext caller,
        CancellationToken cancellationToken)
    {
        if (request.Ids is { Count: > MaxBulk })
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["ids"] = [$"ids holds at most {MaxBulk} adjustments."],
            }, title: "The approval is not valid.");
        }
        var ids = request.Ids is { } listed
            ? listed.Distinct().ToList()
            : await store.ProposedIdsAsync(caller.OrgId, caller.ClientScope, request.ClientId, MaxBulk, cancellationToken);
        var results = new List<BulkApproveRowResult>(ids.Count);
        foreach (var id in ids)
        {
            var (start, adjustment) = await store.StartApplyingAsync(caller.OrgId, caller.ClientScope, id, null,
                [LicenceAdjustmentStates.Proposed], AuditActions.Update, caller.Name, cancellationToken);
            results.Add(start switch
            {
                ApplyStart.Started => RowResult(await applier.ApplyAsync(adjustment!, caller.ClientScope, CancellationToken.None)),
                ApplyStart.NotFound => new BulkApproveRowResult(id, null, null, "There is no such adjustment."),
                _ => new BulkApproveRowResult(id, adjustment!.State, adjustment.QuantityAfter,
                    $"It is {adjustment.State}, not proposed."),
            });
        }
        return TypedResults.Ok(new BulkApproveResponse(results,
            results.Count(result => result.State == LicenceAdjustmentStates.Applied && result.Error is null),
            results.Count(result => result.State == LicenceAdjustmentStates.Failed)));
    }

    private static BulkApproveRowResult RowResult(LicenceAdjustment adjustment) =>
        new(adjustment.Id, adjustment.State, adjustment.QuantityAfter, adjustment.Error);

    private static async Task<Results<Ok<AdjustmentResponse>, ValidationProblem, ProblemHttpResult>> StartAndApplyAsync(
        Guid id, int? quantity, IReadOnlyList<string> from, string action, LicenceAdjustmentStore store,
        LicenceAdjustmentApplier applier, IActorContext caller, CancellationToken cancellationToken)
    {
        var (start, adjustment) = await store.StartApplyingAsync(caller.OrgId, caller.ClientScope, id, quantity, from,
            action, caller.Name, cancellationToken);
        return start switch
        {
            ApplyStart.Started => TypedResults.Ok(AdjustmentResponse.From(
                await applier.ApplyAsync(adjustment!, caller.ClientScope, CancellationToken.None))),
            ApplyStart.NotFound => NotFound(id),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not in that state.",
                detail: $"The adjustment is {adjustment!.State}; this needs it {string.Join(" or ", from)}."),
        };
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
        title: "Adjustment not found.", detail: $"There is no licence adjustment '{id}' in this organization.");
}
