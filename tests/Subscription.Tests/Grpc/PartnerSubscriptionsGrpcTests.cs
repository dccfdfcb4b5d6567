extern alias subscription;

using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Testing;
using Dapper;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace BillingOne.Subscription.Tests.Grpc;

/// <summary>
/// The subscription service on a fresh database and virtual host, on the in-memory test server, whose handler speaks
/// the HTTP/2 gRPC needs.
/// </summary>
public sealed class PartnerSubscriptionsFixture : IAsyncLifetime
{
    private ServiceFactory<subscription::Program>? factory;
    private WebApplicationFactory<subscription::Program>? service;
    private GrpcChannel? channel;

    public string DatabaseConnectionString { get; private set; } = "";

    public PartnerSubscriptions.PartnerSubscriptionsClient Client => new(channel);

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("subscription");
        DatabaseConnectionString = database.OwnerConnectionString;
        factory = new ServiceFactory<subscription::Program>("subscription", database,
            await servers.CreateVirtualHostAsync("subscription"));
        // A derived factory runs on the in-memory test server.
        service = factory.WithWebHostBuilder(_ => { });
        service.StartServer();
        channel = GrpcChannel.ForAddress(service.Server.BaseAddress,
            new GrpcChannelOptions { HttpHandler = service.Server.CreateHandler() });
    }

    public async Task DisposeAsync()
    {
        channel?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

/// <summary><c>billingone.partner.v1.PartnerSubscriptions</c> called on the service as the gateway forwards a key.</summary>
[Trait("Category", "Integration")]
public sealed class PartnerSubscriptionsGrpcTests(PartnerSubscriptionsFixture fixture)
    : IClassFixture<PartnerSubscriptionsFixture>
{
    private static readonly DateTimeOffset Synced = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid northwind = Guid.NewGuid();
    private readonly Guid contoso = Guid.NewGuid();

    [Fact]
    public async Task An_admin_key_lists_every_subscription_and_can_keep_one_client()
    {
        await SceneAsync();

        var all = await fixture.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), As(Roles.Finance));
        var contosos = await fixture.Client.ListSubscriptionsAsync(
            new ListSubscriptionsRequest { ClientId = contoso.ToString() }, As(Roles.Finance));

        all.Subscriptions.Select(item => (item.ClientName, item.ProductName, item.Quantity))
            .ShouldBe([("Contoso", "Microsoft 365 Business Premium", 3), ("Northwind", "Microsoft 365 Business Premium", 10)]);
        all.TotalCount.ShouldBe(2);
        var listed = all.Subscriptions[1];
        (listed.ClientId, listed.CompanyName, listed.LicenceUnit, listed.BillingTerm, listed.Status, listed.StartDate,
                listed.EndDate)
            .ShouldBe((northwind.ToString(), "Northwind Traders", "user", "monthly", "active", "2026-01-01", ""));
        (listed.UnitPrice, listed.Total, listed.MonthlyValue).ShouldBe((
            new Money { Amount = "22.00", Currency = "GBP" }, new Money { Amount = "220.00", Currency = "GBP" },
            new Money { Amount = "220.00", Currency = "GBP" }));
        contosos.Subscriptions.Select(item => item.ClientName).ShouldBe(["Contoso"]);
    }

    [Fact]
    public async Task A_client_scoped_key_lists_only_its_clients_and_another_client_is_not_found()
    {
        await SceneAsync();
        var scoped = As(Roles.ReadOnly, northwind);

        var own = await fixture.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), scoped);
        var other = await Should.ThrowAsync<RpcException>(async () => await fixture.Client.ListSubscriptionsAsync(
            new ListSubscriptionsRequest { ClientId = contoso.ToString() }, scoped));

        own.Subscriptions.Select(item => item.ClientName).ShouldBe(["Northwind"]);
        other.StatusCode.ShouldBe(StatusCode.NotFound);
        other.Status.Detail.ShouldBe($"There is no client '{contoso}' in this organization.");
    }

    [Fact]
    public async Task A_key_without_a_read_role_a_call_without_credentials_and_bad_arguments_are_refused()
    {
        var ingest = await Should.ThrowAsync<RpcException>(async () =>
            await fixture.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), As(Roles.Ingest)));
        var anonymous = await Should.ThrowAsync<RpcException>(async () =>
            await fixture.Client.ListSubscriptionsAsync(new ListSubscriptionsRequest()));
        var invalid = await Should.ThrowAsync<RpcException>(async () => await fixture.Client.ListSubscriptionsAsync(
            new ListSubscriptionsRequest { ClientId = "northwind", Page = -1 }, As(Roles.Admin)));

        ingest.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        ingest.Status.Detail.ShouldBe(GrpcAuthorizationResultHandler.ForbiddenDetail);
        anonymous.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        anonymous.Status.Detail.ShouldBe(GrpcAuthorizationResultHandler.UnauthenticatedDetail);
        invalid.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        invalid.Status.Detail.ShouldBe("client_id: clientId must be an id (uuid). page: page must be 1 or greater.");
    }

    private CallOptions As(string role, Guid? clientScope = null) =>
        new(new Metadata { { "authorization", TestTokens.For(orgId, role, clientScope).ToString() } });

    /// <summary>Northwind's and Contoso's Pax8 companies, mapped, each with one monthly Microsoft 365 subscription.</summary>
    private async Task SceneAsync()
    {
        var product = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO pax8_products (org_id, id, name, vendor_name, sku, licence_unit, updated_at)
            VALUES (@orgId, @product, 'Microsoft 365 Business Premium', 'Microsoft', 'MST-365-BP', 'user', @synced);
            """, new { orgId, product, synced = Synced.UtcDateTime });
        foreach (var (client, name, company, quantity) in new[]
            { (northwind, "Northwind", "Northwind Traders", 10), (contoso, "Contoso", "Contoso Ltd", 3) })
        {
            var companyId = Guid.NewGuid();
            await connection.ExecuteAsync("""
                INSERT INTO clients (org_id, id, name, time_zone, created_at, updated_at)
                VALUES (@orgId, @client, @name, 'Europe/London', @synced, @synced);
                INSERT INTO vendor_accounts (org_id, vendor, external_id, name, first_seen_at, updated_at)
                VALUES (@orgId, 'pax8', @companyId::text, @company, @synced, @synced);
                INSERT INTO client_mappings (org_id, vendor, external_id, client_id, method, mapped_at, mapped_by)
                VALUES (@orgId, 'pax8', @companyId::text, @client, 'manual', @synced, 'test');
                INSERT INTO pax8_subscriptions (org_id, id, company_id, product_id, quantity, unit_price, currency,
                                                billing_term, status, start_date, first_seen_at, updated_at)
                VALUES (@orgId, gen_random_uuid(), @companyId, @product, @quantity, 22, 'GBP', 'monthly', 'active',
                        '2026-01-01T00:00:00Z', @synced, @synced);
                """, new { orgId, client, name, companyId, company, product, quantity, synced = Synced.UtcDateTime });
        }
    }
}
