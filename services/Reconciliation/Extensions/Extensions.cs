using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Rmm;
using BillingOne.Reconciliation.Connectors.Synergy;
using BillingOne.Reconciliation.Consumers;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Integrations;

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
            });
        builder.Services.AddRmmConnectors();
        builder.Services.AddSingleton<DeviceSnapshotStore>();
        builder.Services.AddSingleton<ClientMappingStore>();
        builder.Services.AddSingleton<DeviceQueries>();
        builder.Services.AddSingleton<ClientStore>();
        builder.Services.AddSingleton<SynergyStore>();
        builder.Services.AddSingleton<SynergyQueries>();
        SynergyConnectorFactory.Register(builder.Services);
        builder.Services.AddIntegration<RmmIntegration>(RmmIntegration.IntegrationName);
        builder.Services.AddIntegration<SynergyIntegration>(SynergyIntegration.IntegrationName);
    }
}
