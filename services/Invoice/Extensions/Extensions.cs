using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Invoice.Extensions;

public static class Extensions
{
    public const string ServiceName = "invoice";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
    }
}
