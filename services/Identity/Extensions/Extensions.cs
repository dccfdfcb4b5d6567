using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Retention;
using BillingOne.Identity.Application;
using BillingOne.Identity.Consumers;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Identity.Extensions;

public static class Extensions
{
    public const string ServiceName = "identity";

    /// <summary>
    /// The organization directory: organizations and their settings, users, API keys, and the gateway's
    /// authentication calls.
    /// </summary>
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddBillingOneService(ServiceName, typeof(Extensions).Assembly, bus =>
        {
            bus.AddConsumer<ClientUpsertedConsumer>();
            bus.AddConsumer<SyncFailedConsumer>();
            bus.AddConsumer<BucketUsageObservedConsumer>();
            bus.AddConsumer<ClientReconciledConsumer>();
            bus.AddConsumer<BillingRunCompletedConsumer>();
            bus.AddConsumer<BillingPeriodFinalizedConsumer>();
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        // Scoped: each change is audited as the request's caller.
        builder.Services.AddScoped<OrganizationStore>();
        builder.Services.AddScoped<BrandingStore>();
        builder.Services.AddScoped<UserStore>();
        builder.Services.AddScoped<ApiKeyStore>();
        // Scoped: sign-ins and throttling are audited.
        builder.Services.AddScoped<SignInStore>();
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddScoped<SessionClientScopeStore>();
        builder.Services.AddScoped<UserSessionStore>();
        // Scoped: enabling and disabling two-factor are audited as the caller's.
        builder.Services.AddScoped<TwoFactorStore>();
        builder.Services.AddOptions<SessionLifetimeOptions>()
            .Bind(builder.Configuration.GetSection(SessionLifetimeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ClientCopyStore>();
        builder.Services.AddSingleton<ApiKeyUsageRecorder>();
        builder.Services.AddHostedService<ApiKeyUsageFlushService>();
        builder.Services.AddHostedService<OrganizationAnnouncer>();
        // Notifications: bell entries and mails, the mail server's password encrypted as vendor secrets are.
        builder.Services.AddDatabaseDataProtection(typeof(Extensions).Assembly.GetName().Name!);
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<NotificationInbox>();
        builder.Services.AddScoped<NotificationRuleStore>();
        builder.Services.AddScoped<SmtpSettingsStore>();
        builder.Services.AddSingleton<NotificationMailStore>();
        builder.Services.AddSingleton<SmtpMailSender>();
        builder.Services.AddHostedService<MailDeliveryWorker>();
        builder.Services.AddScoped<SmtpTestMail>();
        // Old bell entries and finished mails go with the service's one retention purge (with the inbox's).
        builder.Services.AddOptions<NotificationRetentionOptions>()
            .Bind(builder.Configuration.GetSection(NotificationRetentionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddRetentionPurge<ExpiredNotificationPurge>();
        builder.AddRetentionPurge<FinishedMailPurge>();
        // Hosted services start in order, after the migrations and the bus (registered by AddBillingOneService):
        // first the directory the subscription service used to own is taken over, then the demo seed is checked.
        builder.Services.AddHostedService<DemoDirectorySeeder>();
    }
}
