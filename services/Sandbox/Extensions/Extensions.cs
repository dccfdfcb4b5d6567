using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.NinjaOne;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BillingOne.Sandbox.Extensions;

public static partial class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<DemoDataOptions>()
            .BindConfiguration(DemoDataOptions.Section)
            .Validate(options => options.ClientCount is > 0 and <= 10_000,
                $"{DemoDataOptions.Section}:ClientCount must be between 1 and 10000.")
            .ValidateOnStart();
        services.AddSingleton(CreateDemoData);

        services.AddOptions<NinjaOneOptions>()
            .BindConfiguration(NinjaOneOptions.Section)
            .Validate(options => options.Clients.Count > 0 && options.Clients.All(client =>
                    !string.IsNullOrWhiteSpace(client.ClientId) && !string.IsNullOrWhiteSpace(client.ClientSecret)),
                $"{NinjaOneOptions.Section}:Clients needs at least one client with an id and a secret.")
            .Validate(options => options.RateLimit.PermitLimit > 0 && options.RateLimit.Window > TimeSpan.Zero,
                $"{NinjaOneOptions.Section}:RateLimit needs a positive PermitLimit and Window.")
            .Validate(options => options.TokenLifetime > TimeSpan.Zero,
                $"{NinjaOneOptions.Section}:TokenLifetime must be positive.")
            .ValidateOnStart();

        services.AddSingleton<AccessTokenStore>();
        services.AddAuthentication(SandboxBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SandboxBearerHandler>(SandboxBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddNinjaOnePolicy();
    }

    private static DemoDataSet CreateDemoData(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DemoDataOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var anchor = options.Anchor ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var data = DemoDataGenerator.Generate(options.Seed, options.ClientCount, anchor);
        LogGenerated(services.GetRequiredService<ILogger<DemoDataSet>>(), data.Clients.Count, data.Devices.Count,
            options.Seed, anchor);
        return data;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox demo data: {Clients} clients, {Devices} devices from seed {Seed}, anchored at {Anchor:O}")]
    private static partial void LogGenerated(ILogger logger, int clients, int devices, int seed, DateTimeOffset anchor);
}
