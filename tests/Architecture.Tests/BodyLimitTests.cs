extern alias ingestion;

using System.Text.Json;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.SystemDriver;
using ingestion::BillingOne.Ingestion.Domain;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// The gateway and the services agree on how large a request body may be: a body the gateway lets through but the
/// service refuses is cut off mid-stream, which the caller sees as a 502 instead of a 413 problem.
/// </summary>
public sealed class BodyLimitTests
{
    private static readonly JsonElement Gateway = ReadGatewaySettings();

    [Fact]
    public void The_gateway_default_is_the_services_default()
    {
        Gateway.GetProperty("Gateway").GetProperty("MaxRequestBodyBytes").GetInt64()
            .ShouldBe(ServiceHostingExtensions.DefaultMaxRequestBodyBytes);
    }

    [Fact]
    public void The_readings_route_allows_what_the_ingestion_service_allows()
    {
        var route = Gateway.GetProperty("ReverseProxy").GetProperty("Routes").GetProperty("ingestion-readings");

        long.Parse(route.GetProperty("Metadata").GetProperty("MaxRequestBodyBytes").GetString()!)
            .ShouldBe(new IngestLimits().MaxBodyBytes);
    }

    private static JsonElement ReadGatewaySettings()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "gateway", "appsettings.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.Clone();
    }
}
