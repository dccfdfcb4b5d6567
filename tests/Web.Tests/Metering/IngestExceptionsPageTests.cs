using System.Net;
using AngleSharp.Dom;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

/// <summary>The Ingest Exceptions page against the metering contract's answers.</summary>
[Trait("Category", "Unit")]
public sealed class IngestExceptionsPageTests : ListPageContext<IngestExceptions>
{
    private const string IngestExceptionsPath = "/api/metering/ingest-exceptions";
    private static readonly Guid ExceptionId = Guid.Parse("8e000000-0000-4000-8000-000000000001");
    private static readonly Guid SenderKeyId = Guid.Parse("5b000000-0000-4000-8000-0000c0ffee01");

    public IngestExceptionsPageTests()
        : base(IngestExceptionsPath, "ingest-exceptions") => Gateway.ListClientChoices();

    /// <summary>A reading as the exception's kept and sent members spell it.</summary>
    private static object Reading(decimal quantity, string observedAt, string? description = null,
        string assetExternalId = "VM-CONTOSO-01") => new
        {
            assetSource = "veeam",
            assetExternalId,
            unitTypeKey = "backup-gb",
            quantity,
            observedAt,
            description,
        };

    /// <summary>An ingest exception as metering's response spells it.</summary>
    private static object Conflict(string readingId, string[] differences, object kept, object sent,
        Guid? clientId = null, string? clientName = null, Guid? id = null) => new
        {
            id = id ?? Guid.NewGuid(),
            kind = "conflict",
            readingId,
            clientId,
            clientName,
            sentBy = SenderKeyId,
            batchId = Guid.NewGuid(),
            receivedAt = "2026-12-07T10:00:00Z",
            detectedAt = "2026-12-07T10:00:01Z",
            differences,
            kept,
            keptBatchId = Guid.NewGuid(),
            keptReceivedAt = "2026-12-06T09:00:00Z",
            sent,
        };

    private static object QuantityAndTimeConflict() => Conflict("r-2026-12-07-001", ["quantity", "observedAt"],
        Reading(1.5m, "2026-12-07T09:00:00Z", "Veeam job: nightly"), Reading(2.5m, "2026-12-07T09:00:30.5Z"),
        ContosoId, "Contoso", ExceptionId);

    /// <summary>A reading's lines as the page shows them, one under the other.</summary>
    private static IEnumerable<string> Lines(IElement reading) => reading.Children.Select(CellText);

    [Fact]
    public void Lists_each_exception_with_the_kept_and_the_sent_reading_marking_what_differs()
    {
        ServeList(QuantityAndTimeConflict());

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Ingest Exceptions");
        page.Find(".page-description").TextContent.ShouldBe(
            "A reading that reused an earlier reading's id with a different payload: the first reading is kept and " +
            "billed, the later one is not stored.");
        ColumnHeaders(page).ShouldBe(
            ["Detected", "Reading ID", "Asset", "Client", "What Differs", "Kept", "Sent", "Sent By"]);
        var row = page.Find("[data-testid=ingest-exception-row]");
        row.GetAttribute("data-exception-id").ShouldBe(ExceptionId.ToString());
        row.QuerySelector("[data-testid=ingest-exception-detected]")!.TextContent.ShouldBe("2026-12-07 10:00 UTC");
        row.QuerySelector("[data-testid=ingest-exception-reading-id] code")!.TextContent.ShouldBe("r-2026-12-07-001");
        CellText(row.QuerySelector("[data-testid=ingest-exception-asset]")!).ShouldBe("VM-CONTOSO-01 veeam");
        row.QuerySelector("[data-testid=ingest-exception-client]")!.TextContent.ShouldBe("Contoso");
        row.QuerySelector("[data-testid=ingest-exception-differences]")!.TextContent.ShouldBe("quantity, observed time");
        var kept = row.QuerySelector("[data-testid=ingest-exception-kept]")!;
        Lines(kept).ShouldBe(["1.5 backup-gb", "observed 2026-12-07 09:00:00 UTC", "Veeam job: nightly"]);
        kept.QuerySelectorAll("mark").ShouldBeEmpty("the kept reading is the one billed, nothing in it is marked");
        var sent = row.QuerySelector("[data-testid=ingest-exception-sent]")!;
        Lines(sent).ShouldBe(["2.5 backup-gb", "observed 2026-12-07 09:00:30.5 UTC"]);
        sent.QuerySelectorAll("mark").Select(mark => (mark.GetAttribute("data-member"), mark.TextContent))
            .ShouldBe([("quantity", "2.5"), ("observedAt", "2026-12-07 09:00:30.5 UTC")]);
        row.QuerySelector("[data-testid=ingest-exception-sent-by] [data-testid=short-id]")!.GetAttribute("data-id")
            .ShouldBe(SenderKeyId.ToString());
        row.QuerySelector("[data-testid=ingest-exception-sent-by] code")!.TextContent.ShouldBe("c0ffee01");
        var query = Gateway.RequestsTo(HttpMethod.Get, IngestExceptionsPath).ShouldHaveSingleItem().Query;
        query.ShouldBe(new Dictionary<string, string> { ["page"] = "1", ["pageSize"] = "25" });
    }

