using System.Net;
using System.Text;
using System.Text.Json;

namespace BillingOne.AppHost.Supervision;

public sealed record HealthProbeResult(bool Healthy, string Detail);

public interface IHealthProbe
{
    Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Calls a child's <c>/health</c> endpoint. ServiceDefaults answers it with a JSON report per check, so an
/// unhealthy answer names the failing checks (e.g. "postgresql: Unhealthy — connection refused").
/// </summary>
public sealed class HttpHealthProbe(HttpClient httpClient, Uri healthUri) : IHealthProbe
{
    public Uri HealthUri { get; } = healthUri;

    public async Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await httpClient.GetAsync(HealthUri, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new HealthProbeResult(
                response.StatusCode == HttpStatusCode.OK,
                DescribeReport(response.StatusCode, body));
        }
        catch (HttpRequestException exception)
        {
            return new HealthProbeResult(false, $"no answer: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthProbeResult(false, $"no answer within {httpClient.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>"Healthy", or the status plus each check that is not healthy.</summary>
    public static string DescribeReport(HttpStatusCode statusCode, string body)
    {
        try
        {
            using var report = JsonDocument.Parse(body);
            var root = report.RootElement;
            var status = root.TryGetProperty("status", out var statusElement)
                ? statusElement.GetString() ?? statusCode.ToString()
                : statusCode.ToString();
            if (!root.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
            {
                return status;
            }

            var detail = new StringBuilder(status);
            foreach (var check in checks.EnumerateArray())
            {
                var checkStatus = check.TryGetProperty("status", out var s) ? s.GetString() : null;
                if (checkStatus is null or "Healthy")
                {
                    continue;
                }
                detail.Append(detail.Length == status.Length ? " — " : "; ")
                    .Append(check.TryGetProperty("name", out var name) ? name.GetString() : "?")
                    .Append(": ").Append(checkStatus);
                if (check.TryGetProperty("description", out var description)
                    && description.ValueKind == JsonValueKind.String)
                {
                    detail.Append(" (").Append(description.GetString()).Append(')');
                }
            }
            return detail.ToString();
        }
        catch (JsonException)
        {
            // Not the ServiceDefaults report (e.g. a plain "Healthy" text body or an HTML 404 page).
            var text = body.Trim();
            return statusCode == HttpStatusCode.OK || text.Length is > 0 and <= 80
                ? $"HTTP {(int)statusCode} {text}".TrimEnd()
                : $"HTTP {(int)statusCode}";
        }
    }
}
