using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.RabbitMq;
using BillingOne.AppHost.Resources;
using BillingOne.AppHost.Supervision;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using RabbitMQ.Client.Exceptions;

namespace BillingOne.AppHost.Dashboard;

/// <summary>The operator dashboard: HTML pages for people, <c>/api/*</c> JSON for scripts and tests.</summary>
public static class DashboardEndpoints
{
    private const int DefaultLogTail = 500;

    public sealed record RedeliveryRequest(string VirtualHost, string Queue);

    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.UseAntiforgery();

        app.MapGet("/", async (string? notice, HttpContext context, AppHostPlan plan, ResourceRegistry registry,
            RabbitMqManagementClient management, FailureLog failures, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            var queues = await management.GetQueuesAsync(context.RequestAborted);
            return Results.Content(DashboardPages.Overview(
                plan, Snapshots(registry), queues, failures.Latest(),
                new DashboardPages.AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!), notice), "text/html; charset=utf-8");
        });

        app.MapGet("/resources/{name}/logs", (string name, ResourceRegistry registry) =>
            registry.Find(name) is { } resource
                ? Results.Content(DashboardPages.Log(resource.Snapshot(), resource.Output.Latest()), "text/html; charset=utf-8")
                : UnknownResource(name));

        app.MapPost("/queues/redeliver", async ([FromForm] string virtualHost, [FromForm] string queue,
            ErrorQueueRedelivery redelivery, CancellationToken cancellationToken) =>
        {
            var notice = await RedeliverAsync(redelivery, virtualHost, queue, cancellationToken) switch
            {
                { Result: { } result } => $"Moved {result.Moved} message(s) from {result.ErrorQueue} back to {result.SourceQueue}.",
                { Error: var error } => $"Nothing moved: {error}",
            };
            return Results.Redirect($"/?notice={Uri.EscapeDataString(notice)}");
        });

        var api = app.MapGroup("/api");
        api.MapGet("/resources", (ResourceRegistry registry) => Snapshots(registry));
        api.MapGet("/resources/{name}/logs", (string name, int? tail, ResourceRegistry registry) =>
            registry.Find(name) is { } resource
                ? Results.Ok(resource.Output.Latest(Math.Clamp(tail ?? DefaultLogTail, 1, resource.Output.Capacity)))
                : UnknownResource(name));
        api.MapGet("/queues", async (RabbitMqManagementClient management, CancellationToken cancellationToken) =>
            await management.GetQueuesAsync(cancellationToken));
        api.MapGet("/failures", (FailureLog failures) => failures.Latest());
        api.MapPost("/queues/redeliver", async (RedeliveryRequest request, ErrorQueueRedelivery redelivery,
            CancellationToken cancellationToken) =>
            await RedeliverAsync(redelivery, request.VirtualHost, request.Queue, cancellationToken) switch
            {
                { Result: { } result } => Results.Ok(result),
                { Error: var error, StatusCode: var status } => Results.Problem(
                    title: "The messages could not be redelivered.", detail: error, statusCode: status),
            });
        return app;
    }

    private static IReadOnlyList<ResourceSnapshot> Snapshots(ResourceRegistry registry) =>
        [.. registry.All().Select(resource => resource.Snapshot())];

    private static IResult UnknownResource(string name) =>
        Results.Problem(title: "Unknown resource.", detail: $"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound);

    private sealed record RedeliveryOutcome(RedeliveryResult? Result, string? Error, int StatusCode);

    /// <summary>Bad input and broker refusals become a message for the operator, not an error page.</summary>
    private static async Task<RedeliveryOutcome> RedeliverAsync(
        ErrorQueueRedelivery redelivery, string virtualHost, string queue, CancellationToken cancellationToken)
    {
        try
        {
            var result = await redelivery.RedeliverAsync(virtualHost, queue, cancellationToken);
            return new RedeliveryOutcome(result, null, StatusCodes.Status200OK);
        }
        catch (ArgumentException exception)
        {
            return new RedeliveryOutcome(null, exception.Message, StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException exception)
        {
            return new RedeliveryOutcome(null, exception.Message, StatusCodes.Status409Conflict);
        }
        catch (Exception exception) when (exception is BrokerUnreachableException or OperationInterruptedException)
        {
            return new RedeliveryOutcome(null, exception.Message, StatusCodes.Status503ServiceUnavailable);
        }
    }
}
