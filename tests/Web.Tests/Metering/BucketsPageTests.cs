using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class BucketsPageTests : ListPageContext<Buckets>
{
    private static readonly Guid BucketId = Guid.Parse("9c000000-0000-4000-8000-000000000001");
    private static readonly string BucketPath = $"{BucketsPath}/{BucketId}";
    private static readonly Guid RunId = Guid.Parse("9d000000-0000-4000-8000-000000000001");

    public BucketsPageTests()
        : base(BucketsPath, "buckets")
    {
        Gateway.ListClientChoices();
        Gateway.On(HttpMethod.Get, UnitTypesPath, request => Paged(request,
        [
            UnitType("backup-gb", "Backup storage (GB)", id: BackupUnitTypeId),
            UnitType("mailbox", "Mailboxes", id: MailboxUnitTypeId),
        ]));
    }

    private static object ContosoBackup(bool reviewed = true, bool enabled = true) =>
        Bucket("Contoso backup", id: BucketId, reviewed: reviewed, enabled: enabled);

    [Fact]
    public void A_client_details_contracts_link_lists_that_clients_buckets()
    {
        Navigation.NavigateTo($"metering/buckets?clientId={NorthwindId}");
        ServeList(ContosoBackup());

        var page = RenderLoaded();

        LastListRequest.Query["clientId"].ShouldBe(NorthwindId.ToString());
        page.WaitForAssertion(() => page.Find("[data-testid=bucket-client-filter-input]").GetAttribute("value")
            .ShouldBe("Northwind"));
    }

    [Fact]
    public void Buckets_created_together_have_ids_a_person_can_tell_apart()
    {
        // UUIDv7s of one millisecond share their first characters: the page shows their ends.
        ServeList(
            Bucket("Contoso backup", id: Guid.Parse("019ae3c2-7b10-7c4e-9a51-3f0d2b8e41a7")),
            Bucket("Contoso mailboxes", id: Guid.Parse("019ae3c2-7b10-7d02-8c3e-a94f60c1d5b2")));

        var page = RenderLoaded();

        page.FindAll("[data-testid=bucket-id] code").Select(id => id.TextContent).ShouldBe(["2b8e41a7", "60c1d5b2"]);
        page.Find("[data-testid=buckets-table]").ParentElement!.ClassList.ShouldContain("table-scroll");
    }

    [Fact]
    public void A_bucket_whose_cost_could_not_be_calculated_says_so_and_the_rest_of_the_list_shows()
    {
        ServeList(
            ContosoBackup(),
            Bucket("Extreme", cost: null, percentOfCommit: null, status: "error",
                error: "The cost is beyond what can be calculated for this usage: check the bucket's prices and commit."));

        var page = RenderLoaded();

        var rows = page.FindAll("[data-testid=bucket-row]");
        rows.Count.ShouldBe(2);
        var status = rows[1].QuerySelector("[data-testid=bucket-usage-status]")!;
        status.TextContent.Trim().ShouldBe("Cost error");
        status.GetAttribute("title")!.ShouldContain("beyond what can be calculated");
        rows[1].QuerySelector("[data-testid=bucket-usage-detail]")!.TextContent.ShouldContain("—");
        rows[0].QuerySelector("[data-testid=bucket-usage-status]")!.TextContent.Trim().ShouldBe("On track");
    }

    [Fact]
    public void Lists_each_bucket_with_the_seed_columns()
    {
        ServeList(
            ContosoBackup(),
            Bucket("Northwind mailboxes", clientName: "Northwind", sourceType: null, unitTypeKey: "mailbox", unitTypeName: "Mailboxes",
                aggregation: "last", commitUnits: 0m, basePrice: 4m, overagePrice: 5m, reviewed: false, enabled: false,
                autoProvisioned: true, usage: 12m, cost: 60m, percentOfCommit: null, status: "over", unitTypePrecision: 0));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Billing Buckets");
        ColumnHeaders(page).ShouldBe(["ID", "Client", "Name", "Source Type", "Unit Type", "Aggregation", "Usage", "Status (current)",
            "Commit", "Reviewed", "Enabled", "Actions"]);
        var rows = page.FindAll("[data-testid=bucket-row]");
        rows.Count.ShouldBe(2);
        rows[0].QuerySelectorAll("td").Take(11).Select(CellText).ShouldBe(
        [
            "00000001Copy", "Contoso", "Contoso backup", "veeam", "Backup storage (GB) backup-gb", "max",
            "437.50 87.5 % of commit · AUD 250.00", "On track", "500.00 AUD 0.50 per period · overage AUD 0.0125 per unit", "Yes", "Enabled",
        ]);
        rows[0].QuerySelector("[data-testid=bucket-id] code")!.GetAttribute("title").ShouldBe(BucketId.ToString());
        rows[1].QuerySelector("[data-testid=bucket-name]")!.FirstChild!.TextContent.Trim().ShouldBe("Northwind mailboxes");
        rows[1].QuerySelector("[data-testid=bucket-name] .tag")!.TextContent.ShouldBe("auto");
        rows[1].QuerySelectorAll("td").Take(11).Select(CellText).Skip(1).Where((_, index) => index != 1).ShouldBe(
        [
            "Northwind", "—", "Mailboxes mailbox", "last",
            "12 — · AUD 60.00", "Over commit", "0 AUD 4.00 per period · overage AUD 5.00 per unit", "Mark reviewed", "Disabled",
        ]);
        var query = LastListRequest.Query;
        query["sort"].ShouldBe("name");
        query["direction"].ShouldBe("asc");
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
        query.Keys.ShouldBe(["sort", "direction", "page", "pageSize"], ignoreOrder: true);
        Gateway.RequestsTo(HttpMethod.Get, UnitTypesPath).ShouldHaveSingleItem().Query["pageSize"].ShouldBe("200");
    }

    [Fact]
    public void Says_no_buckets_when_there_are_none() => RenderEmptySaying("No buckets");

    [Fact]
    public void Filters_ask_for_matching_buckets_from_the_first_page()
    {
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, [ContosoBackup()], totalCount: 60));
        var page = RenderLoaded();
        page.Find("[data-testid=buckets-next]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("2"));

        page.Find("[data-testid=bucket-search]").Change("backup");
        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("backup"));
        LastListRequest.Query["page"].ShouldBe("1");
        page.Find("[data-testid=bucket-source-filter]").Change("veeam");
        page.WaitForAssertion(() => LastListRequest.Query["sourceType"].ShouldBe("veeam"));
        PickClient(page, "bucket-client-filter", "Contoso");
        page.WaitForAssertion(() => LastListRequest.Query["clientId"].ShouldBe(ContosoId.ToString()));
        page.Find("[data-testid=bucket-unit-type-filter]").Change(MailboxUnitTypeId.ToString());
        page.WaitForAssertion(() => LastListRequest.Query["unitTypeId"].ShouldBe(MailboxUnitTypeId.ToString()));
        page.Find("[data-testid=bucket-reviewed-filter]").Change("false");
        page.WaitForAssertion(() => LastListRequest.Query["reviewed"].ShouldBe("false"));
        page.Find("[data-testid=bucket-enabled-filter]").Change("true");
        page.WaitForAssertion(() => LastListRequest.Query["enabled"].ShouldBe("true"));
        LastListRequest.Query["search"].ShouldBe("backup", "filters add up");

        page.Find("[data-testid=bucket-source-clear]").Click();
        page.WaitForAssertion(() => LastListRequest.Query.ShouldNotContainKey("sourceType"));
        page.FindAll("[data-testid=bucket-source-clear]").ShouldBeEmpty();
        page.FindAll("[data-testid=bucket-unit-type-filter] option").Select(option => option.TextContent)
            .ShouldBe(["All unit types", "Backup storage (GB)", "Mailboxes"]);
    }

    [Fact]
    public void The_search_filters_sort_and_page_go_to_the_address()
    {
        Navigation.NavigateTo("metering/buckets");
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, [ContosoBackup()], totalCount: 60));
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-search]").Change("backup");
        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/buckets?search=backup"));
        page.Find("[data-testid=bucket-reviewed-filter]").Change("false");
        page.Find("[data-testid=sort-usage]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("usage"));
        page.Find("[data-testid=buckets-next]").Click();

        page.WaitForAssertion(() => Navigation.Uri.ShouldBe(
            "http://localhost/metering/buckets?search=backup&reviewed=false&sort=usage&direction=desc&page=2"));
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("2"));
    }

    [Fact]
    public void A_reload_restores_the_search_filters_sort_and_page_from_the_address()
    {
        Navigation.NavigateTo($"metering/buckets?search=backup&clientId={ContosoId}&unitTypeId={MailboxUnitTypeId}" +
            "&sourceType=veeam&reviewed=false&enabled=true&sort=usage&direction=asc&page=2");
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, [ContosoBackup()], totalCount: 60));

        var page = RenderLoaded();

        var query = LastListRequest.Query;
        (query["search"], query["clientId"], query["unitTypeId"], query["sourceType"], query["reviewed"], query["enabled"])
            .ShouldBe(("backup", ContosoId.ToString(), MailboxUnitTypeId.ToString(), "veeam", "false", "true"));
        (query["sort"], query["direction"], query["page"]).ShouldBe(("usage", "asc", "2"));
        page.Find("[data-testid=bucket-search]").GetAttribute("value").ShouldBe("backup");
    }

    [Fact]
    public void Values_an_address_cannot_hold_fall_back_to_the_defaults()
    {
        Navigation.NavigateTo("metering/buckets?clientId=contoso&reviewed=maybe&page=0");
        ServeList(ContosoBackup());

        RenderLoaded();

        LastListRequest.Query.Keys.ShouldBe(["sort", "direction", "page", "pageSize"], ignoreOrder: true);
        LastListRequest.Query["page"].ShouldBe("1");
    }

    [Fact]
    public void Sorting_by_usage_shows_the_largest_first_then_reverses()
    {
        ServeList(ContosoBackup());
        var page = RenderLoaded();

        page.Find("[data-testid=sort-usage]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("usage"));
        LastListRequest.Query["direction"].ShouldBe("desc");

        page.Find("[data-testid=sort-usage]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("asc"));

        page.Find("[data-testid=sort-client]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("client"));
        LastListRequest.Query["direction"].ShouldBe("asc");
    }

    [Fact]
    public void Adding_a_bucket_posts_the_form_leaving_out_the_unit_types_defaults()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, BucketsPath, _ => Json(ContosoBackup(), HttpStatusCode.Created));
        var page = RenderLoaded();

        PickClient(page, "bucket-create-client", "Contoso");
        page.Find("[data-testid=bucket-create-unit-type]").Change(BackupUnitTypeId.ToString());
        page.Find("[data-testid=bucket-create-name]").Change("Contoso backup");
        page.Find("[data-testid=bucket-create-source-type]").Change("veeam");
        page.Find("[data-testid=bucket-create-commit-units]").Change("500");
        page.Find("[data-testid=bucket-create-reviewed]").Change(false);
        ServeList(ContosoBackup());
        page.Find("[data-testid=bucket-create]").Submit();

        page.WaitForElement("[data-testid=bucket-row]");
        Gateway.RequestsTo(HttpMethod.Post, BucketsPath).ShouldHaveSingleItem().Body.ShouldBe(
            $$"""{"clientId":"{{ContosoId}}","name":"Contoso backup","sourceType":"veeam","unitTypeId":"{{BackupUnitTypeId}}","commitUnits":500,"reviewed":false,"enabled":true}""");
        page.Find("[data-testid=buckets-status]").TextContent.ShouldBe("Added the bucket “Contoso backup” for Contoso.");
    }

    [Fact]
    public void A_refused_bucket_shows_the_server_messages_by_field()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, BucketsPath, _ => ValidationProblem("The bucket is not valid.", new Dictionary<string, string[]>
        {
            ["clientId"] = ["clientId is required."],
            ["unitTypeId"] = ["unitTypeId is required."],
            ["name"] = ["name is required."],
            ["overagePrice"] = ["overagePrice must be at least 0."],
        }));
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-create-overage-price]").Change("-1");
        page.Find("[data-testid=bucket-create]").Submit();

        page.WaitForElement("[data-testid=bucket-create-client-errors]").TextContent.Trim().ShouldBe("clientId is required.");
        page.Find("[data-testid=bucket-create-unit-type-errors]").TextContent.Trim().ShouldBe("unitTypeId is required.");
        page.Find("[data-testid=bucket-create-name-errors]").TextContent.Trim().ShouldBe("name is required.");
        page.Find("[data-testid=bucket-create-overage-price-errors]").TextContent.Trim().ShouldBe("overagePrice must be at least 0.");
        page.Find("[data-testid=bucket-create-client-input]").GetAttribute("aria-invalid").ShouldBe("true");
        page.Find("[data-testid=bucket-create-error]").QuerySelectorAll("li").ShouldBeEmpty();
    }

    [Fact]
    public void Editing_patches_the_changed_bucket()
    {
        ServeList(ContosoBackup());
        Gateway.On(HttpMethod.Patch, BucketPath, _ => Json(Bucket("Contoso backup (all)", id: BucketId)));
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-edit]").Click();
        page.FindAll("[data-testid=bucket-edit-form-client]").ShouldBeEmpty("a bucket's client does not change");
        page.Find("[data-testid=bucket-edit-form-commit-units]").GetAttribute("value").ShouldBe("500");
        page.Find("[data-testid=bucket-edit-form-name]").Change("Contoso backup (all)");
        page.Find("[data-testid=bucket-edit-form-source-type]").Change("");
        page.Find("[data-testid=bucket-edit-form-commit-units]").Change("750");
        page.Find("[data-testid=bucket-edit-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=buckets-status]").TextContent.ShouldBe("Saved the bucket “Contoso backup (all)”."));
        Gateway.RequestsTo(HttpMethod.Patch, BucketPath).ShouldHaveSingleItem().Body.ShouldBe(
            """{"name":"Contoso backup (all)","sourceType":"","aggregation":"max","commitUnits":750,"basePrice":0.5,"overagePrice":0.0125,"reviewed":true,"enabled":true}""");
        page.FindAll("[data-testid=bucket-edit-form]").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("bucket-mark-reviewed", false, true, """{"reviewed":true}""", "is reviewed")]
    [InlineData("bucket-disable", true, true, """{"enabled":false}""", "is disabled")]
    [InlineData("bucket-enable", true, false, """{"enabled":true}""", "is enabled")]
    public void A_row_action_patches_only_its_member(string button, bool reviewed, bool enabled, string body, string status)
    {
        ServeList(ContosoBackup(reviewed, enabled));
        Gateway.On(HttpMethod.Patch, BucketPath, _ => Json(ContosoBackup()));
        var page = RenderLoaded();
        var loads = Gateway.RequestsTo(HttpMethod.Get, BucketsPath).Count;

        page.Find($"[data-testid={button}]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=buckets-status]").TextContent.ShouldContain(status));
        Gateway.RequestsTo(HttpMethod.Patch, BucketPath).ShouldHaveSingleItem().Body.ShouldBe(body);
        Gateway.RequestsTo(HttpMethod.Get, BucketsPath).Count.ShouldBe(loads + 1, "the list is loaded again");
    }

    [Fact]
    public void Deleting_asks_first_and_then_deletes()
    {
        ServeList(ContosoBackup());
        Gateway.On(HttpMethod.Delete, BucketPath, _ => NoContent());
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-delete]").Click();
        page.Find("[data-testid=bucket-delete-confirm]").TextContent
            .ShouldContain("Delete the bucket “Contoso backup” of Contoso? Its 3 bound assets become unbound");
        Gateway.RequestsTo(HttpMethod.Delete, BucketPath).ShouldBeEmpty();
        ServeList();
        page.Find("[data-testid=bucket-delete-confirm-yes]").Click();

        page.WaitForElement("[data-testid=buckets-empty]");
        Gateway.RequestsTo(HttpMethod.Delete, BucketPath).ShouldHaveSingleItem();
        page.Find("[data-testid=buckets-empty-next] a").GetAttribute("href").ShouldBe("metering/unit-types");
    }

    [Fact]
    public void A_bucket_opens_to_its_bound_assets_which_can_be_unbound()
    {
        var assetId = Guid.NewGuid();
        ServeList(ContosoBackup());
        Gateway.On(HttpMethod.Get, $"{BucketPath}/assets", request => Paged(request,
            [Asset("VM-CONTOSO-01", id: assetId, name: "File server", clientId: ContosoId, clientName: "Contoso")]));
        Gateway.On(HttpMethod.Delete, $"{BucketPath}/assets/{assetId}", _ => NoContent());
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-assets-toggle]").TextContent.Trim().ShouldBe("Assets (3)");
        page.Find("[data-testid=bucket-assets-toggle]").Click();

        var row = page.WaitForElement("[data-testid=bucket-asset-row]");
        row.QuerySelectorAll("td").Take(3).Select(CellText).ShouldBe(["VM-CONTOSO-01 veeam", "File server", "2025-03-14 09:05 UTC"]);
        var query = Gateway.RequestsTo(HttpMethod.Get, $"{BucketPath}/assets").ShouldHaveSingleItem().Query;
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe(BucketAssetsPanel.PageSize.ToString());
        var bucketLoads = Gateway.RequestsTo(HttpMethod.Get, BucketsPath).Count;
        Gateway.On(HttpMethod.Get, $"{BucketPath}/assets", request => Paged(request, []));
        page.Find("[data-testid=bucket-asset-unbind]").Click();

        page.WaitForElement("[data-testid=bucket-assets-empty]");
        Gateway.RequestsTo(HttpMethod.Delete, $"{BucketPath}/assets/{assetId}").ShouldHaveSingleItem();
        page.Find("[data-testid=bucket-assets-status]").TextContent.ShouldContain("no longer feeds “Contoso backup”");
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, BucketsPath).Count.ShouldBe(bucketLoads + 1,
            "the bucket's count and usage are loaded again"));
    }

    [Fact]
    public void Auto_provisioning_shows_the_runs_progress_until_it_ends()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, ProvisioningRunsPath, _ => Json(ProvisioningRun(RunId, "running"), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Get, $"{ProvisioningRunsPath}/{RunId}", _ => Json(ProvisioningRun(RunId, "running", bucketsCreated: 2, assetsBound: 5)));
        var page = RenderLoaded();

        page.Find("[data-testid=provisioning-run]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=provisioning-state]").TextContent.ShouldBe("running"));
        page.Find("[data-testid=provisioning-status]").TextContent.ShouldContain("0 buckets created · 0 assets bound");
        page.Find("[data-testid=provisioning-run]").HasAttribute("disabled").ShouldBeTrue();
        Time.AdvanceAfterTimer(1, ProvisioningRunner.PollInterval);
        page.WaitForAssertion(() => page.Find("[data-testid=provisioning-status]").TextContent
            .ShouldContain("2 buckets created · 5 assets bound"));
        Gateway.On(HttpMethod.Get, $"{ProvisioningRunsPath}/{RunId}", _ => Json(ProvisioningRun(RunId, "succeeded", bucketsCreated: 3, assetsBound: 7)));
        ServeList(ContosoBackup());
        Time.AdvanceAfterTimer(2, ProvisioningRunner.PollInterval);

        page.WaitForAssertion(() => page.Find("[data-testid=provisioning-state]").TextContent.ShouldBe("succeeded"));
        page.Find("[data-testid=provisioning-status]").TextContent.ShouldContain("3 buckets created · 7 assets bound");
        page.Find("[data-testid=provisioning-status]").TextContent.ShouldContain("finished 2025-03-14 09:31 UTC");
        page.WaitForElement("[data-testid=bucket-row]");
        page.Find("[data-testid=provisioning-run]").HasAttribute("disabled").ShouldBeFalse();
        Gateway.RequestsTo(HttpMethod.Post, ProvisioningRunsPath).ShouldHaveSingleItem().Body.ShouldBeNull();
        Gateway.RequestsTo(HttpMethod.Get, $"{ProvisioningRunsPath}/{RunId}").Count.ShouldBe(2);
    }

    [Fact]
    public void A_failed_run_shows_its_error()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, ProvisioningRunsPath, _ => Json(ProvisioningRun(RunId, "failed", error: "Unit type backup-gb has no price.")));
        var page = RenderLoaded();

        page.Find("[data-testid=provisioning-run]").Click();

        page.WaitForElement("[data-testid=provisioning-run-error]").TextContent.ShouldBe("Unit type backup-gb has no price.");
        page.Find("[data-testid=provisioning-state]").TextContent.ShouldBe("failed");
        Gateway.RequestsTo(HttpMethod.Get, $"{ProvisioningRunsPath}/{RunId}").ShouldBeEmpty();
    }

    [Fact]
    public void A_read_only_user_sees_buckets_and_their_assets_but_no_changes()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(ContosoBackup(reviewed: false));

        var page = RenderLoaded();

        page.FindAll("form").ShouldBeEmpty();
        page.FindAll("[data-testid=provisioning-run]").ShouldBeEmpty();
        page.Find("[data-testid=buckets-read-only]").TextContent.ShouldContain("Only owners, admins and finance");
        page.Find("[data-testid=bucket-row]").QuerySelectorAll(ChangeButtons).Select(button => button.GetAttribute("data-testid"))
            .ShouldBe(["bucket-assets-toggle", "bucket-history-toggle"]);
        page.Find("[data-testid=bucket-reviewed]").TextContent.Trim().ShouldBe("No");
    }
}
