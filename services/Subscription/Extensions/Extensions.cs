using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Subscription.Application;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Consumers;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Grpc;
using BillingOne.Subscription.Integrations;
using BillingOne.Subscription.Licensing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Subscription.Extensions;

public static class Extensions
{
    public const string ServiceName = "subscription";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly,
            bus =>
            {
                bus.AddConsumer<DevicesSnapshottedConsumer>();
                bus.AddConsumer<VendorAccountsSnapshottedConsumer>();
                bus.AddConsumer<VendorChangeNotifiedConsumer>();
            });
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<ClientStore>();
        builder.Services.AddScoped<ClientMappingStore>();
        builder.Services.AddScoped<ClientMappingWorkbench>();
        builder.Services.AddScoped<Pax8SyncStore>();
        builder.Services.AddScoped<ClientLicenseStore>();
        builder.Services.AddScoped<CatalogStore>();
        builder.Services.AddScoped<LicenceAdjustmentStore>();
        builder.Services.AddScoped<LicenceAdjustmentApplier>();
        builder.Services.AddSingleton<SubscriptionStore>();
        builder.Services.AddSingleton<ClientLicenseCalendarWorker>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<ClientLicenseCalendarWorker>());
        // Partners list subscriptions over gRPC (docs/partner-api.md).
        builder.AddGrpcServices();
        builder.Services.AddPax8Connector();
        builder.Services.AddIntegration<Pax8Integration>(Pax8Integration.IntegrationName);
    }
}
