using System.Text;
using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;

namespace BillingOne.AppHost.Orchestration;

/// <summary>
/// The URLs and demo credentials a developer needs, printed once every project is healthy (or the start-up timeout
/// passed).
/// </summary>
public static class StartupBanner
{
    public static void Print(AppHostPlan plan, AppHostSecrets secrets, RabbitMqAccess? rabbitMq, IReadOnlyList<string> notHealthy) =>
        Console.Out.Write(Format(plan, secrets, rabbitMq, notHealthy));

    public static string Format(AppHostPlan plan, AppHostSecrets secrets, RabbitMqAccess? rabbitMq, IReadOnlyList<string> notHealthy)
    {
        var gateway = plan.Project(ProjectCatalog.Gateway).Endpoint;
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine(notHealthy.Count == 0
                ? "BillingOne is running — every service is healthy."
                : $"BillingOne is running, but not healthy yet: {string.Join(", ", notHealthy)}.")
            .AppendLine($"  Gateway (API + web UI)   {gateway}")
            .AppendLine($"  Scalar (API reference)   {new Uri(gateway, "scalar")}")
            .AppendLine($"  Operator dashboard       {plan.DashboardUri}")
            .AppendLine($"  Sign in (web UI)         {AppHostSecrets.OwnerEmail} / {secrets.OwnerPassword}")
            .AppendLine($"  Admin API key            {secrets.AdminApiKey}  (Authorization: Bearer <key> or X-Api-Key)");
        if (rabbitMq?.ManagementUri is { } management)
        {
            text.AppendLine($"  RabbitMQ management      {management}  ({rabbitMq.ManagementCredentials.UserName})");
        }
        return text.AppendLine("Press Ctrl+C to stop everything.").AppendLine().ToString();
    }
}
