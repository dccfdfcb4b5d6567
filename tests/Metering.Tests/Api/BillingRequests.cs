using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Testing;

namespace BillingOne.Metering.Tests.Api;

/// <summary>The billing calls the billing tests make.</summary>
public static class BillingRequests
{
    public const string Runs = "/api/metering/billing-runs";
    public const string Periods = "/api/metering/billing-periods";
    public const string Readings = "/api/metering/billing-readings";

    /// <summary>Requests a run (202 with the queued run), follows it until it ends, and expects it completed.</summary>
    public static async Task<BillingRunDto> RunBillingToEndAsync(this HttpClient http, int year, int month)
    {
        var response = await http.PostAsJsonAsync(Runs, new { year, month });
        var queued = await response.ShouldBeJsonAsync<BillingRunDto>(HttpStatusCode.Accepted);
        response.Headers.Location!.OriginalString.ShouldBe($"{Runs}/{queued.Id}");
        queued.Status.ShouldBe("queued");
        var run = await Eventually.ReturnsAsync(
            async () => await http.GetFromJsonAsync<BillingRunDto>($"{Runs}/{queued.Id}"),
            candidate => candidate!.Status is "completed" or "failed", "the billing run to end");
        run!.Status.ShouldBe("completed", run.Error);
        return run;
    }

    /// <summary>The month's billing lines (up to 200).</summary>
    public static async Task<List<BillingReadingDto>> BillingLinesAsync(this HttpClient http, string period) =>
        (await (await http.GetAsync($"{Readings}?period={period}&pageSize=200"))
            .ShouldBeJsonAsync<PagedResult<BillingReadingDto>>(HttpStatusCode.OK)).Items.ToList();
}