    [Fact]
    public void A_sent_reading_for_another_asset_without_a_description_shows_both_marked()
    {
        ServeList(Conflict("r-7", ["assetExternalId", "description"],
            Reading(1m, "2026-12-07T09:00:00Z", "Veeam job: nightly"),
            Reading(1m, "2026-12-07T09:00:00Z", assetExternalId: "VM-CONTOSO-02")));

        var page = RenderLoaded();

        page.Find("[data-testid=ingest-exception-differences]").TextContent.ShouldBe("asset id, description");
        page.Find("[data-testid=ingest-exception-client]").TextContent.ShouldBe("—");
        Lines(page.Find("[data-testid=ingest-exception-kept]")).ShouldBe(
            ["asset VM-CONTOSO-01 · veeam", "1 backup-gb", "observed 2026-12-07 09:00:00 UTC", "Veeam job: nightly"]);
        var sent = page.Find("[data-testid=ingest-exception-sent]");
        Lines(sent).ShouldBe(
            ["asset VM-CONTOSO-02 · veeam", "1 backup-gb", "observed 2026-12-07 09:00:00 UTC", "no description"]);
        sent.QuerySelectorAll("mark").Select(mark => mark.TextContent).ShouldBe(["VM-CONTOSO-02", "no description"]);
    }

    [Fact]
    public void Says_no_ingest_exceptions_when_there_are_none()
    {
        var page = RenderEmptySaying("No ingest exceptions");

        CellText(page.Find("[data-testid=ingest-exceptions-empty-next]")).ShouldBe(
            "A reading sent again under an earlier reading's id with a different payload appears here; an identical " +
            "repeat is ignored.");
    }

    [Fact]
    public void Searching_asks_for_the_matching_exceptions_and_keeps_the_search_in_the_address()
    {
        ServeList(QuantityAndTimeConflict());
        Navigation.NavigateTo("metering/ingest-exceptions");
        var page = RenderLoaded();

        page.Find("[data-testid=ingest-exceptions-search]").Change(" vm-contoso ");

        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("vm-contoso"));
        LastListRequest.Query["page"].ShouldBe("1");
        Navigation.Uri.ShouldBe("http://localhost/metering/ingest-exceptions?search=vm-contoso");
        page.Find("[data-testid=ingest-exceptions-export]").GetAttribute("href")
            .ShouldBe("metering/ingest-exceptions/export.csv?search=vm-contoso");
    }

    [Fact]
    public void Filtering_by_client_asks_for_that_clients_exceptions_and_exports_them()
    {
        ServeList(QuantityAndTimeConflict());
        var page = RenderLoaded();
        page.Find("[data-testid=ingest-exceptions-export]").GetAttribute("href")
            .ShouldBe("metering/ingest-exceptions/export.csv");

        PickClient(page, "ingest-exceptions-client-filter", "Northwind");

        page.WaitForAssertion(() => LastListRequest.Query["clientId"].ShouldBe(NorthwindId.ToString()));
        page.Find("[data-testid=ingest-exceptions-export]").GetAttribute("href")
            .ShouldBe($"metering/ingest-exceptions/export.csv?clientId={NorthwindId}");
    }

    [Fact]
    public void The_address_restores_the_search_client_and_page()
    {
        Gateway.On(HttpMethod.Get, IngestExceptionsPath,
            request => Paged(request, [QuantityAndTimeConflict()], totalCount: 60));
        Navigation.NavigateTo($"metering/ingest-exceptions?search=r-2026&clientId={ContosoId}&page=2");

        var page = RenderLoaded();

        LastListRequest.Query.ShouldBe(new Dictionary<string, string>
        {
            ["search"] = "r-2026", ["clientId"] = ContosoId.ToString(), ["page"] = "2", ["pageSize"] = "25",
        });
        page.Find("[data-testid=ingest-exceptions-search]").GetAttribute("value").ShouldBe("r-2026");
        page.WaitForAssertion(() => page.Find("[data-testid=ingest-exceptions-client-filter-input]")
            .GetAttribute("value").ShouldBe("Contoso"));
        page.Find("[data-testid=ingest-exceptions-page-info]").TextContent.Trim().ShouldStartWith("Page 2 of 3");
        page.Find("[data-testid=ingest-exceptions-export]").GetAttribute("href")
            .ShouldBe($"metering/ingest-exceptions/export.csv?search=r-2026&clientId={ContosoId}");
    }

    [Fact]
    public void Shows_the_problem_when_the_exceptions_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, IngestExceptionsPath,
            _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var page = Render<IngestExceptions>();

        page.WaitForElement("[data-testid=ingest-exceptions-error]").TextContent
            .ShouldContain("Could not load ingest exceptions: Metering service unavailable");
        page.FindAll("[data-testid=ingest-exception-row]").ShouldBeEmpty();
    }
}
