using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.NinjaOne;
using BillingOne.Sandbox.Pax8;
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

        services.AddVendorOptions<NinjaOneOptions>(NinjaOneOptions.Section);
        services.AddVendorOptions<Pax8Options>(Pax8Options.Section)
            .Validate(options => !string.IsNullOrWhiteSpace(options.Audience),
                $"{Pax8Options.Section}:Audience is required.");
        services.AddSingleton(CreatePax8DemoData);

        services.AddSingleton<AccessTokenStore>();
        services.AddAuthentication(SandboxBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SandboxBearerHandler>(SandboxBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddNinjaOnePolicy().AddPax8Policy();
    }

    private static OptionsBuilder<TOptions> AddVendorOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : SandboxVendorOptions =>
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .Validate(options => options.Clients.Count > 0 && options.Clients.All(client =>
                    !string.IsNullOrWhiteSpace(client.ClientId) && !string.IsNullOrWhiteSpace(client.ClientSecret)),
                $"{section}:Clients needs at least one client with an id and a secret.")
            .Validate(options => options.RateLimit.PermitLimit > 0 && options.RateLimit.Window > TimeSpan.Zero,
                $"{section}:RateLimit needs a positive PermitLimit and Window.")
            .Validate(options => options.TokenLifetime > TimeSpan.Zero,
                $"{section}:TokenLifetime must be positive.")
            .ValidateOnStart();

    /// <summary>Pax8's companies and subscriptions follow the same demo clients the RMM serves.</summary>
    private static Pax8DemoData CreatePax8DemoData(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DemoDataOptions>>().Value;
        var clients = services.GetRequiredService<DemoDataSet>();
        var data = Pax8DemoDataGenerator.Generate(options.Seed, clients);
        LogPax8Generated(services.GetRequiredService<ILogger<Pax8DemoData>>(), data.Companies.Count,
            data.Products.Count, data.Subscriptions.Count);
        return data;
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
        Message = "Sandbox Pax8 demo data: {Companies} companies, {Products} products, {Subscriptions} subscriptions")]
    private static partial void LogPax8Generated(ILogger logger, int companies, int products, int subscriptions);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox demo data: {Clients} clients, {Devices} devices from seed {Seed}, anchored at {Anchor:O}")]
    private static partial void LogGenerated(ILogger logger, int clients, int devices, int seed, DateTimeOffset anchor);
}
