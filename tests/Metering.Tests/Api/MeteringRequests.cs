using System.Net;
using System.Net.Http.Json;
using BillingOne.Testing;

namespace BillingOne.Metering.Tests.Api;

/// <summary>The calls bucket and provisioning tests set their scene with.</summary>
public static class MeteringRequests
{
    public const string UnitTypes = "/api/metering/unit-types";
    public const string Buckets = "/api/metering/buckets";
    public const string ProvisioningRuns = "/api/metering/provisioning/runs";

    /// <summary>A unit type priced at 500 AUD for a commit of 100 units and 6 AUD per unit above it.</summary>
    public static async Task<UnitTypeDto> CreateUnitTypeAsync(this HttpClient http, string key, string name,
        string aggregation = "sum", bool autoProvision = false, string? filterPattern = null,
        decimal basePrice = 500m, decimal overagePrice = 6m, decimal commitUnits = 100m)
    {
        var response = await http.PostAsJsonAsync(UnitTypes, new
        {
            key, name, aggregation, autoProvision, filterPattern, basePrice, overagePrice, commitUnits,
            currency = "AUD",
        });
        return await response.ShouldBeJsonAsync<UnitTypeDto>(HttpStatusCode.Created);
    }

    public static async Task<BucketDto> CreateBucketAsync(this HttpClient http, Guid clientId, Guid unitTypeId,
        string name = "Bucket", decimal commitUnits = 100m, string? aggregation = null, string? sourceType = null)
    {
        var response = await http.PostAsJsonAsync(Buckets, new
        {
            clientId, name, unitTypeId, commitUnits, aggregation, sourceType,
        });
        return await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.Created);
    }

    public static async Task<BucketDto> GetBucketAsync(this HttpClient http, Guid bucketId)
    {
        var response = await http.GetAsync($"{Buckets}/{bucketId}");
        return await response.ShouldBeJsonAsync<BucketDto>(HttpStatusCode.OK);
    }

    public static async Task<int> BindAsync(this HttpClient http, Guid bucketId, params Guid[] assetIds)
    {
        var response = await http.PostAsJsonAsync($"{Buckets}/{bucketId}/assets", new { assetIds });
        return (await response.ShouldBeJsonAsync<BindAssetsDto>(HttpStatusCode.OK)).Bound;
    }
}
