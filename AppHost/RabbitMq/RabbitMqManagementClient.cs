using System.Net.Http.Headers;
using System.Text;
using BillingOne.AppHost.Orchestration;

namespace BillingOne.AppHost.RabbitMq;

/// <summary>The queue list, or why there is none (management API not configured, unreachable, not started yet).</summary>
public sealed record QueueOverview(IReadOnlyList<QueueSummary> Queues, string? Unavailable)
{
    public IEnumerable<QueueSummary> ErrorQueuesWithMessages => Queues.Where(queue => queue.IsErrorQueue && queue.Messages > 0);
}

/// <summary>Reads queues from RabbitMQ's management HTTP API.</summary>
public sealed class RabbitMqManagementClient(InfrastructureServers servers) : IDisposable
{
    // Only the columns the dashboard shows: the full queue objects are large.
    private const string QueuesPath =
        "api/queues?columns=vhost,name,state,messages,messages_ready,messages_unacknowledged,consumers," +
        "message_stats.publish_details.rate,message_stats.deliver_get_details.rate";

    private readonly HttpClient _httpClient = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<QueueOverview> GetQueuesAsync(CancellationToken cancellationToken)
    {
        if (servers.RabbitMq is not { } rabbitMq)
        {
            return new QueueOverview([], "RabbitMQ is not running yet.");
        }
        if (rabbitMq.ManagementUri is not { } managementUri)
        {
            return new QueueOverview([], "No management API: set AppHost:RabbitMqManagementUri for an external RabbitMQ.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(managementUri, QueuesPath));
        var credentials = rabbitMq.ManagementCredentials;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.UserName}:{credentials.Password}")));
        try
        {
            using var response = await _httpClient.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new QueueOverview([], $"The management API answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
            var json = await response.Content.ReadAsStringAsync(cancellationToken);
            return new QueueOverview(QueueSummary.ParseList(json), null);
        }
        catch (HttpRequestException exception)
        {
            return new QueueOverview([], $"The management API at {managementUri} is unreachable: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new QueueOverview([], $"The management API at {managementUri} did not answer in time.");
        }
    }

    public void Dispose() => _httpClient.Dispose();
}
