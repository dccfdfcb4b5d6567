using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Subscription.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Subscription.Extensions;

public static class Extensions
{
    public const string ServiceName = "subscription";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<ClientStore>();
    }
}
