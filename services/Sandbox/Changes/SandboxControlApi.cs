using System.Text.Json;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Faults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingOne.Sandbox.Changes;

/// <summary>
/// The sandbox's own endpoints under <c>/sandbox</c>, for demos and tests rather than connectors: no vendor token, no
/// rate limit, no injected faults.
/// </summary>
public static partial class SandboxControlApi
{
    public const int MaxStepsPerRequest = 100;

    public sealed record ChangeRequest(int? Steps);

    public sealed record ChangeState(int Step, DateTimeOffset At);

    public static IEndpointRouteBuilder MapSandboxControlApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox").AllowAnonymous();
        group.MapGet("/changes", (SandboxWorld world) =>
        {
            var current = world.Current;
            return TypedResults.Ok(new ChangeState(current.Step, world.TimeOf(current)));
        });
        group.MapPost("/changes", ApplyChangesAsync);
        group.MapPost("/additions", AddToWorldAsync);
        // Every update of the subscription answers 503 until the fault is removed (see Pax8UpdateFaults).
        group.MapPut("/faults/pax8-subscription-updates/{subscriptionId:guid}", (Guid subscriptionId, Pax8UpdateFaults faults) =>
        {
            faults.Set(subscriptionId, fail: true);
            return TypedResults.NoContent();
        });
        group.MapDelete("/faults/pax8-subscription-updates/{subscriptionId:guid}", (Guid subscriptionId, Pax8UpdateFaults faults) =>
        {
            faults.Set(subscriptionId, fail: false);
            return TypedResults.NoContent();
        });
        group.MapGet("/billingone-clients", (SandboxWorld world) =>
            TypedResults.Ok(BillingOneClientList.Select(world.Seed, world.Current.Rmm.Clients)));
        return app;
    }

    /// <summary>The body is optional: none, or one without <c>steps</c>, applies one step.</summary>
    private static async Task<Results<Ok<WorldChangeReport>, ProblemHttpResult>> ApplyChangesAsync(
        HttpRequest request, SandboxWorld world, ILoggerFactory loggers)
    {
        ChangeRequest? body = null;
        if (request.HasJsonContentType())
        {
            try
            {
                body = await request.ReadFromJsonAsync<ChangeRequest>(request.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                return TypedResults.Problem("The body must be a JSON object such as {\"steps\": 1}.",
                    statusCode: StatusCodes.Status400BadRequest, title: "Invalid change request");
            }
        }
        var steps = body?.Steps ?? 1;
        if (steps is < 1 or > MaxStepsPerRequest)
        {
            return TypedResults.Problem($"steps must be between 1 and {MaxStepsPerRequest}; it was {steps}.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid change request");
        }
        var report = world.Advance(steps);
        LogAdvanced(loggers.CreateLogger(typeof(SandboxControlApi)), steps, report.Step);
        return TypedResults.Ok(report);
    }

    /// <summary>A hand-computed dataset for a test or a demo: answered with the ids the vendors' APIs give it.</summary>
    private static async Task<Results<Ok<WorldAdditionResult>, ProblemHttpResult, ValidationProblem>> AddToWorldAsync(
        HttpRequest request, SandboxWorld world, ILoggerFactory loggers)
    {
        WorldAdditionRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<WorldAdditionRequest>(request.HttpContext.RequestAborted);
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException)
        {
            return TypedResults.Problem("The body must be a JSON object with rmmOrganizations, pax8Companies, pax8Products and pax8Subscriptions.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid additions");
        }
        if (body is null)
        {
            return TypedResults.Problem("The body must be a JSON object, not null.",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid additions");
        }
        var errors = body.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid additions");
        }
        var added = world.Add(body);
        LogAdded(loggers.CreateLogger(typeof(SandboxControlApi)), added.RmmOrganizations.Count,
            added.Pax8Companies.Count, added.Pax8Subscriptions.Count);
        return TypedResults.Ok(added);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox world extended by {Organizations} RMM organization(s), {Companies} Pax8 company(ies) and {Subscriptions} subscription(s)")]
    private static partial void LogAdded(ILogger logger, int organizations, int companies, int subscriptions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox world advanced {Steps} step(s) to step {Step}")]
    private static partial void LogAdvanced(ILogger logger, int steps, int step);
}
