using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Consumers;
using BillingOne.Ingestion.Data;
using BillingOne.Ingestion.Domain;
using BillingOne.Ingestion.Grpc;
using BillingOne.Ingestion.Transport;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace BillingOne.Ingestion.Extensions;

public static class Extensions
{
    public const string ServiceName = "ingestion";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly,
            bus =>
            {
                bus.AddConsumer<UnitTypeChangedConsumer>();
                bus.AddConsumer<AssetDiscoveredConsumer>();
                bus.AddConsumer<AssetClientChangedConsumer>();
            });
        builder.Services.TryAddSingleton(TimeProvider.System);
        var limits = builder.Configuration.GetSection(IngestLimits.SectionName).Get<IngestLimits>() ?? new IngestLimits();
        builder.Services.AddSingleton(limits);
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<SuppressionRuleStore>();
        builder.Services.AddSingleton<UnitTypeKeyStore>();
        builder.Services.AddSingleton<AssetClientStore>();
        builder.Services.AddSingleton<IngestBatchReader>();
        // Scoped: key changes are audited as the request's caller.
        builder.Services.AddScoped<WebhookEndpointStore>();
        builder.Services.AddSingleton<WebhookReceiptStore>();
        builder.AddRetentionPurge<WebhookReceiptPurge>();
        builder.Services.AddDatabaseDataProtection(typeof(Extensions).Assembly.GetName().Name!);
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(IngestBackpressureOptions.SectionName)
            .Get<IngestBackpressureOptions>() ?? new IngestBackpressureOptions());
        builder.Services.AddSingleton<MeteringBacklog>();
        builder.Services.AddSingleton<OutboxBacklogStore>();
        builder.Services.TryAddSingleton<IMeteringQueueDepth, RabbitMqQueueDepth>();
        builder.Services.AddHostedService<MeteringBacklogSampler>();
        builder.Services.AddHealthChecks().AddCheck<MeteringBacklogHealthCheck>(MeteringBacklogHealthCheck.Name);
        builder.Services.AddScoped<ReadingIngestPipeline>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(IngestMetrics.MeterName));
        // Partners stream usage readings over gRPC; one message may carry as much as one HTTP ingest body.
        builder.AddGrpcServices();
        builder.Services.AddGrpc().AddServiceOptions<UsageIngestionService>(grpc =>
            grpc.MaxReceiveMessageSize = limits.MaxBodyBytes);
    }
}
