using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Data.Directory;
using BillingOne.Subscription.Domain.Directory;
using Microsoft.AspNetCore.Identity;
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

        // The organization directory: settings, users, API keys and the gateway's authentication calls.
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<OrganizationStore>();
        builder.Services.AddScoped<UserStore>();
        builder.Services.AddScoped<ApiKeyStore>();
        // Scoped: sign-ins and lockouts are audited.
        builder.Services.AddScoped<SignInStore>();
        builder.Services.AddSingleton<ApiKeyUsageRecorder>();
        builder.Services.AddHostedService<ApiKeyUsageFlushService>();
        // After the migrations (registered by AddBillingOneService): hosted services start in order.
        builder.Services.AddHostedService<DemoDirectorySeeder>();
    }
}
