using System.Text.Json;
using BillingOne.Sandbox.Domain;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox world advanced {Steps} step(s) to step {Step}")]
    private static partial void LogAdvanced(ILogger logger, int steps, int step);
}
