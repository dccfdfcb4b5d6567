using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.Changes;
using BillingOne.Sandbox.Datto;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Faults;
using BillingOne.Sandbox.NinjaOne;
using BillingOne.Sandbox.Pax8;
using BillingOne.Sandbox.SuperOps;
using BillingOne.Sandbox.Synergy;
using BillingOne.Sandbox.Xero;
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
        services.AddOptions<ChangesOptions>()
            .BindConfiguration(ChangesOptions.Section)
            .Validate(options => options.Interval is null || options.Interval > TimeSpan.Zero,
                $"{ChangesOptions.Section}:Interval must be positive when set.")
            .Validate(options => options.StepDuration > TimeSpan.Zero,
                $"{ChangesOptions.Section}:StepDuration must be positive.")
            .ValidateOnStart();
        services.AddOptions<FaultOptions>()
            .BindConfiguration(FaultOptions.Section)
            .Validate(options => options.ServerErrorRate is >= 0 and <= 1,
                $"{FaultOptions.Section}:ServerErrorRate must be between 0 and 1.")
            .ValidateOnStart();
        services.AddSingleton(CreateWorld);
        // The data served at the moment of asking, for tests and tools that read the world directly.
        services.AddTransient(provider => provider.GetRequiredService<SandboxWorld>().Current.Rmm);
        services.AddTransient(provider => provider.GetRequiredService<SandboxWorld>().Current.Pax8);
        services.AddSingleton<ServerErrorInjector>();
        services.AddSingleton<Pax8UpdateFaults>();
        services.AddHostedService<ChangeTimer>();

        services.AddVendorOptions<NinjaOneOptions>(NinjaOneOptions.Section);
        services.AddVendorOptions<Pax8Options>(Pax8Options.Section)
            .Validate(options => !string.IsNullOrWhiteSpace(options.Audience),
                $"{Pax8Options.Section}:Audience is required.");
        services.AddVendorOptions<DattoOptions>(DattoOptions.Section)
            .Validate(options => !string.IsNullOrWhiteSpace(options.PublicClient.ClientId),
                $"{DattoOptions.Section}:PublicClient:ClientId is required.");
        services.AddVendorOptions<XeroOptions>(XeroOptions.Section)
            .Validate(options => options.DailyLimit.PermitLimit > 0 && options.DailyLimit.Window > TimeSpan.Zero,
                $"{XeroOptions.Section}:DailyLimit needs a positive PermitLimit and Window.");
        services.AddVendorOptions<SuperOpsOptions>(SuperOpsOptions.Section);
        services.AddVendorOptions<SynergyOptions>(SynergyOptions.Section);
        services.AddSingleton<XeroAuthorizationServer>();
        // Invoices are history: generated once, from the world as it starts, so later steps do not rewrite them.
        services.AddSingleton(CreateXeroLedger);
        services.AddSingleton(CreateSuperOpsData);
        services.AddSingleton(CreateSynergyData);

        services.AddSingleton<AccessTokenStore>();
        services.AddAuthentication(SandboxBearerHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, SandboxBearerHandler>(SandboxBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddNinjaOnePolicy().AddPax8Policy().AddDattoPolicy().AddXeroPolicy();
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

    /// <summary>
    /// Step 0 of the world: the RMM's clients and devices, and Pax8's companies and subscriptions on the same clients.
    /// </summary>
    private static SandboxWorld CreateWorld(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DemoDataOptions>>().Value;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var anchor = options.Anchor ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var rmm = DemoDataGenerator.Generate(options.Seed, options.ClientCount, anchor);
        var pax8 = Pax8DemoDataGenerator.Generate(options.Seed, rmm);
        var logger = services.GetRequiredService<ILogger<SandboxWorld>>();
        LogGenerated(logger, rmm.Clients.Count, rmm.Devices.Count, options.Seed, anchor);
        LogPax8Generated(logger, pax8.Companies.Count, pax8.Products.Count, pax8.Subscriptions.Count);
        return new SandboxWorld(options.Seed, new WorldSnapshot(0, rmm, pax8),
            services.GetRequiredService<IOptions<ChangesOptions>>().Value.StepDuration);
    }

    private static XeroLedger CreateXeroLedger(IServiceProvider services)
    {
        var world = services.GetRequiredService<SandboxWorld>();
        var data = XeroDemoDataGenerator.Generate(world.Seed, world.Current.Rmm, world.Current.Pax8);
        LogXeroGenerated(services.GetRequiredService<ILogger<XeroLedger>>(), data.Contacts.Count, data.Invoices.Count,
            data.UnderBilled.Count);
        return new XeroLedger(data);
    }

    private static SuperOpsDemoData CreateSuperOpsData(IServiceProvider services)
    {
        var world = services.GetRequiredService<SandboxWorld>();
        var data = SuperOpsDemoDataGenerator.Generate(world.Seed, world.Current.Rmm);
        LogSuperOpsGenerated(services.GetRequiredService<ILogger<SuperOpsDemoData>>(), data.Clients.Count, data.Invoices.Count);
        return data;
    }

    private static SynergyDemoData CreateSynergyData(IServiceProvider services)
    {
        var world = services.GetRequiredService<SandboxWorld>();
        var data = SynergyDemoDataGenerator.Generate(world.Seed, world.Current.Rmm);
        LogSynergyGenerated(services.GetRequiredService<ILogger<SynergyDemoData>>(), data.Domains.Count, data.Hosting.Count,
            data.Certificates.Count);
        return data;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox Synergy demo data: {Domains} domains, {Hosting} hosting services, {Certificates} certificates")]
    private static partial void LogSynergyGenerated(ILogger logger, int domains, int hosting, int certificates);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox Xero demo data: {Contacts} contacts, {Invoices} invoices, {UnderBilled} lines under-billed on purpose")]
    private static partial void LogXeroGenerated(ILogger logger, int contacts, int invoices, int underBilled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox SuperOps demo data: {Clients} clients, {Invoices} invoices")]
    private static partial void LogSuperOpsGenerated(ILogger logger, int clients, int invoices);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox Pax8 demo data: {Companies} companies, {Products} products, {Subscriptions} subscriptions")]
    private static partial void LogPax8Generated(ILogger logger, int companies, int products, int subscriptions);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sandbox demo data: {Clients} clients, {Devices} devices from seed {Seed}, anchored at {Anchor:O}")]
    private static partial void LogGenerated(ILogger logger, int clients, int devices, int seed, DateTimeOffset anchor);
}
