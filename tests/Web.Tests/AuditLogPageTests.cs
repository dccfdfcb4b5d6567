using System.Net;
using BillingOne.Web.Api;
using BillingOne.Web.Audit;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Formatting;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class AuditLogPageTests : WebUiContext
{
    private const string AuditPath = "/api/projection/audit-log";
    private static readonly Guid KeyId = Guid.Parse("7e000000-0000-4000-8000-000000000001");
    private static readonly Guid ActorId = Guid.Parse("5a000000-0000-4000-8000-000000000002");

    public AuditLogPageTests() => Navigation.NavigateTo("audit-log");

    private IRenderedComponent<AuditLog> RenderLoaded()
    {
        var page = Render<AuditLog>();
        page.WaitForElement("[data-testid=audit-table]");
        return page;
    }

    private RecordedRequest LastRequest => Gateway.RequestsTo(HttpMethod.Get, AuditPath)[^1];

    [Fact]
    public void Lists_entries_with_the_seed_columns()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage(
        [
            AuditEntry(2, action: "update", table: "clients", recordId: "6f1d2c1e", apiKeyId: KeyId, actorType: "api-key",
                createdAt: new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero)),
            AuditEntry(1, action: "create", table: "users", recordId: "u-7"),
        ]));

        var page = RenderLoaded();

        page.FindAll("[data-testid=audit-table] thead th").Select(header => header.TextContent.Trim())
            .ShouldBe(["Action", "Table", "Record ID", "API Key ID", "Created At", "Values"]);
        var rows = page.FindAll("[data-testid=audit-row]");
        rows.Count.ShouldBe(2);
        rows[0].GetAttribute("data-audit-id").ShouldBe("2");
        rows[0].QuerySelectorAll("td").Take(2).Select(cell => cell.TextContent.Trim()).ShouldBe(["update", "clients"]);
        rows[0].QuerySelectorAll("[data-testid=short-id]").Select(id => id.GetAttribute("data-id")).ShouldBe(["6f1d2c1e", KeyId.ToString()]);
        rows[0].QuerySelector("[data-testid=audit-created-at]")!.TextContent.ShouldBe("2025-03-14 09:30 UTC");
        rows[1].QuerySelector("[data-testid=audit-api-key-id]")!.TextContent.Trim().ShouldBe("—", "made by a signed-in user");
        page.FindAll("[data-testid=audit-details]").ShouldBeEmpty("values open on demand");
        LastRequest.Query.ShouldBe(new Dictionary<string, string> { ["page"] = "1", ["pageSize"] = "50" });
        LastRequest.Authorization.ShouldBe("Bearer " + SessionToken);
    }

    [Fact]
    public void A_row_opens_to_its_old_and_new_values()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage(
        [
            AuditEntry(5, action: "update", oldValues: new { name = "Contoso", enabled = true },
                newValues: "{\"name\":\"Contoso Pty Ltd\",\"enabled\":true}", actorId: ActorId),
        ]));
        var page = RenderLoaded();

        page.Find("[data-testid=audit-toggle]").Click();

        var details = page.Find("[data-testid=audit-details]");
        page.Find("[data-testid=audit-toggle]").GetAttribute("aria-expanded").ShouldBe("true");
        details.QuerySelector("[data-testid=audit-old-values]")!.TextContent
            .ShouldBe("{\n  \"name\": \"Contoso\",\n  \"enabled\": true\n}");
        details.QuerySelector("[data-testid=audit-new-values]")!.TextContent
            .ShouldBe("{\n  \"name\": \"Contoso Pty Ltd\",\n  \"enabled\": true\n}");
        details.QuerySelector("[data-testid=audit-actor]")!.TextContent.ShouldContain("through the subscription service");
        details.QuerySelector("[data-testid=audit-actor] [data-testid=short-id]")!.GetAttribute("data-id").ShouldBe(ActorId.ToString());

        page.Find("[data-testid=audit-toggle]").Click();
        page.FindAll("[data-testid=audit-details]").ShouldBeEmpty();
    }

    [Fact]
    public void A_create_has_no_old_values()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage([AuditEntry(5, action: "create", newValues: new { name = "Ann" })]));
        var page = RenderLoaded();

        page.Find("[data-testid=audit-toggle]").Click();

        page.Find("[data-testid=audit-old-values]").TextContent.ShouldBe("None");
    }

    [Fact]
    public void Says_no_audit_entries_when_there_are_none()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage([]));

        var page = RenderLoaded();

        page.Find("[data-testid=audit-empty]").TextContent.Trim().ShouldBe("No audit entries");
        page.FindAll("[data-testid=audit-page-info]").ShouldBeEmpty();
    }

    [Fact]
    public void Filters_in_the_url_reach_the_api()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage([], totalCount: 0));
        Navigation.NavigateTo($"audit-log?table=clients&action=update&actorId={ActorId}&from=2025-03-01T00:00:00Z&to=2025-03-14T12:00:00Z&page=3");

        var page = RenderLoaded();

        LastRequest.Query.ShouldBe(new Dictionary<string, string>
        {
            ["table"] = "clients",
            ["action"] = "update",
            ["actorId"] = ActorId.ToString(),
            ["from"] = "2025-03-01T00:00:00Z",
            ["to"] = "2025-03-14T12:00:00Z",
            ["page"] = "3",
            ["pageSize"] = "50",
        });
        page.Find("[data-testid=audit-filter-table]").GetAttribute("value").ShouldBe("clients");
        page.Find("[data-testid=audit-filter-from]").GetAttribute("value").ShouldBe("2025-03-01T00:00");
        page.Find("[data-testid=audit-empty]").TextContent.ShouldContain("Nothing matches these filters.");
    }

    [Fact]
    public void Applying_filters_puts_them_in_the_url_from_the_first_page()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage([AuditEntry(1)], page: 2, totalCount: 60));
        Navigation.NavigateTo("audit-log?page=2");
        var page = RenderLoaded();

        page.Find("[data-testid=audit-filter-table]").Change("api_keys");
        page.Find("[data-testid=audit-filter-action]").Change("revoke");
        page.Find("[data-testid=audit-filter-actor]").Change(ActorId.ToString());
        page.Find("[data-testid=audit-filter-from]").Change("2025-03-01T08:00");
        page.Find("[data-testid=audit-filters]").Submit();

        Navigation.Uri.ShouldBe($"http://localhost/audit-log?table=api_keys&action=revoke&actorId={ActorId}&from=2025-03-01T08%3A00%3A00Z");
        page.WaitForAssertion(() => LastRequest.Query["table"].ShouldBe("api_keys"));
        LastRequest.Query["from"].ShouldBe("2025-03-01T08:00:00Z");
        LastRequest.Query["page"].ShouldBe("1");
    }

    [Fact]
    public void Filters_that_do_not_parse_are_explained_and_not_applied()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage([]));
        var page = RenderLoaded();

        page.Find("[data-testid=audit-filter-actor]").Change("Adam");
        page.Find("[data-testid=audit-filter-from]").Change("2025-03-14T10:00");
        page.Find("[data-testid=audit-filter-to]").Change("2025-03-14T09:00");
        page.Find("[data-testid=audit-filters]").Submit();

        page.Find("[data-testid=audit-filter-actor-errors]").TextContent.ShouldContain("Enter a user or API key ID");
        page.Find("[data-testid=audit-filter-to-errors]").TextContent.Trim().ShouldBe("Must not be before From.");
        Navigation.Uri.ShouldBe("http://localhost/audit-log");
        Gateway.RequestsTo(HttpMethod.Get, AuditPath).Count.ShouldBe(1);
    }

    [Fact]
    public void Clearing_filters_shows_everything()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => AuditPage([]));
        Navigation.NavigateTo("audit-log?table=clients&action=delete");
        var page = RenderLoaded();

        page.Find("[data-testid=audit-filter-clear]").Click();

        Navigation.Uri.ShouldBe("http://localhost/audit-log");
        page.WaitForAssertion(() => LastRequest.Query.ShouldNotContainKey("table"));
    }

    [Fact]
    public void Pages_through_the_log()
    {
        Gateway.On(HttpMethod.Get, AuditPath, request =>
            AuditPage([AuditEntry(int.Parse(request.Query["page"]))], page: int.Parse(request.Query["page"]), totalCount: 120));
        var page = RenderLoaded();

        page.Find("[data-testid=audit-page-info]").TextContent.Trim().ShouldBe("Page 1 of 3 · 120 audit entries");
        page.Find("[data-testid=audit-prev]").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-testid=audit-next]").Click();

        Navigation.Uri.ShouldBe("http://localhost/audit-log?page=2");
        page.WaitForAssertion(() => page.Find("[data-testid=audit-page-info]").TextContent.Trim().ShouldBe("Page 2 of 3 · 120 audit entries"));
    }

    [Fact]
    public void Shows_the_problem_when_the_log_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, AuditPath, _ => Problem(HttpStatusCode.Forbidden, "Forbidden", "Your role may not read the audit log."));

        var page = Render<AuditLog>();

        var error = page.WaitForElement("[data-testid=audit-error]");
        error.TextContent.ShouldContain("Could not load audit entries: Forbidden");
        error.TextContent.ShouldContain("Your role may not read the audit log.");
    }
}

