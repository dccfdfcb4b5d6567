using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class UnitTypesPageTests() : ListPageContext<UnitTypes>(UnitTypesPath, "unit-types")
{
    private static readonly string BackupPath = $"{UnitTypesPath}/{BackupUnitTypeId}";

    private static object Backup(string name = "Backup storage (GB)") =>
        UnitType("backup-gb", name, id: BackupUnitTypeId, description: "Protected storage per job", autoProvision: true,
            filterPattern: "VM-*", commitUnits: 100m);

    [Fact]
    public void Lists_each_unit_type_with_the_seed_intro_and_columns()
    {
        ServeList(Backup(), UnitType("mailbox", "Mailboxes", basePrice: 4m, overagePrice: 5m, currency: "JPY", aggregation: "last", precision: 0));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Unit Types");
        page.Markup.ShouldContain("Metering unit types. Template fields drive nightly auto-provisioning of billing buckets.");
        ColumnHeaders(page).ShouldBe(["Name", "Description", "Auto-Provision", "Base (per period)", "Overage (per unit)", "Aggregation", "Precision", "Filter Pattern", "Actions"]);
        var rows = page.FindAll("[data-testid=unit-type-row]");
        rows.Count.ShouldBe(2);
        rows[0].QuerySelectorAll("td").Take(8).Select(CellText).ShouldBe(["Backup storage (GB) backup-gb", "Protected storage per job", "on", "AUD 0.50", "AUD 0.0125", "max", "2", "VM-*"]);
        rows[1].QuerySelectorAll("td").Take(8).Select(CellText).ShouldBe(["Mailboxes mailbox", "—", "off", "JPY 4", "JPY 5", "last", "0", "—"]);
        var query = Gateway.RequestsTo(HttpMethod.Get, UnitTypesPath).ShouldHaveSingleItem().Query;
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
    }

    [Fact]
    public void Says_no_unit_types_when_there_are_none() => RenderEmptySaying("No unit types");

    [Fact]
    public void Pages_through_the_unit_types()
    {
        Gateway.On(HttpMethod.Get, UnitTypesPath, request => Paged(request, [UnitType($"page-{request.Query["page"]}", "Page")], totalCount: 26));
        var page = RenderLoaded();

        page.Find("[data-testid=unit-types-next]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=unit-type-name] .key-prefix").TextContent.ShouldBe("page-2"));
        page.Find("[data-testid=unit-types-page-info]").TextContent.Trim().ShouldBe("Page 2 of 2 · 26 unit types");
    }

    [Fact]
    public void Paging_puts_the_page_in_the_address()
    {
        Navigation.NavigateTo("metering/unit-types");
        Gateway.On(HttpMethod.Get, UnitTypesPath, request => Paged(request, [UnitType($"page-{request.Query["page"]}", "Page")], totalCount: 60));
        var page = RenderLoaded();

        page.Find("[data-testid=unit-types-next]").Click();

        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/unit-types?page=2"));
        page.WaitForAssertion(() => page.Find("[data-testid=unit-type-name] .key-prefix").TextContent.ShouldBe("page-2"));

        page.Find("[data-testid=unit-types-prev]").Click();

        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/unit-types"));
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("1"));
    }

    [Fact]
    public void Opening_the_address_of_a_page_shows_that_page()
    {
        Navigation.NavigateTo("metering/unit-types?page=2");
        Gateway.On(HttpMethod.Get, UnitTypesPath, request => Paged(request, [UnitType($"page-{request.Query["page"]}", "Page")], totalCount: 60));

        var page = RenderLoaded();

        var request = Gateway.RequestsTo(HttpMethod.Get, UnitTypesPath).ShouldHaveSingleItem();
        (request.Query["page"], request.Query["pageSize"]).ShouldBe(("2", "25"));
        page.Find("[data-testid=unit-types-page-info]").TextContent.Trim().ShouldBe("Page 2 of 3 · 60 unit types");
    }

    [Fact]
    public void Adding_a_unit_type_posts_the_form_and_shows_the_list_again()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, UnitTypesPath, _ => Json(Backup(), HttpStatusCode.Created));
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-create-key]").Change("backup-gb");
        page.Find("[data-testid=unit-type-create-name]").Change(" Backup storage (GB) ");
        page.Find("[data-testid=unit-type-create-base-price]").Change("0.5");
        page.Find("[data-testid=unit-type-create-overage-price]").Change("0.0125");
        page.Find("[data-testid=unit-type-create-currency]").Change("aud");
        page.Find("[data-testid=unit-type-create-commit-units]").Change("100");
        page.Find("[data-testid=unit-type-create-precision]").Change(" 3 ");
        page.Find("[data-testid=unit-type-create-aggregation]").Change("max");
        page.Find("[data-testid=unit-type-create-filter-pattern]").Change("VM-*");
        page.Find("[data-testid=unit-type-create-auto-provision]").Change(true);
        ServeList(Backup());
        page.Find("[data-testid=unit-type-create]").Submit();

        page.WaitForElement("[data-testid=unit-type-row]");
        Gateway.RequestsTo(HttpMethod.Post, UnitTypesPath).ShouldHaveSingleItem().Body.ShouldBe(
            """{"key":"backup-gb","name":"Backup storage (GB)","autoProvision":true,"basePrice":0.5,"overagePrice":0.0125,"currency":"AUD","aggregation":"max","filterPattern":"VM-*","commitUnits":100,"precision":3}""");
        page.Find("[data-testid=unit-types-status]").TextContent.ShouldBe("Added the unit type “Backup storage (GB)” (backup-gb).");
        page.Find("[data-testid=unit-type-create-key]").GetAttribute("value").ShouldBe("");
    }

    [Fact]
    public void A_refused_unit_type_shows_the_server_messages_by_field()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, UnitTypesPath, _ => ValidationProblem("The unit type is not valid.", new Dictionary<string, string[]>
        {
            ["key"] = ["key must be 1–64 lower-case letters, digits and single hyphens."],
            ["basePrice"] = ["basePrice is required."],
            ["currency"] = ["'AU' is not an ISO-4217 currency code."],
            ["commitUnits"] = ["commitUnits must be between 0 and 99999999999999.9999 with at most 4 decimal places."],
        }));
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-create-key]").Change("Backup GB");
        page.Find("[data-testid=unit-type-create-currency]").Change("AU");
        page.Find("[data-testid=unit-type-create]").Submit();

        page.WaitForElement("[data-testid=unit-type-create-key-errors]").TextContent.Trim()
            .ShouldBe("key must be 1–64 lower-case letters, digits and single hyphens.");
        page.Find("[data-testid=unit-type-create-base-price-errors]").TextContent.Trim().ShouldBe("basePrice is required.");
        page.Find("[data-testid=unit-type-create-currency-errors]").TextContent.Trim().ShouldBe("'AU' is not an ISO-4217 currency code.");
        page.Find("[data-testid=unit-type-create-commit-units-errors]").TextContent.ShouldContain("at most 4 decimal places");
        page.Find("[data-testid=unit-type-create-key]").GetAttribute("aria-invalid").ShouldBe("true");
        var alert = page.Find("[data-testid=unit-type-create-error]");
        alert.TextContent.ShouldContain("The unit type is not valid.");
        alert.QuerySelectorAll("li").ShouldBeEmpty("every message is already shown by its field");
        page.Find("[data-testid=unit-type-create-key]").GetAttribute("value").ShouldBe("Backup GB");
    }

    [Fact]
    public void A_price_that_is_not_a_number_is_refused_before_anything_is_sent()
    {
        ServeList();
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-create-base-price]").Change("twelve");
        page.Find("[data-testid=unit-type-create]").Submit();

        page.Find("[data-testid=unit-type-create-base-price-errors]").TextContent.ShouldContain("“twelve” is not a number");
        Gateway.RequestsTo(HttpMethod.Post, UnitTypesPath).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("two")]
    public void A_precision_that_is_not_a_whole_number_is_refused_before_anything_is_sent(string precision)
    {
        ServeList();
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-create-precision]").Change(precision);
        page.Find("[data-testid=unit-type-create]").Submit();

        page.Find("[data-testid=unit-type-create-precision-errors]").TextContent.ShouldContain("is not a whole number");
        Gateway.RequestsTo(HttpMethod.Post, UnitTypesPath).ShouldBeEmpty();
    }

    [Fact]
    public void Editing_patches_every_member_and_clears_a_blank_description()
    {
        ServeList(Backup());
        Gateway.On(HttpMethod.Patch, BackupPath, _ => Json(Backup("Backup (GB)")));
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-edit]").Click();
        page.Find("[data-testid=unit-type-edit-form-name]").GetAttribute("value").ShouldBe("Backup storage (GB)");
        page.Find("[data-testid=unit-type-edit-form-base-price]").GetAttribute("value").ShouldBe("0.5");
        page.Find("[data-testid=unit-type-edit-form-precision]").GetAttribute("value").ShouldBe("2");
        page.Find("[data-testid=unit-type-edit-form-name]").Change("Backup (GB)");
        page.Find("[data-testid=unit-type-edit-form-description]").Change("");
        page.Find("[data-testid=unit-type-edit-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=unit-types-status]").TextContent.ShouldBe("Saved the unit type “Backup (GB)”."));
        using var body = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Patch, BackupPath).ShouldHaveSingleItem().Body!);
        body.RootElement.GetProperty("name").GetString().ShouldBe("Backup (GB)");
        body.RootElement.GetProperty("description").GetString().ShouldBe("", "a blank description clears it");
        body.RootElement.GetProperty("key").GetString().ShouldBe("backup-gb");
        body.RootElement.GetProperty("filterPattern").GetString().ShouldBe("VM-*");
        body.RootElement.GetProperty("basePrice").GetDecimal().ShouldBe(0.5m);
        body.RootElement.GetProperty("autoProvision").GetBoolean().ShouldBeTrue();
        body.RootElement.GetProperty("precision").GetInt32().ShouldBe(2);
        page.FindAll("[data-testid=unit-type-edit-form]").ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_edit_keeps_the_form_open_with_the_messages()
    {
        ServeList(Backup());
        Gateway.On(HttpMethod.Patch, BackupPath, _ => Problem(HttpStatusCode.Conflict, "Unit type key already in use.",
            "Another unit type of this organization already has the key 'mailbox'."));
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-edit]").Click();
        page.Find("[data-testid=unit-type-edit-form-key]").Change("mailbox");
        page.Find("[data-testid=unit-type-edit-form]").Submit();

        page.WaitForElement("[data-testid=unit-type-edit-form-error]").TextContent.ShouldContain("Unit type key already in use.");
        page.Find("[data-testid=unit-type-edit-form-key]").GetAttribute("value").ShouldBe("mailbox");
    }

    [Fact]
    public void Deleting_asks_first_and_then_deletes()
    {
        ServeList(Backup());
        Gateway.On(HttpMethod.Delete, BackupPath, _ => NoContent());
        var page = RenderLoaded();

        page.Find("[data-testid=unit-type-delete]").Click();
        page.Find("[data-testid=unit-type-delete-confirm]").TextContent.ShouldContain("Delete the unit type “Backup storage (GB)”?");
        Gateway.RequestsTo(HttpMethod.Delete, BackupPath).ShouldBeEmpty();
        ServeList();
        page.Find("[data-testid=unit-type-delete-confirm-yes]").Click();

        page.WaitForElement("[data-testid=unit-types-empty]");
        Gateway.RequestsTo(HttpMethod.Delete, BackupPath).ShouldHaveSingleItem();
        page.Find("[data-testid=unit-types-empty-next]").TextContent.ShouldContain("add one above");
        page.Find("[data-testid=unit-types-status]").TextContent.ShouldBe("Deleted the unit type “Backup storage (GB)”.");
    }

    [Fact]
    public void A_read_only_user_sees_unit_types_but_no_forms()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Backup());

        var page = RenderLoaded();

        page.FindAll("form").ShouldBeEmpty();
        page.Find("[data-testid=unit-types-read-only]").TextContent.ShouldContain("Only owners, admins and finance");
        page.Find("[data-testid=unit-type-row]").QuerySelectorAll("button").ShouldBeEmpty();
    }
}
