using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Apis;
using BillingOne.Reconciliation.Tests.Api;
using BillingOne.Testing;
using MassTransit;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Tests.Synergy;

/// <summary>The domains, hosting and certificate lists, their exports and summary, after one sync of a small account.</summary>
[Trait("Category", "Integration")]
public sealed class SynergyListingTests(ReconciliationFixture fixture) : IClassFixture<ReconciliationFixture>, IAsyncLifetime
{
    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid acmeClient = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        var today = DateTime.UtcNow.Date;
        string In(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var stub = new SynergyStub();
        stub.Domains.AddRange([
            new StubDomain("acme.com.au", "ok", In(10), "on", "Acme Pty Ltd"),
            new StubDomain("acme-shop.com", "ok", In(200), "off", "Acme Pty Ltd"),
            new StubDomain("globex.net", "ok", In(25), "off", "Globex Corporation"),
            new StubDomain("initech.io", "Expired", In(-5), "off", "Initech"),
            new StubDomain("umbrella.org", "clientTransferProhibited", In(400), "on", "Umbrella"),
        ]);
        stub.Hosting.AddRange([
            new StubHosting("H1", "acme.com.au", "Business 10GB", "Active", In(20), "100", "10240", null, null),
            new StubHosting("H2", "globex.net", "Starter", "Suspended", In(90), null, null, null, null),
        ]);
        stub.Certificates.AddRange([
            new StubCertificate("C1", "*.acme.com.au", "Wildcard SSL", "Issued", In(5)),
            new StubCertificate("C2", "www.umbrella.org", "RapidSSL", "Issued", In(300)),
        ]);
        using var client = fixture.ClientFor(orgId);
        await client.SaveSynergySettingsAsync(stub);
        (await client.SyncSynergyAsync()).Error.ShouldBeNull();
        await fixture.MapAccountAsync(orgId, "acme pty ltd", acmeClient, "Acme Client");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Domains_carry_their_mapped_client_and_search_matches_client_and_account_names()
    {
        using var client = fixture.ClientFor(orgId);

        var byClient = (await client.PageAsync<SynergyDomainResponse>("/api/reconciliation/domains?search=acme client")).Items;
        var byDomain = (await client.PageAsync<SynergyDomainResponse>("/api/reconciliation/domains?search=GLOBEX")).Items;

        byClient.Select(domain => domain.Name).ShouldBe(["acme-shop.com", "acme.com.au"]);
        byClient.ShouldAllBe(domain => domain.ClientId == acmeClient && domain.ClientName == "Acme Client");
        byDomain.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            domain => domain.ClientId.ShouldBeNull(),
            domain => domain.AccountName.ShouldBe("Globex Corporation"));
    }

