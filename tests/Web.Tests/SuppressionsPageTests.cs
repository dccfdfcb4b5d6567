using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class SuppressionsPageTests : WebUiContext
{
    private const string SuppressionsPath = "/api/ingestion/suppressions";
    private static readonly Guid LabRuleId = Guid.Parse("5c000000-0000-4000-8000-000000000001");

    /// <summary>A rule as the ingestion service's SuppressionResponse spells it.</summary>
    private static object Rule(
        string pattern, string type = "glob", string target = "asset-id", string? reason = null, long suppressedCount = 0,
        Guid? id = null, DateTimeOffset? createdAt = null) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            pattern,
            type,
            target,
            reason,
            createdAt = createdAt ?? new DateTimeOffset(2025, 3, 10, 14, 45, 0, TimeSpan.Zero),
            createdBy = TestUser.Owner.Id,
            suppressedCount,
            lastSuppressedAt = suppressedCount == 0 ? (DateTimeOffset?)null : new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero),
        };

    private void ListRules(params object[] rules) =>
        Gateway.On(HttpMethod.Get, SuppressionsPath, request => Json(new
        {
            items = rules,
            page = int.Parse(request.Query["page"]),
            pageSize = int.Parse(request.Query["pageSize"]),
            totalCount = rules.Length,
        }));

    private IRenderedComponent<Suppressions> RenderLoaded()
    {
        var page = Render<Suppressions>();
        page.WaitForElement("[data-testid=suppressions-table]");
        return page;
    }

    [Fact]
    public void Lists_each_rule_with_the_seed_columns()
    {
        ListRules(
            Rule("LAB-*", reason: "Lab machines, never billed", suppressedCount: 1234, id: LabRuleId),
            Rule("^veeam-test", type: "regex", target: "source"));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Ingest Suppressions");
        page.Markup.ShouldContain("Matching assets will be silently dropped at ingest — no asset row, no raw data stored.");
        page.FindAll("[data-testid=not-available]").ShouldBeEmpty();
        page.FindAll("[data-testid=suppressions-table] thead th").Select(header => header.TextContent.Trim())
            .ShouldBe(["Pattern", "Type", "Reason", "Created", "Actions"]);
        var rows = page.FindAll("[data-testid=suppression-row]");
        rows.Count.ShouldBe(2);
        rows[0].GetAttribute("data-suppression-id").ShouldBe(LabRuleId.ToString());
        rows[0].QuerySelector("[data-testid=suppression-pattern]")!.TextContent.ShouldBe("LAB-*");
        rows[0].QuerySelector("[data-testid=suppression-count]")!.TextContent.Trim().ShouldBe("1,234 readings suppressed");
        rows[0].QuerySelector("[data-testid=suppression-type]")!.TextContent.ShouldBe("glob · asset id");
        rows[0].QuerySelector("[data-testid=suppression-reason]")!.TextContent.Trim().ShouldBe("Lab machines, never billed");
        rows[0].QuerySelector("[data-testid=suppression-created]")!.TextContent.ShouldBe("2025-03-10 14:45 UTC");
        rows[1].QuerySelector("[data-testid=suppression-type]")!.TextContent.ShouldBe("regex · source");
        rows[1].QuerySelector("[data-testid=suppression-count]")!.TextContent.Trim().ShouldBe("nothing suppressed yet");
        rows[1].QuerySelector("[data-testid=suppression-reason]")!.TextContent.Trim().ShouldBe("—");
        var list = Gateway.RequestsTo(HttpMethod.Get, SuppressionsPath).ShouldHaveSingleItem();
        list.Query["page"].ShouldBe("1");
        list.Authorization.ShouldBe("Bearer " + SessionToken);
    }

    private void ListRulesPerPage(long totalCount) =>
        Gateway.On(HttpMethod.Get, SuppressionsPath, request => Json(new
        {
            items = new[] { Rule($"PAGE-{request.Query["page"]}-*") },
            page = int.Parse(request.Query["page"]),
            pageSize = int.Parse(request.Query["pageSize"]),
            totalCount,
        }));

    [Fact]
    public void Opening_the_address_of_a_page_shows_that_page()
    {
        ListRulesPerPage(totalCount: 60);
        Navigation.NavigateTo("metering/suppressions?page=3");

        var page = RenderLoaded();

        Gateway.RequestsTo(HttpMethod.Get, SuppressionsPath).ShouldHaveSingleItem().Query["page"].ShouldBe("3");
        page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("PAGE-3-*");
    }

    [Fact]
    public void Paging_puts_the_page_in_the_address()
    {
        ListRulesPerPage(totalCount: 60);
        Navigation.NavigateTo("metering/suppressions");
        var page = RenderLoaded();

        page.Find("[data-testid=suppressions-next]").Click();

        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/suppressions?page=2"));
        page.WaitForAssertion(() => page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("PAGE-2-*"));
    }

    [Fact]
    public void Says_no_suppression_rules_when_there_are_none()
    {
        ListRules();

        var page = RenderLoaded();

        page.Find("[data-testid=suppressions-empty]").TextContent.Trim().ShouldBe("No suppression rules");
        page.FindAll("[data-testid=suppression-row]").ShouldBeEmpty();
    }

    [Fact]
    public void Pages_through_the_rules()
    {
        Gateway.On(HttpMethod.Get, SuppressionsPath, request => Json(new
        {
            items = new[] { Rule($"PAGE-{request.Query["page"]}-*") },
            page = int.Parse(request.Query["page"]),
            pageSize = 25,
            totalCount = 30,
        }));
        var page = RenderLoaded();
        page.Find("[data-testid=suppressions-page-info]").TextContent.Trim().ShouldStartWith("Page 1 of 2");
        page.Find("[data-testid=suppressions-prev]").HasAttribute("disabled").ShouldBeTrue();

        page.Find("[data-testid=suppressions-next]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("PAGE-2-*"));
        Gateway.Requests.Last().Query["page"].ShouldBe("2");
        page.Find("[data-testid=suppressions-next]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Fact]
    public void Deleting_the_only_rule_of_the_last_page_shows_the_page_before_it()
    {
        var totalCount = 26;
        Gateway.On(HttpMethod.Get, SuppressionsPath, request =>
        {
            var requested = int.Parse(request.Query["page"]);
            var items = requested == 1 ? [Rule("FIRST-PAGE-*")] : totalCount > 25 ? new[] { Rule("LAST-*", id: LabRuleId) } : [];
            return Json(new { items, page = requested, pageSize = 25, totalCount });
        });
        Gateway.On(HttpMethod.Delete, $"{SuppressionsPath}/{LabRuleId}", _ =>
        {
            totalCount = 25;
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var page = RenderLoaded();
        page.Find("[data-testid=suppressions-next]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("LAST-*"));

        page.Find("[data-testid=suppression-delete]").Click();
        page.Find("[data-testid=suppression-confirm-yes]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("FIRST-PAGE-*"));
        page.Find("[data-testid=suppressions-page-info]").TextContent.Trim().ShouldStartWith("Page 1 of 1");
        page.FindAll("[data-testid=suppressions-empty]").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_the_problem_when_the_list_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, SuppressionsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Ingestion service unavailable"));

        var page = Render<Suppressions>();

        page.WaitForElement("[data-testid=suppressions-error]").TextContent
            .ShouldContain("Could not load suppression rules: Ingestion service unavailable");
    }

    [Fact]
    public void Creating_a_rule_posts_the_form_and_reloads_the_list()
    {
        ListRules();
        Gateway.On(HttpMethod.Post, SuppressionsPath, _ => Json(Rule("*-lab", type: "glob", target: "description"), HttpStatusCode.Created));
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-create-pattern]").Change("  *-lab ");
        page.Find("[data-testid=suppression-create-type]").Change("glob");
        page.Find("[data-testid=suppression-create-target]").Change("description");
        page.Find("[data-testid=suppression-create-reason]").Change("Lab devices");
        ListRules(Rule("*-lab", target: "description", reason: "Lab devices"));
        page.Find("[data-testid=suppression-create-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("*-lab"));
        var create = Gateway.RequestsTo(HttpMethod.Post, SuppressionsPath).ShouldHaveSingleItem();
        create.Body.ShouldBe("""{"pattern":"*-lab","type":"glob","target":"description","reason":"Lab devices"}""");
        create.Authorization.ShouldBe("Bearer " + SessionToken);
        page.Find("[data-testid=suppressions-status]").TextContent.ShouldContain("“*-lab” are dropped at ingest");
        page.Find("[data-testid=suppression-create-pattern]").GetAttribute("value").ShouldBe("");
    }

    [Fact]
    public void A_rule_without_a_reason_sends_a_regex_with_a_null_reason()
    {
        ListRules();
        Gateway.On(HttpMethod.Post, SuppressionsPath, _ => Json(Rule("^TEST"), HttpStatusCode.Created));
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-create-pattern]").Change("^TEST");
        page.Find("[data-testid=suppression-create-type]").Change("regex");
        page.Find("[data-testid=suppression-create-form]").Submit();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Post, SuppressionsPath).ShouldHaveSingleItem()
            .Body.ShouldBe("""{"pattern":"^TEST","type":"regex","target":"asset-id","reason":null}"""));
    }

    [Fact]
    public void An_empty_pattern_is_refused_before_anything_is_sent()
    {
        ListRules();
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-create-pattern]").Change("   ");
        page.Find("[data-testid=suppression-create-form]").Submit();

        page.Find("[data-testid=suppression-create-pattern-errors]").TextContent.Trim()
            .ShouldBe("Enter the pattern of the assets to drop.");
        Gateway.RequestsTo(HttpMethod.Post, SuppressionsPath).ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_create_shows_the_server_messages_by_field()
    {
        ListRules();
        Gateway.On(HttpMethod.Post, SuppressionsPath, _ => Problem(HttpStatusCode.BadRequest, "The suppression rule is not valid.",
            errors: new Dictionary<string, string[]>
            {
                ["pattern"] = ["Pattern is not a valid regular expression."],
                ["reason"] = ["Reason must be at most 500 characters."],
                ["type"] = ["type must be 'glob' or 'regex'."],
                ["target"] = ["target must be 'asset-id', 'source' or 'description'."],
            }));
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-create-pattern]").Change("([");
        page.Find("[data-testid=suppression-create-form]").Submit();

        page.WaitForElement("[data-testid=suppression-create-pattern-errors]").TextContent.Trim()
            .ShouldBe("Pattern is not a valid regular expression.");
        page.Find("[data-testid=suppression-create-reason-errors]").TextContent.Trim().ShouldBe("Reason must be at most 500 characters.");
        page.Find("[data-testid=suppression-create-type-errors]").TextContent.Trim().ShouldBe("type must be 'glob' or 'regex'.");
        page.Find("[data-testid=suppression-create-target-errors]").TextContent.Trim()
            .ShouldBe("target must be 'asset-id', 'source' or 'description'.");
        page.Find("[data-testid=suppression-create-pattern]").GetAttribute("aria-invalid").ShouldBe("true");
        var alert = page.Find("[data-testid=suppression-create-error]");
        alert.TextContent.ShouldContain("The suppression rule is not valid.");
        alert.QuerySelectorAll("li").ShouldBeEmpty("every message is already shown next to its field");
        page.Find("[data-testid=suppression-create-pattern]").GetAttribute("value").ShouldBe("([", "the input is kept to correct it");
    }

    [Fact]
    public void Deleting_asks_first_and_then_deletes()
    {
        ListRules(Rule("LAB-*", id: LabRuleId));
        Gateway.On(HttpMethod.Delete, $"{SuppressionsPath}/{LabRuleId}", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-delete]").Click();

        page.Find("[data-testid=suppression-confirm]").TextContent.ShouldContain("Delete the rule “LAB-*”?");
        Gateway.RequestsTo(HttpMethod.Delete, $"{SuppressionsPath}/{LabRuleId}").ShouldBeEmpty("nothing happens before the confirmation");

        ListRules();
        page.Find("[data-testid=suppression-confirm-yes]").Click();

        page.WaitForElement("[data-testid=suppressions-empty]");
        var delete = Gateway.RequestsTo(HttpMethod.Delete, $"{SuppressionsPath}/{LabRuleId}").ShouldHaveSingleItem();
        delete.Authorization.ShouldBe("Bearer " + SessionToken);
        page.Find("[data-testid=suppressions-status]").TextContent.ShouldContain("“LAB-*” is deleted");
    }

    [Fact]
    public void A_cancelled_delete_does_nothing()
    {
        ListRules(Rule("LAB-*", id: LabRuleId));
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-delete]").Click();
        page.Find("[data-testid=suppression-confirm-cancel]").Click();

        page.FindAll("[data-testid=suppression-confirm]").ShouldBeEmpty();
        page.Find("[data-testid=suppression-delete]").ShouldNotBeNull();
        Gateway.RequestsTo(HttpMethod.Delete, $"{SuppressionsPath}/{LabRuleId}").ShouldBeEmpty();
    }

    [Fact]
    public void Deleting_a_rule_that_is_already_gone_says_so()
    {
        ListRules(Rule("LAB-*", id: LabRuleId));
        Gateway.On(HttpMethod.Delete, $"{SuppressionsPath}/{LabRuleId}", _ => Problem(HttpStatusCode.NotFound,
            "Suppression rule not found.", $"There is no suppression rule '{LabRuleId}' in this organization."));
        var page = RenderLoaded();

        page.Find("[data-testid=suppression-delete]").Click();
        ListRules();
        page.Find("[data-testid=suppression-confirm-yes]").Click();

        page.WaitForElement("[data-testid=suppressions-change-error]").TextContent.ShouldContain("Suppression rule not found.");
        page.WaitForElement("[data-testid=suppressions-empty]");
    }

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public void Finance_and_read_only_users_see_rules_but_cannot_change_them(TestUser user)
    {
        SignInAs(user);
        ListRules(Rule("LAB-*", id: LabRuleId));

        var page = RenderLoaded();

        page.FindAll("[data-testid=suppression-create-form]").ShouldBeEmpty();
        page.Find("[data-testid=suppressions-read-only]").TextContent.ShouldContain("Only owners and admins");
        page.Find("[data-testid=suppression-pattern]").TextContent.ShouldBe("LAB-*");
        page.Find("[data-testid=suppression-row]").QuerySelectorAll("button").ShouldBeEmpty();
    }

    public static TheoryData<TestUser> NonAdministrators => new() { TestUser.Finance, TestUser.ReadOnly };
}
