using BillingOne.BuildingBlocks.Retention;
using BillingOne.Contracts.Events;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Messaging;

public static class MessagingExtensions
{
    public const string ConnectionName = "rabbitmq";

    /// <summary>The <c>/health</c> entry that reports whether RabbitMQ is reachable and every queue has a consumer.</summary>
    public const string BrokerHealthCheckName = "rabbitmq";

    /// <summary>
    /// MassTransit on RabbitMQ from <c>ConnectionStrings:rabbitmq</c> (an amqp:// URI): durable kebab-case
    /// endpoints, publisher confirms, <see cref="ConsumerRetryPolicy"/> (outages retried without limit, validation
    /// failures straight to <c>_error</c>), plus the Dapper outbox relay and inbox, and a readiness check asking the broker.
    /// Call after <c>AddServiceDatabase</c> so migrations run before the bus and the relay start.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(
        this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configureConsumers = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionName}' is missing: set ConnectionStrings__{ConnectionName}.");
        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>()
            ?? new MessagingOptions();
        var endpointPrefix = builder.Configuration["OTEL_SERVICE_NAME"] ?? builder.Environment.ApplicationName;

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(
                ServiceEndpointPrefix(endpointPrefix), includeNamespace: false));
            configureConsumers?.Invoke(bus);
            // Without MassTransit's default "ready" tag: the bus's own check repeats what its endpoints last reported
            // (one reconnecting reads Unhealthy while the broker answers), so it shows on /health, and readiness goes
            // by the rabbitmq check, which asks the broker.
            bus.ConfigureHealthCheckOptions(health => health.Tags.Add("masstransit"));

            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(new Uri(connectionString), host =>
                {
                    host.PublisherConfirmation = true;
                    BrokerReconnect.ConfigureHost(host);
                });
                BrokerReconnect.ApplyTo(rabbit);
                ConsumerRetryPolicy.ApplyTo(rabbit, options);
                // The ingest hot path's batches travel as protobuf, which every service can read; the rest stays JSON.
                var batches = new UsageReadingsAcceptedSerializerFactory();
                rabbit.AddSerializer(batches, isSerializer: false);
                rabbit.AddDeserializer(batches);
                rabbit.Send<UsageReadingsAccepted>(send => send.UseSerializer(batches.ContentType));
                if (options.QuorumQueues)
                {
                    rabbit.SetQuorumQueue();
                }
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(host =>
        {
            host.WaitUntilStarted = false;
            host.StopTimeout = TimeSpan.FromSeconds(15);
        });

        builder.Services.AddSingleton(provider => new BrokerHealthCheck(new Uri(connectionString),
            provider.GetRequiredService<IBusControl>(), endpointPrefix + " health"));
        builder.Services.AddHealthChecks().AddCheck<BrokerHealthCheck>(BrokerHealthCheckName,
            tags: [ServiceDefaultsExtensions.ReadinessTag]);

        builder.Services.Configure<OutboxRelayOptions>(builder.Configuration.GetSection(OutboxRelayOptions.Section));
        builder.Services.AddSingleton<IOutbox, PostgresOutbox>();
        builder.Services.AddSingleton<ConfirmedPublisher>();
        builder.Services.AddSingleton<IInbox, PostgresInbox>();
        builder.Services.AddSingleton<OutboxRelaySignal>();
        builder.Services.AddHostedService<OutboxRelay>();
        builder.AddRetentionPurge<InboxPurge>();
        builder.AddRetentionPurge<SentOutboxPurge>();
        return builder;
    }

    /// <summary>"projection" → "projection-" so every queue says which service owns it.</summary>
    private static string ServiceEndpointPrefix(string serviceName) =>
        serviceName.Replace('.', '-').ToLowerInvariant() + "-";
}
