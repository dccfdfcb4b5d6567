using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BillingOne.AppHost;

/// <summary>
/// Prints the URLs and demo credentials a developer needs once the gateway and every service behind it are healthy.
/// </summary>
public sealed class StartupBanner(AppHostSettings settings, IServiceProvider services,
    IReadOnlyList<IResourceBuilder<IResource>> awaited) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        await Task.WhenAll(awaited.Select(resource =>
            notifications.WaitForResourceHealthyAsync(resource.Resource.Name, stoppingToken)));
        var dashboard = services.GetRequiredService<IConfiguration>()["ASPNETCORE_URLS"]?.Split(';')[0];
        Console.Out.Write(Format(settings, dashboard));
    }

    public static string Format(AppHostSettings settings, string? dashboard)
    {
        var gateway = $"http://127.0.0.1:{settings.Port("gateway")}/";
        return new StringBuilder()
            .AppendLine()
            .AppendLine("BillingOne is running.")
            .AppendLine($"  Aspire dashboard         {dashboard ?? "(see the AppHost's log above)"}")
            .AppendLine($"  Gateway (API + web UI)   {gateway}")
            .AppendLine($"  Scalar (API reference)   {gateway}scalar")
            .AppendLine($"  gRPC (HTTP/2 cleartext)  http://127.0.0.1:{settings.Port("gateway-grpc")}/")
            .AppendLine($"  Mails sent (smtp4dev)    http://127.0.0.1:{settings.Port("smtp-sink-web")}/")
            .AppendLine($"  Sign in (web UI)         {AppHostSecrets.OwnerEmail} / {settings.Secrets.OwnerPassword}")
            .AppendLine($"  Admin API key            {settings.Secrets.AdminApiKey}  (Authorization: Bearer <key> or X-Api-Key)")
            .AppendLine("Press Ctrl+C to stop everything.")
            .AppendLine()
            .ToString();
    }
}
