using System.Text.Json;

namespace BillingOne.Hosting;

/// <summary>One queue as the dashboard shows it, from the management API's <c>/api/queues</c>.</summary>
public sealed record QueueSummary(
    string VirtualHost,
    string Name,
    long Messages,
    long Ready,
    long Unacknowledged,
    int Consumers,
    double PublishRate,
    double DeliverRate,
    string State)
{
    /// <summary>MassTransit moves a message it could not consume to <c>&lt;queue&gt;_error</c>.</summary>
    public const string ErrorSuffix = "_error";

    public bool IsErrorQueue => Name.EndsWith(ErrorSuffix, StringComparison.Ordinal) && Name.Length > ErrorSuffix.Length;

    /// <summary>The queue the failed messages came from (for an error queue), where redelivery sends them.</summary>
    public string? SourceQueue => IsErrorQueue ? Name[..^ErrorSuffix.Length] : null;

    /// <summary>
    /// Parses the management API's queue list. Counters are missing until the broker has collected stats for a
    /// queue (and <c>message_stats</c> until a message moved), so absent numbers count as zero.
    /// </summary>
    public static IReadOnlyList<QueueSummary> ParseList(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("The management API's queue list is not a JSON array.");
        }

        return document.RootElement.EnumerateArray()
            .Select(queue =>
            {
                var stats = queue.TryGetProperty("message_stats", out var s) ? s : default;
                return new QueueSummary(
                    String(queue, "vhost") ?? "/",
                    String(queue, "name") ?? "",
                    Number(queue, "messages"),
                    Number(queue, "messages_ready"),
                    Number(queue, "messages_unacknowledged"),
                    (int)Number(queue, "consumers"),
                    Rate(stats, "publish_details"),
                    Rate(stats, "deliver_get_details"),
                    String(queue, "state") ?? "unknown");
            })
            .OrderByDescending(queue => queue.IsErrorQueue && queue.Messages > 0)
            .ThenBy(queue => queue.VirtualHost, StringComparer.Ordinal)
            .ThenBy(queue => queue.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static double Rate(JsonElement stats, string details) =>
        stats.ValueKind == JsonValueKind.Object
        && stats.TryGetProperty(details, out var detail)
        && detail.TryGetProperty("rate", out var rate)
        && rate.ValueKind == JsonValueKind.Number
            ? rate.GetDouble()
            : 0;
}
