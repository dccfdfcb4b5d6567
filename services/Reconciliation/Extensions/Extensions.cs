using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Rmm;
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
            bus => bus.AddConsumer<ClientMappingChangedConsumer>());
        builder.Services.AddRmmConnectors();
        builder.Services.AddSingleton<DeviceSnapshotStore>();
        builder.Services.AddSingleton<ClientMappingStore>();
        builder.Services.AddSingleton<DeviceQueries>();
        builder.Services.AddIntegration<RmmIntegration>(RmmIntegration.IntegrationName);
    }
}
