using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Retention;

public static class RetentionExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TPurge"/> to the service's one <see cref="RetentionPurgeWorker"/> (registered with the
    /// first purge, with its options from section <see cref="RetentionOptions.Section"/>).
    /// </summary>
    public static IHostApplicationBuilder AddRetentionPurge<TPurge>(this IHostApplicationBuilder builder)
        where TPurge : class, IRetentionPurge
    {
        if (!builder.Services.Any(service => service.ServiceType == typeof(RetentionPurgeWorker)))
        {
            builder.Services.Configure<RetentionOptions>(builder.Configuration.GetSection(RetentionOptions.Section));
            builder.Services.TryAddSingleton(TimeProvider.System);
            builder.Services.AddSingleton<RetentionPurgeWorker>();
            builder.Services.AddHostedService(provider => provider.GetRequiredService<RetentionPurgeWorker>());
        }
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetentionPurge, TPurge>());
        return builder;
    }
}
