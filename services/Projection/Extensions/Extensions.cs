using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Projection.Consumers;
using BillingOne.Projection.Data;
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
            bus.AddConsumer<AuditEntryRecordedConsumer>();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ClientSnapshotStore>();
        builder.Services.AddSingleton<AuditEntryStore>();
    }
}
