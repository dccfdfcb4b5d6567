using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Ingestion.Extensions;

public static class Extensions
{
    public const string ServiceName = "ingestion";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
        // Partners stream usage readings over gRPC.
        builder.AddGrpcServices();
    }
}
