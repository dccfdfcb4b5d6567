using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.Metering.Anomalies;
using BillingOne.Metering.BillingRuns;
using BillingOne.Metering.Consumers;
using BillingOne.Metering.Data;
using BillingOne.Metering.Grpc;
using BillingOne.Metering.Observations;
using BillingOne.Metering.Provisioning;
using BillingOne.Metering.Retention;
using BillingOne.Metering.Sightings;
using BillingOne.Metering.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Metering.Extensions;

public static class Extensions
{
    public const string ServiceName = "metering";

    /// <summary>
    /// Reading batches one process stores at once. Storing is mostly CPU, PostgreSQL's and the process's own: with the
    /// assets' sightings folded apart (Data/AssetSightingStore) batches no longer wait for each other's row locks, and 4
    /// stored as much as 2 on two cores (docs/benchmarks.md); more processes are the way to more throughput.
    /// </summary>
    public const string ConcurrentReadingBatchesSetting = "Metering:ConcurrentReadingBatches";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var concurrentReadingBatches = builder.Configuration.GetValue(ConcurrentReadingBatchesSetting, 2);
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly, bus =>
        {
            bus.AddConsumer<ClientUpsertedConsumer>();
            bus.AddConsumer<OrganizationChangedConsumer>();
            bus.AddConsumer<UsageReadingsAcceptedConsumer>((_, consumer) =>
                consumer.ConcurrentMessageLimit = concurrentReadingBatches);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<UnitTypeStore>();
        builder.Services.AddScoped<BucketStore>();
        builder.Services.AddSingleton<BucketQueries>();
        builder.Services.AddScoped<ProvisioningStore>();
        builder.Services.AddSingleton<ProvisioningRunStore>();
        builder.Services.AddSingleton<ProvisioningRunner>();
        builder.Services.AddOptions<AutoProvisioningOptions>()
            .Bind(builder.Configuration.GetSection(AutoProvisioningOptions.Section))
            .Validate(options => AutoProvisioningOptions.IsValidSchedule(options.Schedule),
                $"{AutoProvisioningOptions.Section}:Schedule must be a five-field cron expression (e.g. '0 2 * * *').")
            .ValidateOnStart();
        builder.Services.AddHostedService<ProvisioningScheduler>();
        builder.Services.AddScoped<AssetStore>();
        builder.Services.AddScoped<AssignmentRuleStore>();
        builder.Services.AddSingleton<ClientStore>();
        builder.Services.AddSingleton<OrganizationCopyStore>();
        builder.Services.AddSingleton<ReadingStore>();
        builder.Services.AddSingleton<MeteringMetrics>();
        builder.Services.AddSingleton<BillingRunStore>();
        builder.Services.AddSingleton<BillingReadingStore>();
        builder.Services.AddSingleton<UsageReadingStreamStore>();
        // Partners read billing lines and stream usage over gRPC (docs/partner-api.md).
        builder.AddGrpcServices();
        builder.Services.AddSingleton<BillingSettingsStore>();
        builder.Services.AddSingleton<BillingRunExecutor>();
        builder.Services.AddHostedService<BillingRunWorker>();
        builder.Services.AddOptions<BillingOptions>()
            .Bind(builder.Configuration.GetSection(BillingOptions.Section))
            .Validate(options => options.SchedulerInterval > TimeSpan.Zero,
                $"{BillingOptions.Section}:SchedulerInterval must be positive (e.g. '00:01:00').")
            .ValidateOnStart();
        builder.Services.AddHostedService<BillingScheduler>();
        builder.Services.AddSingleton<UsageObservationStore>();
        builder.Services.AddSingleton<UsageAnomalyStore>();
        builder.Services.AddSingleton<IngestExceptionStore>();
        builder.AddRetentionPurge<ReadingIdPurge>();
        builder.Services.AddOptions<UsageAnomalyOptions>()
            .Bind(builder.Configuration.GetSection(UsageAnomalyOptions.Section))
            .Validate(options => options.ScanInterval > TimeSpan.Zero && options.RescanInterval > TimeSpan.Zero,
                $"{UsageAnomalyOptions.Section}: ScanInterval and RescanInterval must be positive (e.g. '00:05:00').")
            .ValidateOnStart();
        builder.Services.AddHostedService<UsageAnomalyScanner>();
        builder.Services.AddOptions<ObservationOptions>()
            .Bind(builder.Configuration.GetSection(ObservationOptions.Section))
            .Validate(options => options.DebounceSeconds > 0 && options.BatchSize > 0
                    && options.ScheduleInterval > TimeSpan.Zero,
                $"{ObservationOptions.Section}: DebounceSeconds, BatchSize and ScheduleInterval must be positive.")
            .ValidateOnStart();
        builder.Services.AddHostedService<ObservationPublisher>();
        builder.Services.AddSingleton<ReadingRetentionStore>();
        builder.Services.AddOptions<ReadingRetentionOptions>()
            .Bind(builder.Configuration.GetSection(ReadingRetentionOptions.Section))
            .Validate(options => options.Interval > TimeSpan.Zero,
                $"{ReadingRetentionOptions.Section}:Interval must be positive (e.g. '1.00:00:00').")
            .ValidateOnStart();
        builder.Services.AddSingleton<RawReadingArchiver>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<RawReadingArchiver>());
        builder.Services.AddHostedService<ObservationScheduler>();
        builder.Services.AddSingleton<AssetSightingStore>();
        builder.Services.AddOptions<AssetSightingOptions>()
            .Bind(builder.Configuration.GetSection(AssetSightingOptions.Section))
            .Validate(options => options.Interval > TimeSpan.Zero,
                $"{AssetSightingOptions.Section}:Interval must be positive (e.g. '00:00:02').")
            .ValidateOnStart();
        builder.Services.AddSingleton<AssetSightingFolder>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<AssetSightingFolder>());
    }
}
