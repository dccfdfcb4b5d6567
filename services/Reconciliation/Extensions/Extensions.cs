using BillingOne.BuildingBlocks.Hosting;

namespace BillingOne.Reconciliation.Extensions;

public static class Extensions
{
    public const string ServiceName = "reconciliation";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
    }
}
