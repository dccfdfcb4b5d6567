using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Invoice.Connectors.SuperOps;
using BillingOne.Invoice.Connectors.Xero;
using BillingOne.Invoice.Consumers;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.DraftInvoices;
using BillingOne.Invoice.Integrations;
using BillingOne.Invoice.Republishing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Invoice.Extensions;

public static class Extensions
{
    public const string ServiceName = "invoice";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly,
            bus =>
            {
                bus.AddConsumer<ClientUpsertedConsumer>();
                bus.AddConsumer<ClientMappingChangedConsumer>();
                bus.AddConsumer<ClientBillingFinalizedConsumer>();
                bus.AddConsumer<VendorChangeNotifiedConsumer>();
            });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ClientCopyStore>();
        builder.Services.AddSingleton<InvoiceStore>();
        builder.Services.AddSingleton<InvoiceEvents>();
        builder.Services.AddSingleton<InvoiceRepublication>();
        builder.Services.AddSingleton<InvoiceBackfillWorker>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<InvoiceBackfillWorker>());
        builder.Services.AddSingleton<InvoiceSyncStore>();
        builder.Services.AddSingleton<XeroSyncStore>();
        builder.Services.AddSingleton<XeroConnectionStore>();
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<AccountMappingStore>();
        builder.Services.AddXeroConnector();
        builder.Services.AddSingleton<XeroApps>();
        builder.Services.AddIntegration<XeroIntegration>(XeroIntegration.IntegrationName);
        builder.Services.AddSingleton<DraftInvoiceStore>();
        builder.Services.AddSingleton<DraftInvoiceSignal>();
        builder.Services.AddScoped<DraftInvoicePusher>();
        builder.Services.AddOptions<DraftInvoicePushOptions>().BindConfiguration(DraftInvoicePushOptions.Section);
        builder.Services.AddHostedService<DraftInvoicePushWorker>();
        builder.Services.AddSuperOpsConnector();
        builder.Services.AddIntegration<SuperOpsIntegration>(SuperOpsIntegration.IntegrationName);
    }
}
