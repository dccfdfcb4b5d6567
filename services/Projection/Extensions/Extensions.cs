using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Projection.Consumers;
using BillingOne.Projection.Data;
using BillingOne.Projection.Grpc;
using BillingOne.Projection.Projections;
using BillingOne.Projection.Scheduling;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Projection.Extensions;

public static class Extensions
{
    public const string ServiceName = "projection";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly, bus =>
        {
            bus.AddConsumer<ClientUpsertedConsumer>();
            bus.AddConsumer<ClientLicensesChangedConsumer>();
            bus.AddConsumer<UnmappedSubscriptionsChangedConsumer>();
            bus.AddConsumer<ClientReconciledConsumer>();
            bus.AddConsumer<InvoiceUpsertedConsumer>();
            bus.AddConsumer<AuditEntryRecordedConsumer>();
            bus.AddConsumer<BucketUsageObservedConsumer>();
            bus.AddConsumer<BucketRemovedConsumer>();
            bus.AddConsumer<BillingRunCompletedConsumer>();
            bus.AddConsumer<ClientBillingFinalizedConsumer>();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ProjectionEventLog>();
        builder.Services.AddSingleton<UsageBacktestErrors>();
        AddApplier<ClientUpsertedApplier>(builder.Services);
        AddApplier<ClientLicensesChangedApplier>(builder.Services);
        AddApplier<UnmappedSubscriptionsChangedApplier>(builder.Services);
        AddApplier<ClientReconciledApplier>(builder.Services);
        AddApplier<InvoiceUpsertedApplier>(builder.Services);
        AddApplier<BucketUsageObservedApplier>(builder.Services);
        AddApplier<BucketRemovedApplier>(builder.Services);
        AddApplier<BillingRunCompletedApplier>(builder.Services);
        AddApplier<ClientBillingFinalizedApplier>(builder.Services);
        builder.Services.AddSingleton<UsageProjectionCalculator>();
        builder.Services.AddSingleton<UsageProjectionStore>();
        builder.Services.AddSingleton<OverUnderStore>();
        builder.Services.AddSingleton<UsageDashboardStore>();
        builder.Services.AddSingleton<UsageProjectionScheduler>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<UsageProjectionScheduler>());
        // Scoped, as the audit trail it writes to; the worker runs each rebuild in a scope of its own.
        builder.Services.AddScoped<ProjectionRebuilder>();
        builder.Services.AddSingleton<RebuildJobStore>();
        builder.Services.AddHostedService<RebuildWorker>();
        builder.Services.AddSingleton<ClientSnapshotStore>();
        builder.Services.AddSingleton<DashboardStore>();
        builder.Services.AddSingleton<AuditEntryStore>();
        builder.Services.AddSingleton<ReportStore>();
        builder.Services.AddSingleton<InvoiceCopyStore>();
        builder.Services.AddSingleton<PartnerWatchEventStore>();
        // Partners read clients, snapshots and invoices and watch billing events over gRPC (docs/partner-api.md).
        builder.AddGrpcServices();
    }

    /// <summary>One instance serves its consumer and, among all appliers, the rebuild.</summary>
    private static void AddApplier<TApplier>(IServiceCollection services) where TApplier : class, IEventApplier
    {
        services.AddSingleton<TApplier>();
        services.AddSingleton<IEventApplier>(provider => provider.GetRequiredService<TApplier>());
    }
}
