using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Consumers;
using BillingOne.Metering.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Metering.Extensions;

public static class Extensions
{
    public const string ServiceName = "metering";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly, bus =>
        {
            bus.AddConsumer<ClientUpsertedConsumer>();
            bus.AddConsumer<UsageReadingsAcceptedConsumer>();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<UnitTypeStore>();
        builder.Services.AddScoped<AssetStore>();
        builder.Services.AddScoped<AssignmentRuleStore>();
        builder.Services.AddSingleton<ClientStore>();
        builder.Services.AddSingleton<ReadingStore>();
        builder.Services.AddSingleton<MeteringMetrics>();
    }
}
