using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Metering.Extensions;

public static class Extensions
{
    public const string ServiceName = "metering";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
    }
}
