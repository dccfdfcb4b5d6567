using System.Net;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

/// <summary>The dashboard's Usage Anomalies panel, against the metering contract's answers.</summary>
[Trait("Category", "Unit")]
public sealed class UsageAnomaliesPanelTests : WebUiContext
{
    private const string AnomaliesPath = "/api/metering/usage-anomalies";
    private const string StatusPath = $"{AnomaliesPath}/status";
    private static readonly Guid SpikingId = Guid.Parse("8a000000-0000-4000-8000-000000000001");
    private static readonly Guid SilentId = Guid.Parse("8a000000-0000-4000-8000-000000000002");
    private static readonly Guid BackupBucketId = Guid.Parse("8b000000-0000-4000-8000-000000000001");

    private static object Anomaly(Guid assetId, string externalId, string? assetName, string kind, string day,
        decimal expected, decimal observed, decimal impact, string explanation) => new
        {
            assetId,
            source = "veeam",
            externalId,
            assetName,
            clientId = ContosoId,
            clientName = "Contoso",
            bucketId = BackupBucketId,
            bucketName = "Backup",
            unitTypeKey = "backup-gb",
            kind,
            day,
            expected,
            observed,
            estimatedImpact = impact,
            currency = "AUD",
            explanation,
        };

    private void ServeAnomalies(long? totalCount, params object[] anomalies) =>
        Gateway.On(HttpMethod.Get, AnomaliesPath, request => Paged(request, anomalies, totalCount));

    [Fact]
    public void Lists_the_top_anomalies_with_their_impact_explanation_and_a_link_to_the_asset()
    {
        ServeAnomalies(null,
            Anomaly(SpikingId, "srv-01", "File server", "spike", "2026-03-14", 10.00m, 100.00m, 540.00m,
                "100.00 on 2026-03-14 against a usual 10.00 a day (median of 28 days with readings): 90.00 extra " +
                "units at 6.00 AUD overage."),
            Anomaly(SilentId, "srv-02", null, "silent", "2026-03-13", 10.00m, 0.00m, 100.00m,
                "Nothing since 2026-03-13 (2 days) after readings on 14 of the 14 days before; usually 10.00 a day: " +
                "20.00 units at risk at 5.00 AUD."));

        var panel = Render<UsageAnomalies>();

        var rows = panel.WaitForElements("[data-testid=usage-anomalies-row]");
        panel.Find("[data-testid=usage-anomalies] h3").TextContent.ShouldBe("Usage Anomalies");
        panel.FindAll("[data-testid=usage-anomalies-table] th").Select(header => header.TextContent).ShouldBe(
            ["Asset", "Bucket", "Client", "Kind", "Day", "Expected", "Observed", "Est. impact", "Why"]);
        var cells = rows.Select(row => row.QuerySelectorAll("td").Select(cell => Words(cell.TextContent)).ToList());
        cells.ToList().ShouldBe([
            ["File server veeam", "Backup backup-gb", "Contoso", "Spike", "2026-03-14", "10.00", "100.00", "AUD 540.00",
                "100.00 on 2026-03-14 against a usual 10.00 a day (median of 28 days with readings): 90.00 extra " +
                "units at 6.00 AUD overage."],
            ["srv-02 veeam", "Backup backup-gb", "Contoso", "Silent", "2026-03-13", "10.00", "0.00", "AUD 100.00",
                "Nothing since 2026-03-13 (2 days) after readings on 14 of the 14 days before; usually 10.00 a day: " +
                "20.00 units at risk at 5.00 AUD."],
        ]);
        rows.Select(row => row.GetAttribute("data-kind")).ShouldBe(["spike", "silent"]);
        panel.FindAll("[data-testid=usage-anomalies-asset]").Select(link => link.GetAttribute("href"))
            .ShouldBe(["metering/assets?search=srv-01", "metering/assets?search=srv-02"]);
        panel.Find("[data-testid=usage-anomalies-export]").GetAttribute("href")
            .ShouldBe("metering/usage-anomalies/export.csv");
        panel.FindAll("[data-testid=usage-anomalies-more]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Get, AnomaliesPath).ShouldHaveSingleItem().Query["pageSize"]
            .ShouldBe(UsageAnomalies.Top.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Says_how_many_more_the_csv_holds_when_there_are_more_than_the_panel_shows()
    {
        ServeAnomalies(totalCount: 23,
            Anomaly(SpikingId, "srv-01", null, "spike", "2026-03-14", 10m, 100m, 540m, "Spike."));

        var panel = Render<UsageAnomalies>();

        Words(panel.WaitForElement("[data-testid=usage-anomalies-more]").TextContent)
            .ShouldBe("The top 1 of 23 anomalies; the CSV has them all.");
    }

    [Fact]
    public void Says_no_anomalies_when_every_asset_behaves()
    {
        ServeAnomalies(null);

        var panel = Render<UsageAnomalies>();

        panel.WaitForElement("[data-testid=usage-anomalies-empty]").TextContent.ShouldBe("No anomalies");
        panel.FindAll("[data-testid=usage-anomalies-table]").ShouldBeEmpty();
        panel.FindAll("[data-testid=usage-anomalies-export]").ShouldBeEmpty();
        panel.FindAll("[data-testid=usage-anomalies-status]").ShouldBeEmpty("no status answered: the line is left out");
    }

    [Fact]
    public void Says_which_day_was_checked_and_when()
    {
        ServeAnomalies(null);
        Gateway.On(HttpMethod.Get, StatusPath,
            _ => Json(new { examinedDay = "2026-03-14", scannedAt = "2026-03-15T10:05:42+00:00" }));

        var panel = Render<UsageAnomalies>();

        panel.WaitForElement("[data-testid=usage-anomalies-status]").TextContent
            .ShouldBe("Day checked: 2026-03-14 (computed 2026-03-15 10:05 UTC).");
    }

    [Fact]
    public void Says_the_anomalies_are_not_checked_yet_before_the_first_scan()
    {
        ServeAnomalies(null);
        Gateway.On(HttpMethod.Get, StatusPath, _ => Json(new { examinedDay = (string?)null, scannedAt = (string?)null }));

        var panel = Render<UsageAnomalies>();

        panel.WaitForElement("[data-testid=usage-anomalies-status]").TextContent.ShouldBe(
            "Not checked yet: the first check runs within minutes of the first asset bound to a bucket.");
        panel.Find("[data-testid=usage-anomalies-empty]").TextContent.ShouldBe("No anomalies");
    }

    [Fact]
    public void Shows_the_problem_when_the_anomalies_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, AnomaliesPath,
            _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var panel = Render<UsageAnomalies>();

        panel.WaitForElement("[data-testid=usage-anomalies-error]").TextContent
            .ShouldContain("Could not load usage anomalies: Metering service unavailable");
        panel.FindAll("[data-testid=usage-anomalies-row]").ShouldBeEmpty();
    }

    /// <summary>Text with its runs of spaces and line breaks folded to single spaces.</summary>
    private static string Words(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
