using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.Api;

public sealed record RebuildJobDto(Guid Id, string Status, long? EventsTotal, long EventsReplayed, long? Clients, string? Error);

/// <summary>Read-model rebuilds as an admin asks for and follows them.</summary>
public static class Rebuilds
{
    public const string Path = "/api/projection/rebuild";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Asks for a rebuild and follows it to its end.</summary>
    public static async Task<RebuildJobDto> RunAsync(HttpClient admin)
    {
        using var requested = await admin.PostAsync(Path, null);
        var job = await requested.ShouldBeJsonAsync<RebuildJobDto>(HttpStatusCode.Accepted);
        return (await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<RebuildJobDto>($"/api/projection/rebuilds/{job.Id}", Json),
            found => found!.Status is "completed" or "failed", "the rebuild to finish"))!;
    }
}
