using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.Hosting;

public static class RabbitMqOperationsExtensions
{
    /// <summary>Prefix of the queue properties on the broker's resource: one per queue, kept current.</summary>
    public const string QueuePropertyPrefix = "queue: ";
    public const string RedeliverCommand = "redeliver-errors";
    public const string QueueDepthsCommand = "queue-depths";

    /// <summary>
    /// The operator's RabbitMQ tools on the broker's resource: queue depths as resource properties (refreshed every
    /// few seconds) and as a command, and a command that sends <c>_error</c> messages back for another try.
    /// </summary>
    public static IResourceBuilder<T> WithQueueOperations<T>(this IResourceBuilder<T> rabbitMq, EndpointReference management)
        where T : IResourceWithConnectionString
    {
        RabbitMqOperator Operator(IServiceProvider services) =>
            new(rabbitMq.Resource, management, services.GetRequiredService<ILogger<RabbitMqOperator>>());

        rabbitMq.ApplicationBuilder.Services.AddHostedService(services =>
            new QueueDepthPublisher(rabbitMq.Resource, Operator(services),
                services.GetRequiredService<ResourceNotificationService>()));

        return rabbitMq
            .WithCommand(RedeliverCommand, "Redeliver _error messages", async context =>
            {
                var moved = await Operator(context.Services).RedeliverErrorsAsync(context.CancellationToken);
                return moved.Count == 0
                    ? CommandResults.Success("No _error queue holds messages.")
                    : CommandResults.Success(
                        $"Moved {moved.Sum(entry => entry.Moved)} messages back: " +
                        string.Join(", ", moved.Select(entry => $"{entry.ErrorQueue.Name} → {entry.ErrorQueue.SourceQueue} ({entry.Moved})")));
            }, new CommandOptions
            {
                Description = "Moves the messages of every MassTransit _error queue back to the queue they failed in.",
                ConfirmationMessage = "Send every message in the _error queues back for another try?",
                IconName = "ArrowRepeatAll",
                UpdateState = WhenHealthy,
            })
            .WithCommand(QueueDepthsCommand, "Queue depths", async context =>
            {
                var queues = await Operator(context.Services).QueuesAsync(context.CancellationToken);
                return CommandResults.Success($"{queues.Count} queues", QueueTable(queues), CommandResultFormat.Markdown);
            }, new CommandOptions
            {
                Description = "Messages ready and unacknowledged, consumers and rates of every queue.",
                IconName = "TextBulletListSquare",
                UpdateState = WhenHealthy,
            });
    }

    public static string QueueTable(IEnumerable<QueueSummary> queues)
    {
        var table = new StringBuilder()
            .AppendLine("| vhost | queue | ready | unacked | consumers | publish/s | deliver/s |")
            .AppendLine("|---|---|---:|---:|---:|---:|---:|");
        foreach (var queue in queues)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {queue.VirtualHost} | {queue.Name} | {queue.Ready} | {queue.Unacknowledged} | " +
                $"{queue.Consumers} | {queue.PublishRate:0.#} | {queue.DeliverRate:0.#} |");
        }
        return table.ToString();
    }

    private static ResourceCommandState WhenHealthy(UpdateCommandStateContext context) =>
        context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy ? ResourceCommandState.Enabled : ResourceCommandState.Disabled;

    /// <summary>Publishes every queue's depth as a property of the broker's resource while it is healthy.</summary>
    private sealed class QueueDepthPublisher(
        IResourceWithConnectionString rabbitMq, RabbitMqOperator rabbitMqOperator, ResourceNotificationService notifications)
        : BackgroundService
    {
        private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await notifications.WaitForResourceHealthyAsync(rabbitMq.Name, stoppingToken);
            using var timer = new PeriodicTimer(Interval);
            do
            {
                try
                {
                    var queues = await rabbitMqOperator.QueuesAsync(stoppingToken);
                    await notifications.PublishUpdateAsync(rabbitMq, snapshot => snapshot with
                    {
                        Properties =
                        [
                            .. snapshot.Properties.Where(property => !property.Name.StartsWith(QueuePropertyPrefix, StringComparison.Ordinal)),
                            .. queues.Select(queue => new ResourcePropertySnapshot(
                                QueuePropertyPrefix + (queue.VirtualHost == "/" ? queue.Name : $"{queue.VirtualHost}/{queue.Name}"),
                                $"{queue.Ready} ready, {queue.Unacknowledged} unacked, {queue.Consumers} consumers")),
                        ],
                    });
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException
                                                      or System.Text.Json.JsonException && !stoppingToken.IsCancellationRequested)
                {
                    // The broker restarts or is busy: the next tick tries again.
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
    }
}