[Trait("Category", "Unit")]
public sealed class AuditLogUrlTests
{
    [Fact]
    public void Unparseable_values_are_dropped()
    {
        AuditLogUrl.Parse(" ", "update", "not-a-guid", "yesterday", "2025-03-14T12:00:00Z", page: -1)
            .ShouldBe(new AuditLogQuery(Action: "update", To: new DateTimeOffset(2025, 3, 14, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Datetime_local_input_is_read_as_utc()
    {
        AuditLogUrl.ParseTime("2025-03-14T09:30").ShouldBe(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero));
        AuditLogUrl.ToInputValue(new DateTimeOffset(2025, 3, 14, 19, 30, 0, TimeSpan.FromHours(10))).ShouldBe("2025-03-14T09:30");
    }

    [Fact]
    public void Page_parameters_leave_defaults_out()
    {
        AuditLogUrl.PageParameters(new AuditLogQuery(Table: "clients")).Where(parameter => parameter.Value is not null)
            .ShouldBe([new KeyValuePair<string, object?>("table", "clients")]);
    }
}

[Trait("Category", "Unit")]
public sealed class JsonValuesFormatTests
{
    [Fact]
    public void Values_are_indented_and_keep_their_characters()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"name":"Café <Sydney>","seats":3}""");

        JsonValuesFormat.Format(document.RootElement.Clone())
            .ShouldBe("{\n  \"name\": \"Café <Sydney>\",\n  \"seats\": 3\n}");
    }

    [Fact]
    public void A_string_that_is_not_json_is_shown_as_it_is() =>
        JsonValuesFormat.Format(System.Text.Json.JsonSerializer.SerializeToElement("plain text")).ShouldBe("plain text");

    [Fact]
    public void Missing_values_are_null()
    {
        JsonValuesFormat.Format(null).ShouldBeNull();
        JsonValuesFormat.Format(System.Text.Json.JsonSerializer.SerializeToElement<object?>(null)).ShouldBeNull();
    }
}
