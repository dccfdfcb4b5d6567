using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Bunit.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.InvoiceResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Integrations;

[Trait("Category", "Unit")]
public sealed class XeroSettingsTests : WebUiContext
{
    private const string AuthorizeUrl = "http://localhost:5100/xero/identity/connect/authorize?client_id=billingone&state=s-1";

    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    private void ServeConnection(object connection) =>
        Gateway.On(HttpMethod.Get, XeroConnectionPath, _ => Json(connection));

    private IRenderedComponent<XeroConnectionCard> RenderCard(string? outcome = null, string? reason = null)
    {
        var card = Render<XeroConnectionCard>(parameters => parameters
            .Add(component => component.Outcome, outcome)
            .Add(component => component.Reason, reason));
        card.WaitForElement("[data-testid=xero-connection-status]");
        return card;
    }

    private void ServeUnitTypesAndMappings(params object[] mappings)
    {
        Gateway.On(HttpMethod.Get, UnitTypesPath, request => Paged(request,
            [UnitType("backup-gb", "Managed backup (GB)"), UnitType("mailbox", "Mailboxes")]));
        Gateway.On(HttpMethod.Get, AccountMappingsPath, _ => Json(new { items = mappings }));
    }

    [Fact]
    public void Connect_to_Xero_asks_for_the_consent_page_and_leaves_for_it()
    {
        ServeConnection(XeroConnection("disconnected"));
        Gateway.On(HttpMethod.Post, XeroConnectPath, _ => Json(new { authorizeUrl = AuthorizeUrl }));
        var card = RenderCard();

        card.Find("[data-testid=xero-connection-status]").TextContent.ShouldBe("Not connected");
        card.Find("[data-testid=xero-connect]").TextContent.Trim().ShouldBe("Connect to Xero");
        card.Find("[data-testid=xero-connect]").Click();

        card.WaitForAssertion(() => Navigation.Uri.ShouldBe(AuthorizeUrl));
        var navigation = Services.GetService<BunitNavigationManager>()!.History.First();
        navigation.Options.ForceLoad.ShouldBeTrue();
        Gateway.RequestsTo(HttpMethod.Post, XeroConnectPath).ShouldHaveSingleItem();
    }

    [Fact]
    public void Connecting_that_the_service_refuses_says_why_and_stays()
    {
        ServeConnection(XeroConnection("disconnected"));
        Gateway.On(HttpMethod.Post, XeroConnectPath, _ => Problem(HttpStatusCode.Conflict, "Xero is not set up: save its client ID first."));
        var card = RenderCard();

        card.Find("[data-testid=xero-connect]").Click();

        card.WaitForElement("[data-testid=xero-action-error]").TextContent.ShouldContain("Xero is not set up: save its client ID first.");
        Navigation.Uri.ShouldBe("http://localhost/");
    }

