using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>The RMM integration's settings and connection test through the shared integrations API.</summary>
[Trait("Category", "Integration")]
public sealed class RmmSettingsTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>
{
    [Fact]
    public async Task Without_saved_settings_the_deployments_ninjaone_credentials_are_the_default()
    {
        using var client = fixture.ClientFor(Guid.NewGuid());

        var rmm = (await client.GetFromJsonAsync<IntegrationResponse>(IntegrationCalls.RmmPath))!;

        (rmm.DisplayName, rmm.Category, rmm.SettingsSource).ShouldBe(("RMM", "RMM", IntegrationSettingsSource.Default));
        rmm.Fields.Select(field => field.Name).ShouldBe(["vendor", "clientId", "clientSecret", "baseUrl", "tokenUrl"]);
        rmm.Fields.Single(field => field.Name == "vendor").ShouldSatisfyAllConditions(
            vendor => vendor.Value.ShouldBe("ninjaone"),
            vendor => vendor.Choices.ShouldBe(["ninjaone", "datto-rmm"]));
        rmm.Fields.Single(field => field.Name == "baseUrl").ShouldSatisfyAllConditions(
            baseUrl => (baseUrl.Kind, baseUrl.Required, baseUrl.IsSet).ShouldBe(("url", false, false)),
            baseUrl => baseUrl.Help.ShouldBe("Leave empty for the vendor's own address"));
    }

    [Fact]
    public async Task Settings_naming_an_unknown_field_or_vendor_are_refused_naming_each()
    {
        using var client = fixture.ClientFor(Guid.NewGuid());

        using var response = await client.PutAsJsonAsync(IntegrationCalls.RmmPath, new
        {
            values = new Dictionary<string, string>
            {
                ["vendor"] = "kaseya",
                ["clientId"] = "id",
                ["clientSecret"] = "secret",
                ["region"] = "eu",
            },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        problem.Errors.Keys.Order().ShouldBe(["values.region", "values.vendor"]);
        problem.Errors["values.vendor"].Single().ShouldContain("ninjaone, datto-rmm");
    }

    [Fact]
    public async Task The_secret_is_stored_encrypted_and_never_returned()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 1, workstationsEach: 1);
        var orgId = Guid.NewGuid();
        using var client = fixture.ClientFor(orgId);

        await client.SaveStubSettingsAsync(stub);
        var body = await client.GetStringAsync(IntegrationCalls.RmmPath);

        body.ShouldNotContain(NinjaOneStub.ClientSecret);
        var secret = (await client.GetFromJsonAsync<IntegrationResponse>(IntegrationCalls.RmmPath))!
            .Fields.Single(field => field.Name == "clientSecret");
        (secret.Secret, secret.IsSet, secret.Value).ShouldBe((true, true, null));
        var stored = await new DatabaseProbe(fixture.DatabaseConnectionString).ProtectedSecretsAsync(orgId);
        stored.ShouldNotBeNullOrEmpty();
        stored.ShouldNotContain(NinjaOneStub.ClientSecret);
    }

    [Fact]
    public async Task The_connection_test_reports_how_many_organizations_the_rmm_lists()
    {
        using var stub = NinjaOneStub.WithAccount(organizations: 13, workstationsEach: 0);
        using var client = fixture.ClientFor(Guid.NewGuid());
        await client.SaveStubSettingsAsync(stub);

        var test = await TestAsync(client, new { });

        test.ShouldBe(new ConnectionTestResponse(true, "NinjaOne answered: 13 organizations.", test.TestedAt));
    }

    [Fact]
    public async Task The_connection_test_explains_what_is_missing_instead_of_failing()
    {
        using var client = fixture.ClientFor(Guid.NewGuid());

        var test = await TestAsync(client, new
        {
            values = new Dictionary<string, string> { ["vendor"] = "datto-rmm", ["clientId"] = "key", ["clientSecret"] = "secret" },
        });

        test.Succeeded.ShouldBeFalse();
        test.Message.ShouldContain("Datto RMM needs the API address of the account (baseUrl)");
    }

    private static async Task<ConnectionTestResponse> TestAsync(HttpClient client, object request)
    {
        using var response = await client.PostAsJsonAsync($"{IntegrationCalls.RmmPath}/test", request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ConnectionTestResponse>())!;
    }
}