    [Fact]
    public async Task Expiring_soon_keeps_those_expiring_from_now_to_the_days_given()
    {
        using var client = fixture.ClientFor(orgId);

        var domains = (await client.PageAsync<SynergyDomainResponse>(
            "/api/reconciliation/domains?expiringWithinDays=30&sort=expiry")).Items;
        var hosting = (await client.PageAsync<SynergyHostingResponse>("/api/reconciliation/hosting?expiringWithinDays=30")).Items;
        var certificates = (await client.PageAsync<SynergyCertificateResponse>(
            "/api/reconciliation/ssl-certificates?expiringWithinDays=30")).Items;

        domains.Select(domain => domain.Name).ShouldBe(["acme.com.au", "globex.net"]);
        hosting.ShouldHaveSingleItem().Id.ShouldBe("H1");
        certificates.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            certificate => certificate.CommonName.ShouldBe("*.acme.com.au"),
            certificate => certificate.ClientName.ShouldBe("Acme Client"));
    }

    [Fact]
    public async Task Filters_sort_and_page_the_lists()
    {
        using var client = fixture.ClientFor(orgId);

        var autoRenewOff = await client.PageAsync<SynergyDomainResponse>(
            "/api/reconciliation/domains?autoRenew=false&sort=name&direction=desc&pageSize=2&page=1");
        var expired = (await client.PageAsync<SynergyDomainResponse>("/api/reconciliation/domains?status=EXPIRED")).Items;
        var acmeOnly = (await client.PageAsync<SynergyHostingResponse>($"/api/reconciliation/hosting?clientId={acmeClient}")).Items;
        var byPlan = (await client.PageAsync<SynergyHostingResponse>("/api/reconciliation/hosting?sort=plan")).Items;

        (autoRenewOff.TotalCount, autoRenewOff.Page, autoRenewOff.PageSize).ShouldBe((3, 1, 2));
        autoRenewOff.Items.Select(domain => domain.Name).ShouldBe(["initech.io", "globex.net"]);
        expired.ShouldHaveSingleItem().Name.ShouldBe("initech.io");
        acmeOnly.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            service => service.DiskUsageMb.ShouldBe(100m),
            service => service.BandwidthMb.ShouldBeNull());
        byPlan.Select(service => service.Plan).ShouldBe(["Business 10GB", "Starter"]);
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_only_its_clients_items()
    {
        using var scoped = fixture.ClientFor(orgId, clientScope: acmeClient);

        var domains = (await scoped.PageAsync<SynergyDomainResponse>("/api/reconciliation/domains")).Items;
        var certificates = (await scoped.PageAsync<SynergyCertificateResponse>("/api/reconciliation/ssl-certificates")).Items;
        var summary = (await scoped.GetFromJsonAsync<SynergySummaryResponse>("/api/reconciliation/domains/summary"))!;
        var export = await scoped.GetStringAsync("/api/reconciliation/domains/export");

        domains.Select(domain => domain.Name).ShouldBe(["acme-shop.com", "acme.com.au"]);
        certificates.ShouldHaveSingleItem().Id.ShouldBe("C1");
        (summary.Domains.Total, summary.Hosting.Total, summary.Certificates.Total).ShouldBe((2, 1, 1));
        export.ShouldNotContain("globex");
    }

    [Fact]
    public async Task The_summary_counts_each_tab_and_what_expires_within_thirty_days()
    {
        using var client = fixture.ClientFor(orgId);

        var summary = (await client.GetFromJsonAsync<SynergySummaryResponse>("/api/reconciliation/domains/summary"))!;

        summary.ExpiringWithinDays.ShouldBe(30);
        summary.Domains.ShouldBe(new SynergyCountsResponse(5, 2, 1, 3, 3));
        summary.Hosting.ShouldBe(new SynergyCountsResponse(2, 1, 0, 0, 1));
        summary.Certificates.ShouldBe(new SynergyCountsResponse(2, 1, 0, 0, 1));
    }

    [Fact]
    public async Task Exports_are_csv_of_every_filtered_row_with_the_client()
    {
        using var client = fixture.ClientFor(orgId);

        using var response = await client.GetAsync("/api/reconciliation/domains/export?search=acme");
        var hosting = await client.GetStringAsync("/api/reconciliation/hosting/export");
        var certificates = await client.GetStringAsync("/api/reconciliation/ssl-certificates/export?status=issued");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Trim().Split("\r\n");
        lines[0].ShouldBe("Domain,Status,Expiry,Auto-Renew,Synergy Account,Client ID,Client");
        lines.Length.ShouldBe(3);
        lines[2].ShouldStartWith("acme.com.au,ok,");
        lines[2].ShouldEndWith($",on,Acme Pty Ltd,{acmeClient},Acme Client");
        hosting.Trim().Split("\r\n").Length.ShouldBe(3);
        certificates.Trim().Split("\r\n").Length.ShouldBe(3);
    }

    [Fact]
    public async Task An_rmm_mapping_of_the_same_id_does_not_map_the_synergy_account()
    {
        var otherClient = Guid.NewGuid();
        await fixture.MapAccountAsync(orgId, "globex corporation", otherClient, "Globex Client", vendor: "rmm");
        using var client = fixture.ClientFor(orgId);

        var globex = (await client.PageAsync<SynergyDomainResponse>("/api/reconciliation/domains?search=globex.net")).Items;

        globex.ShouldHaveSingleItem().ClientId.ShouldBeNull();
    }

    [Fact]
    public async Task A_client_rename_reaches_the_rows_and_an_older_version_arriving_late_is_ignored()
    {
        var probe = new DatabaseProbe(fixture.DatabaseConnectionString);
        var now = DateTimeOffset.UtcNow;
        foreach (var (name, version) in new[] { ("Acme Renamed", 5L), ("Acme Stale", 4L) })
        {
            var messageId = NewId.NextGuid();
            await fixture.Bus.Publish(new ClientUpserted(orgId, acmeClient, name, true, "Australia/Sydney", version, now, now),
                context => context.MessageId = messageId);
            await Eventually.UntilAsync(() => probe.InboxHoldsAsync(messageId), $"the consumer to take version {version}");
        }
        using var client = fixture.ClientFor(orgId);

        var acme = (await client.PageAsync<SynergyDomainResponse>($"/api/reconciliation/domains?clientId={acmeClient}")).Items;

        acme.Select(domain => domain.ClientName).Distinct().ShouldBe(["Acme Renamed"]);
    }

    [Fact]
    public async Task The_lists_are_described_in_the_openapi_document()
    {
        using var client = fixture.ClientFor(orgId);

        var document = await client.GetStringAsync("/openapi/v1.json");

        document.ShouldSatisfyAllConditions(
            () => document.ShouldContain("\"/api/reconciliation/domains\""),
            () => document.ShouldContain("\"/api/reconciliation/domains/summary\""),
            () => document.ShouldContain("\"/api/reconciliation/hosting/export\""),
            () => document.ShouldContain("\"/api/reconciliation/ssl-certificates\""));
    }

    [Theory]
    [InlineData("/api/reconciliation/domains?expiringWithinDays=soon", "expiringWithinDays")]
    [InlineData("/api/reconciliation/domains?expiringWithinDays=-1", "expiringWithinDays")]
    [InlineData("/api/reconciliation/domains?autoRenew=maybe", "autoRenew")]
    [InlineData("/api/reconciliation/domains?sort=plan", "sort")]
    [InlineData("/api/reconciliation/hosting?sort=product", "sort")]
    [InlineData("/api/reconciliation/ssl-certificates?direction=up", "direction")]
    [InlineData("/api/reconciliation/ssl-certificates?clientId=abc", "clientId")]
    [InlineData("/api/reconciliation/hosting?pageSize=0", "pageSize")]
    [InlineData("/api/reconciliation/domains/export?sort=1", "sort")]
    public async Task Bad_query_values_are_a_problem_naming_the_parameter(string path, string parameter)
    {
        using var client = fixture.ClientFor(orgId);

        using var response = await client.GetAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        problem.Errors.Keys.ShouldBe([parameter]);
    }
}
