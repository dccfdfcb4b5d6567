using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Projection.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace BillingOne.Projection.Apis;

/// <summary>Rebuilding the organization's read models from the projection's event log, as a job with progress.</summary>
public static class RebuildApi
{
    private const string RebuildsPath = "/api/projection/rebuilds";

    public static IEndpointRouteBuilder MapRebuildApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/projection/rebuild", Rebuild)
            .WithTags("Read models")
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("RebuildReadModels")
            .WithSummary("Rebuild the read models from the event log")
            .WithDescription("Queues a rebuild: the worker empties the organization's read models (clients, invoices, " +
                "MRR history, bucket usage) and replays every event the projection logged for it, in the order " +
                "received, then projects the buckets' current periods, in one transaction; events arriving meanwhile " +
                "are applied after it. Answers 202 with the rebuild, whose " +
                "`Location` shows its progress (events replayed of the total); 409 naming the rebuild already queued " +
                "or running. Audited.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet(RebuildsPath + "/{id:guid}", GetRebuild)
            .WithTags("Read models")
            .RequireAuthorization(Policies.Admin)
            .OrganizationWideOnly()
            .WithName("GetReadModelRebuild")
            .WithSummary("A rebuild's status and progress")
            .WithDescription("`status` queued, running, completed or failed; `eventsReplayed` of `eventsTotal` while it " +
                "runs; `clients` once completed; `error` once failed (a failed rebuild changed nothing).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Accepted<RebuildResponse>, ProblemHttpResult>> Rebuild(RebuildJobStore rebuilds,
        NpgsqlDataSource dataSource, IAuditTrail audit, IActorContext caller, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var request = await rebuilds.RequestAsync(transaction, caller.OrgId, caller.ActorId, cancellationToken);
        if (!request.Created)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "A rebuild of the read models is already in progress.",
                detail: $"Rebuild '{request.Job.Id}' is {request.Job.Status}; follow it at {RebuildsPath}/{request.Job.Id}.",
                extensions: new Dictionary<string, object?> { ["rebuildId"] = request.Job.Id });
        }
        await audit.RecordAsync(transaction, AuditActions.Create, RebuildJobStore.AuditTable, request.Job.Id.ToString(),
            null, new { request.Job.Status }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Accepted($"{RebuildsPath}/{request.Job.Id}", RebuildResponse.From(request.Job));
    }

    public static async Task<Results<Ok<RebuildResponse>, ProblemHttpResult>> GetRebuild(Guid id, RebuildJobStore rebuilds,
        IActorContext caller, CancellationToken cancellationToken) =>
        await rebuilds.FindAsync(caller.OrgId, id, cancellationToken) is { } job
            ? TypedResults.Ok(RebuildResponse.From(job))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such rebuild.",
                detail: $"There is no rebuild '{id}' of this organization's read models.");
}
