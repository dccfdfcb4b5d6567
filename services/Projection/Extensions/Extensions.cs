using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Projection.Extensions;

public static class Extensions
{
    public const string ServiceName = "projection";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
    }
}
