using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Extensions;

public static class Extensions
{
    public const string ServiceName = "reconciliation";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
        builder.Services.AddRmmConnectors();
    }
}
