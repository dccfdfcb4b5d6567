using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Invoice.Tests.Support;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Tests.Api;

/// <summary>Account codes per billing type: saved, listed, replaced, removed, validated and audited.</summary>
[Trait("Category", "Integration")]
public sealed class AccountMappingsApiTests(InvoiceServiceFixture fixture) : IClassFixture<InvoiceServiceFixture>
{
    private const string Mappings = "/api/invoice/account-mappings";

    [Fact]
    public async Task A_mapping_is_saved_listed_replaced_and_removed_with_every_change_audited()
    {
        var orgId = Guid.NewGuid();
        using var http = fixture.ClientFor(orgId, Roles.Finance);

        using var saved = await http.PutAsJsonAsync($"{Mappings}/m365-user", new { accountCode = "200" });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await http.PutAsJsonAsync($"{Mappings}/workstation", new { accountCode = "SALES01" })).Dispose();
        (await http.PutAsJsonAsync($"{Mappings}/m365-user", new { accountCode = "210" })).Dispose();

        var list = await http.GetFromJsonAsync<JsonElement>(Mappings);
        list.GetProperty("items").EnumerateArray()
            .Select(item => $"{item.GetProperty("billingType").GetString()}={item.GetProperty("accountCode").GetString()}")
            .ShouldBe(["m365-user=210", "workstation=SALES01"]);
        list.GetProperty("items")[0].TryGetProperty("updatedAt", out _).ShouldBeTrue();

        using var removed = await http.DeleteAsync($"{Mappings}/workstation");
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var again = await http.DeleteAsync($"{Mappings}/workstation");
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await database.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE org_id = @orgId AND table_name = 'account_mappings' ORDER BY id", new { orgId }))
            .ShouldBe(["create", "create", "update", "delete"]);
    }

    [Theory]
    [InlineData("Workstation", "200", "billingType")]
    [InlineData("m365_user", "200", "billingType")]
    [InlineData("workstation", "12345678901", "accountCode")]
    [InlineData("workstation", "20-0", "accountCode")]
    [InlineData("workstation", "", "accountCode")]
    public async Task Invalid_values_are_a_problem_naming_the_field(string billingType, string accountCode, string field)
    {
        using var http = fixture.ClientFor(Guid.NewGuid());

        using var response = await http.PutAsJsonAsync($"{Mappings}/{billingType}", new { accountCode });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_tax_type_is_saved_with_the_account_code_and_a_bad_one_is_a_problem_naming_it()
    {
        using var http = fixture.ClientFor(Guid.NewGuid(), Roles.Finance);

        using var saved = await http.PutAsJsonAsync($"{Mappings}/workstation", new { accountCode = "200", taxType = "OUTPUT" });
        using var bad = await http.PutAsJsonAsync($"{Mappings}/backup", new { accountCode = "200", taxType = "GST on Income" });

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("taxType").GetString().ShouldBe("OUTPUT");
        (await http.GetFromJsonAsync<JsonElement>(Mappings)).GetProperty("items")[0].GetProperty("taxType").GetString()
            .ShouldBe("OUTPUT");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("taxType", out _).ShouldBeTrue();
        errors.TryGetProperty("accountCode", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_billing_type_longer_than_64_characters_is_refused()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());

        using var response = await http.PutAsJsonAsync($"{Mappings}/{new string('a', 65)}", new { accountCode = "200" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Read_only_users_cannot_change_mappings_and_client_scoped_keys_cannot_see_them()
    {
        var orgId = Guid.NewGuid();
        using var reader = fixture.ClientFor(orgId, Roles.ReadOnly);
        using var change = await reader.PutAsJsonAsync($"{Mappings}/workstation", new { accountCode = "200" });
        change.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.GetAsync(Mappings)).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var scoped = fixture.ClientFor(orgId, Roles.Finance, clientScope: Guid.NewGuid());
        (await scoped.GetAsync(Mappings)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
