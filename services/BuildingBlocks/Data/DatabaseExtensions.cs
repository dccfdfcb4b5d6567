using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BillingOne.BuildingBlocks.Data;

public static class DatabaseExtensions
{
    /// <summary>The suffix of the connection string the migrations run with: <c>ConnectionStrings:{name}-migrations</c>.</summary>
    public const string MigrationsSuffix = "-migrations";

    /// <summary>How long the readiness check waits for <c>SELECT 1</c>.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Registers the service's <see cref="NpgsqlDataSource"/> from <c>ConnectionStrings:{name}</c>
    /// (Aspire's <c>ConnectionStrings__{name}</c>), a readiness check on it, and applies the embedded
    /// SQL migrations of <paramref name="migrationsAssembly"/> as <see cref="MigrationMode"/> says: at start-up,
    /// as a migration step of its own (<see cref="ServiceRunExtensions.RunServiceAsync"/>), or not at all when a step
    /// ran them before. The migrations run as the database's owner from <c>ConnectionStrings:{name}-migrations</c>,
    /// which then grants the runtime role what <see cref="RuntimeGrants"/> allows; without it (a single all-powerful
    /// connection, as in some tests) they run on <c>ConnectionStrings:{name}</c> and nothing is granted.
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
            // A binary COPY sends its buffer each time it fills, and each send arms the command timeout's timer, whose
            // lock the connections of a process share: 64 KB instead of 8 KB sends a batch of readings in an eighth of
            // the round trips (docs/benchmarks.md, issue #35).
            dataSource.ConnectionStringBuilder.WriteBufferSize =
                Math.Max(dataSource.ConnectionStringBuilder.WriteBufferSize, 64 * 1024);
            // Only statements a request waits for become spans: idle polling would bury the operators' traces under
            // one root span per query, and message handlers and syncs, one span per statement, thousands a minute,
            // more than the dashboard can take in (docs/architecture.md, Telemetry); their own spans stay.
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => RequestTracing.InRequest(Activity.Current))
                .ConfigureBatchFilter(_ => RequestTracing.InRequest(Activity.Current))
                .EnablePhysicalOpenTracing(false));
            return dataSource.Build();
        });
        var mode = MigrationModes.Of(builder.Configuration);
        if (mode != MigrationMode.External)
        {
            var migrationConnectionString = builder.Configuration.GetConnectionString(name + MigrationsSuffix);
            builder.Services.AddSingleton(string.IsNullOrEmpty(migrationConnectionString)
                ? new DatabaseMigrations(connectionString, migrationsAssembly)
                : new DatabaseMigrations(migrationConnectionString, migrationsAssembly, connectionString));
        }
        if (mode == MigrationMode.AtStart)
        {
            builder.Services.AddHostedService<DatabaseMigrationService>();
        }
        // Short: a server that does not answer (mid-restart, a dropped route) must not hold the probe for the
        // connection's 15 s timeout; past it the check reports Unhealthy.
        builder.Services.AddHealthChecks()
            .AddNpgSql(serviceProvider => serviceProvider.GetRequiredService<NpgsqlDataSource>(),
                name: "postgresql", tags: [ServiceDefaultsExtensions.ReadinessTag], timeout: HealthCheckTimeout);
        return builder;
    }
}
