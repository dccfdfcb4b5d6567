using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Data;

/// <summary>
/// Applies migrations before the service accepts requests or messages: hosted services start before
/// the web server, and this one is registered before the bus.
/// </summary>
internal sealed class DatabaseMigrationService(DatabaseMigrations migrations, ILogger<DatabaseMigrationService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        Task.Run(() => migrations.Apply(logger), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
