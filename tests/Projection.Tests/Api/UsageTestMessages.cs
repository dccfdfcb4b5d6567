using System.Net;
using System.Text;
using BillingOne.Projection.Tests.Hosting;
using MassTransit;

namespace BillingOne.Projection.Tests.Api;

/// <summary>What the usage tests share: publishing metering's events and reading the CSV downloads.</summary>
public static class UsageTestMessages
{
    /// <summary>Publishes <paramref name="message"/> and waits until the projection has handled it.</summary>
    public static async Task PublishAndWaitAsync<T>(this ProjectionHost host, T message) where T : class
    {
        var id = NewId.NextGuid();
        await host.Bus.Publish(message, context => context.MessageId = id);
        await host.Consumed.WaitUntilConsumedAsync(id);
    }

    /// <summary>A CSV download's lines, once it is one (200, text/csv); the byte order mark is dropped.</summary>
    public static async Task<string[]> CsvLinesAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
