using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Connectors.Synergy;
using BillingOne.Reconciliation.Consumers;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Integrations;
using BillingOne.Reconciliation.Scheduling;

namespace BillingOne.Reconciliation.Extensions;

public static class Extensions
{
    public const string ServiceName = "reconciliation";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly,
            bus =>
            {
                bus.AddConsumer<ClientMappingChangedConsumer>();
                bus.AddConsumer<ClientUpsertedConsumer>();
                bus.AddConsumer<ClientLicensesChangedConsumer>();
                bus.AddConsumer<ClientBillingFinalizedConsumer>();
                bus.AddConsumer<InvoiceUpsertedConsumer>();
            });
        builder.Services.AddRmmConnectors();
        builder.Services.AddSingleton<DeviceSnapshotStore>();
        builder.Services.AddSingleton<ClientMappingStore>();
        builder.Services.AddSingleton<DeviceQueries>();
        builder.Services.AddSingleton<ClientStore>();
        builder.Services.AddSingleton<SynergyStore>();
        builder.Services.AddSingleton<SynergyQueries>();
        builder.Services.AddSingleton<ClientReconciler>();
        builder.Services.AddSingleton<ClientLicenseStore>();
        builder.Services.AddSingleton<BillingOverageStore>();
        builder.Services.AddSingleton<InvoiceStore>();
        builder.Services.AddSingleton<ReconciliationQueries>();
        builder.Services.AddSingleton<MissedBillingStore>();
        builder.Services.AddSingleton<SnapshotScheduleStore>();
        builder.Services.AddSingleton<SnapshotScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SnapshotScheduler>());
        SynergyConnectorFactory.Register(builder.Services);
        builder.Services.AddIntegration<RmmIntegration>(RmmIntegration.IntegrationName);
        builder.Services.AddIntegration<SynergyIntegration>(SynergyIntegration.IntegrationName);
    }
}
