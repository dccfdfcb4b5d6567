using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Ingestion.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Ingestion.Extensions;

public static class Extensions
{
    public const string ServiceName = "ingestion";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<SuppressionRuleStore>();
        // Partners stream usage readings over gRPC.
        builder.AddGrpcServices();
    }
}
