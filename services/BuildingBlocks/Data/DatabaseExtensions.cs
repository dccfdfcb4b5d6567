using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// Registers the service's <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{name}</c>
    /// (Aspire's <c>ConnectionStrings__{name}</c>), a readiness check on it, and applies the embedded
    /// SQL migrations of <paramref name="migrationsAssembly"/> at start-up, creating the database if missing.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(
        this IHostApplicationBuilder builder, string name, Assembly migrationsAssembly)
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException(
                $"Connection string '{name}' is missing: set ConnectionStrings__{name}.");

        builder.Services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString) { Name = name };
            // Only statements inside a traced operation become spans: health probes and idle polling (outbox relay,
            // schedulers) would otherwise bury the operators' traces under one root span per query.
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null)
                .EnablePhysicalOpenTracing(false));
            return dataSource.Build();
        });
        builder.Services.AddSingleton(new DatabaseMigrations(connectionString, migrationsAssembly));
        builder.Services.AddHostedService<DatabaseMigrationService>();
        builder.Services.AddHealthChecks()
            .AddNpgSql(serviceProvider => serviceProvider.GetRequiredService<NpgsqlDataSource>(),
                name: "postgresql", tags: [ServiceDefaultsExtensions.ReadinessTag]);
        return builder;
    }
}
