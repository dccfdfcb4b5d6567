using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Subscription.Extensions;

public static class Extensions
{
    public const string ServiceName = "subscription";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
    }
}