    [Fact]
    public void Several_organisations_are_offered_to_choose_from_and_the_choice_is_saved()
    {
        ServeConnection(XeroConnection("choose-tenant", tenants: [Tenant("t-1", "Demo Company (AU)"), Tenant("t-2", "BillingOne MSP Pty Ltd")]));
        Gateway.On(HttpMethod.Put, XeroTenantPath, _ =>
        {
            ServeConnection(XeroConnection("connected", "BillingOne MSP Pty Ltd", connectedAt: Created));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var card = RenderCard(outcome: "choose-tenant");

        card.Find("[data-testid=xero-outcome]").TextContent.ShouldContain("choose the one BillingOne uses");
        card.FindAll("[data-testid=xero-tenant-select] option").Select(option => option.TextContent)
            .ShouldBe(["Demo Company (AU)", "BillingOne MSP Pty Ltd"]);
        card.Find("[data-testid=xero-tenant-select]").Change("t-2");
        card.Find("[data-testid=xero-tenant-save]").Click();

        card.WaitForAssertion(() => card.Find("[data-testid=xero-action-status]").TextContent.ShouldBe("Using BillingOne MSP Pty Ltd."));
        BodyOf(Gateway.RequestsTo(HttpMethod.Put, XeroTenantPath).ShouldHaveSingleItem()).GetProperty("tenantId").GetString().ShouldBe("t-2");
        card.Find("[data-testid=xero-tenant]").TextContent.ShouldContain("Connected to BillingOne MSP Pty Ltd since 2025-03-01 08:15 UTC");
    }

    [Fact]
    public void A_connected_organisation_is_named_and_disconnecting_asks_first()
    {
        ServeConnection(XeroConnection("connected", "Demo Company (AU)", connectedAt: Created));
        Gateway.On(HttpMethod.Delete, XeroConnectionPath, _ =>
        {
            ServeConnection(XeroConnection("disconnected"));
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var card = RenderCard(outcome: "connected");

        card.Find("[data-testid=xero-outcome]").TextContent.ShouldBe("Connected to Xero.");
        card.Find("[data-testid=xero-connection-status]").TextContent.ShouldBe("Connected");
        card.Find("[data-testid=xero-tenant]").TextContent.ShouldContain("(connected by Olivia Owner)");
        card.FindAll("[data-testid=xero-connect]").ShouldBeEmpty();

        card.Find("[data-testid=xero-disconnect]").Click();
        Gateway.RequestsTo(HttpMethod.Delete, XeroConnectionPath).ShouldBeEmpty();
        card.Find("[data-testid=xero-disconnect-confirm-yes]").Click();

        card.WaitForAssertion(() => card.Find("[data-testid=xero-action-status]").TextContent.ShouldBe("Disconnected from Xero."));
        Gateway.RequestsTo(HttpMethod.Delete, XeroConnectionPath).ShouldHaveSingleItem();
        card.Find("[data-testid=xero-connection-status]").TextContent.ShouldBe("Not connected");
        card.Find("[data-testid=xero-connect]");
    }

    [Fact]
    public void An_expired_connection_offers_to_reconnect()
    {
        ServeConnection(XeroConnection("expired", "Demo Company (AU)", connectedAt: Created,
            error: "Xero refused to renew the connection (invalid_grant)."));

        var card = RenderCard();

        card.Find("[data-testid=xero-last-error]").TextContent.ShouldBe("Xero refused to renew the connection (invalid_grant).");
        card.Find("[data-testid=xero-connection-status]").TextContent.ShouldBe("Expired");
        card.Find("[data-testid=xero-expired]").TextContent.ShouldContain("The connection to Demo Company (AU) has expired");
        card.Find("[data-testid=xero-connect]").TextContent.Trim().ShouldBe("Reconnect to Xero");
    }

    [Fact]
    public void The_callbacks_error_is_shown_from_the_settings_address()
    {
        Gateway.ServeIntegrations(IntegrationResponses.Pax8(), IntegrationResponses.Rmm());
        ServeConnection(XeroConnection("disconnected"));
        Navigation.NavigateTo("settings/integrations?xero=error&reason=access_denied%3A%20consent%20was%20declined");

        var page = Render<IntegrationsTab>();

        page.WaitForElement("[data-testid=xero-outcome-error]").TextContent.Trim()
            .ShouldBe("Could not connect to Xero: access_denied: consent was declined");
    }

    [Fact]
    public void A_read_only_user_sees_the_connection_but_cannot_change_it()
    {
        SignInAs(TestUser.ReadOnly);
        ServeConnection(XeroConnection("connected", "Demo Company (AU)", connectedAt: Created));

        var card = RenderCard();

        card.FindAll("[data-testid=xero-disconnect]").ShouldBeEmpty();
        card.Find("[data-testid=xero-read-only]").TextContent.ShouldContain("Only owners, admins and finance");
    }

    [Fact]
    public void The_connection_that_cannot_be_loaded_says_why()
    {
        Gateway.On(HttpMethod.Get, XeroConnectionPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Invoice service unavailable"));

        var card = Render<XeroConnectionCard>();

        card.WaitForElement("[data-testid=xero-connection-error]").TextContent
            .ShouldContain("Could not load the Xero connection: Invoice service unavailable");
    }

    [Fact]
    public void Each_billing_type_shows_its_Xero_account_and_a_change_is_saved()
    {
        ServeUnitTypesAndMappings(AccountMapping("mailbox", "210"), AccountMapping("retired-type", "260"));
        Gateway.On(HttpMethod.Put, $"{AccountMappingsPath}/backup-gb", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var table = Render<XeroAccountMappings>();

        table.WaitForElement("[data-testid=account-mappings-table]");
        var rows = table.FindAll("[data-testid=account-mapping-row]");
        rows.Select(row => row.GetAttribute("data-billing-type")).ShouldBe(["backup-gb", "mailbox", "retired-type"]);
        rows[1].QuerySelector("[data-testid=account-code-input]")!.GetAttribute("value").ShouldBe("210");
        rows[2].TextContent.ShouldContain("no unit type");
        rows[0].QuerySelector("[data-testid=account-mapping-remove]").ShouldBeNull();

        table.Find("[data-billing-type=mailbox] [data-testid=account-code-input]").Change("215");
        table.Find("[data-billing-type=backup-gb] [data-testid=account-code-input]").Change(" 200 ");
        table.Find("[data-billing-type=backup-gb] [data-testid=account-mapping-save]").Click();

        table.WaitForAssertion(() => table.Find("[data-testid=account-mappings-status]").TextContent
            .ShouldBe("Managed backup (GB) posts to Xero account 200."));
        BodyOf(Gateway.RequestsTo(HttpMethod.Put, $"{AccountMappingsPath}/backup-gb").ShouldHaveSingleItem())
            .GetProperty("accountCode").GetString().ShouldBe("200");
        table.Find("#account-code-mailbox").GetAttribute("value").ShouldBe("215", "another row's unsaved code stays as typed");
        Gateway.RequestsTo(HttpMethod.Put, $"{AccountMappingsPath}/mailbox").ShouldBeEmpty();
    }

    [Fact]
    public void A_billing_types_Xero_tax_type_is_shown_and_saved_with_its_account_code()
    {
        ServeUnitTypesAndMappings(AccountMapping("mailbox", "210", "OUTPUT"));
        Gateway.On(HttpMethod.Put, $"{AccountMappingsPath}/backup-gb", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var table = Render<XeroAccountMappings>();
        table.WaitForElement("[data-testid=account-mappings-table]");

        table.Find("#tax-type-mailbox").GetAttribute("value").ShouldBe("OUTPUT");
        table.Find("[data-billing-type=backup-gb] [data-testid=account-code-input]").Change("200");
        table.Find("[data-billing-type=backup-gb] [data-testid=tax-type-input]").Change(" EXEMPTOUTPUT ");
        table.Find("[data-billing-type=backup-gb] [data-testid=account-mapping-save]").Click();

        table.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Put, $"{AccountMappingsPath}/backup-gb").ShouldHaveSingleItem());
        var body = BodyOf(Gateway.RequestsTo(HttpMethod.Put, $"{AccountMappingsPath}/backup-gb").Single());
        (body.GetProperty("accountCode").GetString(), body.GetProperty("taxType").GetString()).ShouldBe(("200", "EXEMPTOUTPUT"));
    }

    [Fact]
    public void A_tax_type_the_service_refuses_shows_its_message_by_its_input()
    {
        ServeUnitTypesAndMappings();
        Gateway.On(HttpMethod.Put, $"{AccountMappingsPath}/mailbox", _ => Problem(
            HttpStatusCode.BadRequest, "The account mapping is not valid.",
            errors: new Dictionary<string, string[]> { ["taxType"] = ["The tax type must be a Xero tax type code."] }));
        var table = Render<XeroAccountMappings>();
        table.WaitForElement("[data-testid=account-mappings-table]");

        table.Find("[data-billing-type=mailbox] [data-testid=account-code-input]").Change("200");
        table.Find("[data-billing-type=mailbox] [data-testid=tax-type-input]").Change("gst");
        table.Find("[data-billing-type=mailbox] [data-testid=account-mapping-save]").Click();

        table.WaitForAssertion(() => table.Find("#tax-type-mailbox-errors").TextContent.ShouldBe("The tax type must be a Xero tax type code."));
        table.Find("#tax-type-mailbox").GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Fact]
    public void An_account_code_the_service_refuses_shows_its_message_by_the_row()
    {
        ServeUnitTypesAndMappings();
        Gateway.On(HttpMethod.Put, $"{AccountMappingsPath}/mailbox", _ => Problem(
            HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]> { ["accountCode"] = ["Xero has no revenue account 999."] }));
        var table = Render<XeroAccountMappings>();
        table.WaitForElement("[data-testid=account-mappings-table]");

        table.Find("[data-billing-type=mailbox] [data-testid=account-code-input]").Change("999");
        table.Find("[data-billing-type=mailbox] [data-testid=account-mapping-save]").Click();

        table.WaitForAssertion(() => table.Find("#account-code-mailbox-errors").TextContent.ShouldBe("Xero has no revenue account 999."));
        table.Find("#account-code-mailbox").GetAttribute("aria-invalid").ShouldBe("true");
        table.Find("#account-code-mailbox").GetAttribute("value").ShouldBe("999");
        table.Find("[data-billing-type=mailbox] [data-testid=account-mapping-error]").TextContent
            .ShouldContain("One or more validation errors occurred.");
        table.FindAll("[data-billing-type=backup-gb] [data-testid=account-mapping-error]").ShouldBeEmpty();
        table.FindAll("[data-testid=account-mappings-status]").ShouldBeEmpty();
    }

    [Fact]
    public void Removing_a_mapping_deletes_it()
    {
        ServeUnitTypesAndMappings(AccountMapping("mailbox", "210"));
        Gateway.On(HttpMethod.Delete, $"{AccountMappingsPath}/mailbox", _ =>
        {
            ServeUnitTypesAndMappings();
            return new HttpResponseMessage(HttpStatusCode.NoContent);
        });
        var table = Render<XeroAccountMappings>();
        table.WaitForElement("[data-testid=account-mappings-table]");

        table.Find("[data-billing-type=mailbox] [data-testid=account-mapping-remove]").Click();

        table.WaitForAssertion(() => table.Find("[data-testid=account-mappings-status]").TextContent
            .ShouldBe("Mailboxes no longer has a Xero account."));
        table.Find("#account-code-mailbox").GetAttribute("value").ShouldBeNullOrEmpty();
    }

    [Fact]
    public void A_read_only_user_sees_the_account_mapping_without_changing_it()
    {
        SignInAs(TestUser.ReadOnly);
        ServeUnitTypesAndMappings(AccountMapping("mailbox", "210"));

        var table = Render<XeroAccountMappings>();

        table.WaitForElement("[data-testid=account-mappings-table]");
        table.FindAll("[data-testid=account-mapping-save]").ShouldBeEmpty();
        table.Find("#account-code-mailbox").HasAttribute("disabled").ShouldBeTrue();
        table.Find("[data-testid=account-mappings-read-only]");
    }
}
