using System.Net;
using BillingOne.Web.Api;
using BillingOne.Web.Components.SyncTools;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Reconciliation;

/// <summary>The catalog mapping's CSV import: read and confirmed here, set by the subscription service.</summary>
[Trait("Category", "Unit")]
public sealed class CatalogImportTests : WebUiContext
{
    private const string ImportPath = "/api/subscription/catalog/import";
    private const string EdrId = "a1b2c3d4-0000-4000-8000-000000000002";
    private const string Csv = "product_id,covers,monthly_unit_price\n" +
        $"{EdrId},servers,4.50\n" +
        "a1b2c3d4-0000-4000-8000-000000000003,\"users\",\n";

    public CatalogImportTests() => ServeCatalog(Product("Datto EDR", source: "pax8", covers: "devices"));

    private static object Product(string name, string source, string covers) => new
    {
        productId = EdrId,
        name,
        vendorName = "Datto",
        sku = (string?)null,
        licenceUnit = "device",
        unitPrice = 4.5m,
        currency = "AUD",
        source,
        activeSubscriptions = 1,
        activeQuantity = 10m,
        covers,
        coversSource = source,
    };

    private void ServeCatalog(params object[] products) =>
        Gateway.On(HttpMethod.Get, CatalogPath, request => Paged(request, products));

    private IRenderedComponent<CatalogMappings> RenderLoaded()
    {
        var catalog = Render<CatalogMappings>();
        catalog.WaitForElement("[data-testid=catalog-table]");
        return catalog;
    }

    private static void Upload(IRenderedComponent<CatalogMappings> catalog, InputFileContent file) =>
        catalog.FindComponent<InputFile>().UploadFiles(file);

    [Fact]
    public void A_file_is_confirmed_by_its_name_and_rows_then_imported_and_the_catalog_shows_what_it_set()
    {
        Gateway.On(HttpMethod.Post, ImportPath, _ => Json(new { products = 2 }));
        var catalog = RenderLoaded();

        Upload(catalog, InputFileContent.CreateFromText(Csv, "catalog.csv"));

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-summary]").TextContent
            .ShouldBe("“catalog.csv” has 2 rows: import it? Every row is set, or none; products not in the file keep their mapping."));
        Gateway.RequestsTo(HttpMethod.Post, ImportPath).ShouldBeEmpty("nothing is sent before the user confirms");

        ServeCatalog(Product("Datto EDR", source: "manual", covers: "servers"));
        catalog.Find("[data-testid=catalog-import-apply]").TextContent.Trim().ShouldBe("Import 2 rows");
        catalog.Find("[data-testid=catalog-import-apply]").Click();

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-status]").TextContent
            .ShouldBe("Imported “catalog.csv”: 2 products set."));
        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-source]").TextContent.Trim().ShouldBe("manual"));
        catalog.Find("[data-testid=catalog-covers]").TextContent.Trim().ShouldBe("Covers servers");
        catalog.FindAll("[data-testid=catalog-import-confirm]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Post, ImportPath).ShouldHaveSingleItem().Body.ShouldBe(Csv);
        Gateway.RequestsTo(HttpMethod.Get, CatalogPath).Count.ShouldBe(2, "the catalog reloads after the import");
    }

    [Fact]
    public void A_file_the_service_refuses_shows_each_problem_by_its_line_and_column_and_sets_nothing()
    {
        Gateway.On(HttpMethod.Post, ImportPath, _ => Problem(HttpStatusCode.BadRequest,
            "The catalog file is not valid: nothing was set.",
            errors: new Dictionary<string, string[]>
            {
                ["rows[3].covers"] = ["Line 3: covers: covers must be one of workstations, servers, devices, users, none."],
                ["rows[2].product_id"] = ["Line 2: there is no such Pax8 product in this organization's catalog."],
            }));
        var catalog = RenderLoaded();

        Upload(catalog, InputFileContent.CreateFromText(Csv, "catalog.csv"));
        catalog.WaitForElement("[data-testid=catalog-import-apply]").Click();

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-error]").TextContent
            .ShouldContain("Import: The catalog file is not valid: nothing was set."));
        catalog.FindAll("[data-testid=catalog-import-error-row]")
            .Select(row => (row.GetAttribute("data-line"), row.GetAttribute("data-column"), row.QuerySelectorAll("td")[2].TextContent))
            .ShouldBe([
                ("2", "product_id", "Line 2: there is no such Pax8 product in this organization's catalog."),
                ("3", "covers", "Line 3: covers: covers must be one of workstations, servers, devices, users, none."),
            ]);
        // The row messages are in the table, not repeated in the alert's list.
        catalog.FindAll("[data-testid=catalog-import-error] li").ShouldBeEmpty();
        catalog.FindAll("[data-testid=catalog-import-status]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Get, CatalogPath).Count.ShouldBe(1, "nothing was set, so the catalog is not reloaded");
    }

    [Fact]
    public void A_file_level_problem_shows_in_the_alert()
    {
        Gateway.On(HttpMethod.Post, ImportPath, _ => Problem(HttpStatusCode.BadRequest,
            "The catalog file is not valid: nothing was set.",
            errors: new Dictionary<string, string[]> { ["file"] = ["The file is not UTF-8 text."] }));
        var catalog = RenderLoaded();

        Upload(catalog, InputFileContent.CreateFromText(Csv, "catalog.csv"));
        catalog.WaitForElement("[data-testid=catalog-import-apply]").Click();

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-error] li").TextContent
            .ShouldBe("The file is not UTF-8 text."));
        catalog.FindAll("[data-testid=catalog-import-errors]").ShouldBeEmpty();
    }

    [Fact]
    public void A_file_that_is_not_csv_is_refused_before_anything_is_sent()
    {
        var catalog = RenderLoaded();

        Upload(catalog, InputFileContent.CreateFromText(Csv, "catalog.xlsx"));

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-refused]").TextContent
            .ShouldBe("“catalog.xlsx” is not a CSV file: choose a .csv file."));
        catalog.FindAll("[data-testid=catalog-import-apply]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Post, ImportPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_anything_is_sent()
    {
        var catalog = RenderLoaded();

        Upload(catalog, InputFileContent.CreateFromBinary(new byte[CatalogImportFile.MaxFileBytes + 1], "everything.csv"));

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-refused]").TextContent
            .ShouldBe("“everything.csv” is larger than the 1 MB an import takes: split it into smaller files."));
        catalog.FindAll("[data-testid=catalog-import-apply]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Post, ImportPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_file_without_the_imports_header_is_refused_before_anything_is_sent()
    {
        var catalog = RenderLoaded();

        Upload(catalog, InputFileContent.CreateFromText("name,price\nDatto EDR,4.50\n", "prices.csv"));

        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-import-refused]").TextContent
            .ShouldBe("“prices.csv” has no product_id or covers column: the first line must be the header product_id,covers,monthly_unit_price."));
        Gateway.RequestsTo(HttpMethod.Post, ImportPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_read_only_user_is_offered_no_import()
    {
        SignInAs(TestUser.ReadOnly);

        var catalog = RenderLoaded();

        catalog.FindAll("[data-testid=catalog-import]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("product_id,covers\n", 0)]
    [InlineData("\uFEFFProduct_ID , Covers\r\na,servers\r\n\r\nb,users\r\n", 2)]
    [InlineData("product_id,covers,name\na,servers,\"EDR\nfor servers\"\n", 1)]
    public void The_confirmation_counts_records_not_lines(string csv, int rows)
    {
        var (counted, missing) = CatalogImportFile.Inspect(csv);

        counted.ShouldBe(rows);
        missing.ShouldBeEmpty();
    }
}
