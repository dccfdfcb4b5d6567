using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Data;

public static class ServiceRunExtensions
{
    /// <summary>How long the migration step waits for its server and its login (the AppHost bounds a whole start at five minutes).</summary>
    private static readonly TimeSpan LoginPatience = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs the service; as its migration step (<see cref="MigrationMode.Only"/>) applies its migrations instead and
    /// returns, so the process exits with 0 once they are applied and with an error when one fails.
    /// </summary>
    public static async Task RunServiceAsync(this WebApplication app)
    {
        if (MigrationModes.Of(app.Configuration) != MigrationMode.Only)
        {
            await app.RunAsync();
            return;
        }
        await using (app)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ServiceRunExtensions));
            var migrations = app.Services.GetRequiredService<DatabaseMigrations>();
            await migrations.WaitForOwnerLoginAsync(LoginPatience, logger, CancellationToken.None);
            migrations.Apply(logger);
        }
    }
}
