using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Partner.V1;
using Grpc.Core;
using static BillingOne.Projection.Tests.Grpc.PartnerGrpcFixture;

namespace BillingOne.Projection.Tests.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerClients</c> called on the service as the gateway forwards a key: an internal token
/// with the key's role and client scope.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PartnerClientsGrpcTests(PartnerGrpcFixture fixture) : IClassFixture<PartnerGrpcFixture>
{
    private static readonly DateTimeOffset Created = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid northwind = Guid.NewGuid();
    private readonly Guid contoso = Guid.NewGuid();

    [Fact]
    public async Task An_admin_key_lists_every_client_with_its_reconciliation_status_and_reads_each_snapshot()
    {
        await SceneAsync();

        var page = await fixture.Client.ListClientsAsync(new ListClientsRequest { Sort = "name" }, As(orgId, Roles.Admin));
        var snapshot = await fixture.Client.GetClientSnapshotAsync(
            new GetClientSnapshotRequest { ClientId = northwind.ToString() }, As(orgId, Roles.Admin));

        page.Clients.Select(client => (client.Name, client.Status, client.Devices, client.HasVariance ? client.Variance : 0))
            .ShouldBe([("Contoso", "no-data", 0, 0), ("Northwind", "under-licensed", 12, 2)]);
        (page.Page, page.PageSize, page.TotalCount).ShouldBe((1, 50, 2L));
        snapshot.Client.ClientId.ShouldBe(northwind.ToString());
        snapshot.SnapshotTakenAt.ShouldBe(Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Created));
        snapshot.MissedBillingOpen.ShouldBe(new Money { Amount = "40.00", Currency = "GBP" });
        snapshot.TotalSpend.ShouldBe(new Money { Amount = "120.50", Currency = "GBP" });
        (snapshot.Invoices, snapshot.BillingContact).ShouldBe((1L, "Accounts Northwind"));
    }

    [Fact]
    public async Task An_admin_key_lists_every_clients_invoices_and_can_keep_one_client_or_status()
    {
        await SceneAsync();

        var all = await fixture.Client.ListInvoicesAsync(new ListInvoicesRequest(), As(orgId, Roles.ReadOnly));
        var paid = await fixture.Client.ListInvoicesAsync(new ListInvoicesRequest { Status = "paid" },
            As(orgId, Roles.ReadOnly));
        var contosos = await fixture.Client.ListInvoicesAsync(
            new ListInvoicesRequest { ClientId = contoso.ToString() }, As(orgId, Roles.ReadOnly));

        all.Invoices.Select(invoice => invoice.Number).ShouldBe(["INV-2", "INV-1"]);
        all.Invoices[1].ShouldBe(new Invoice
        {
            InvoiceId = all.Invoices[1].InvoiceId,
            Source = "xero",
            ClientId = northwind.ToString(),
            ContactName = "Accounts Northwind",
            Number = "INV-1",
            Reference = "Feb",
            Status = "awaiting",
            IssueDate = "2026-02-01",
            DueDate = "2026-02-15",
            Total = new Money { Amount = "120.50", Currency = "GBP" },
            AmountDue = new Money { Amount = "120.50", Currency = "GBP" },
            UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(Created),
        });
        paid.Invoices.Select(invoice => invoice.Number).ShouldBe(["INV-2"]);
        contosos.Invoices.Select(invoice => invoice.Number).ShouldBe(["INV-2"]);
    }

    [Fact]
    public async Task A_client_scoped_key_sees_only_its_client_and_the_others_are_not_found()
    {
        await SceneAsync();
        var scoped = As(orgId, Roles.ReadOnly, clientScope: northwind);

        var page = await fixture.Client.ListClientsAsync(new ListClientsRequest(), scoped);
        var own = await fixture.Client.GetClientSnapshotAsync(
            new GetClientSnapshotRequest { ClientId = northwind.ToString() }, scoped);
        var invoices = await fixture.Client.ListInvoicesAsync(new ListInvoicesRequest(), scoped);
        var other = await Should.ThrowAsync<RpcException>(async () => await fixture.Client.GetClientSnapshotAsync(
            new GetClientSnapshotRequest { ClientId = contoso.ToString() }, scoped));
        var otherInvoices = await Should.ThrowAsync<RpcException>(async () => await fixture.Client.ListInvoicesAsync(
            new ListInvoicesRequest { ClientId = contoso.ToString() }, scoped));

        page.Clients.Select(client => client.Name).ShouldBe(["Northwind"]);
        own.Client.Name.ShouldBe("Northwind");
        invoices.Invoices.Select(invoice => invoice.Number).ShouldBe(["INV-1"]);
        other.StatusCode.ShouldBe(StatusCode.NotFound);
        other.Status.Detail.ShouldBe($"There is no client '{contoso}' in this organization's read model.");
        otherInvoices.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task Every_method_refuses_a_key_without_a_read_role_and_a_call_without_credentials()
    {
        var ingestOnly = As(orgId, Roles.Ingest);
        var none = new CallOptions();

        foreach (var (call, expected) in new (CallOptions Options, StatusCode Expected)[]
            { (ingestOnly, StatusCode.PermissionDenied), (none, StatusCode.Unauthenticated) })
        {
            (await StatusOf(() => fixture.Client.ListClientsAsync(new ListClientsRequest(), call))).ShouldBe(expected);
            (await StatusOf(() => fixture.Client.GetClientSnapshotAsync(
                new GetClientSnapshotRequest { ClientId = northwind.ToString() }, call))).ShouldBe(expected);
            (await StatusOf(() => fixture.Client.ListInvoicesAsync(new ListInvoicesRequest(), call))).ShouldBe(expected);
        }
    }

    [Fact]
    public async Task Bad_arguments_are_invalid_argument_naming_the_field()
    {
        var admin = As(orgId, Roles.Admin);

        var pageSize = await Should.ThrowAsync<RpcException>(async () =>
            await fixture.Client.ListClientsAsync(new ListClientsRequest { PageSize = 500, Status = "odd" }, admin));
        var missing = await Should.ThrowAsync<RpcException>(async () =>
            await fixture.Client.GetClientSnapshotAsync(new GetClientSnapshotRequest(), admin));
        var malformed = await Should.ThrowAsync<RpcException>(async () =>
            await fixture.Client.ListInvoicesAsync(new ListInvoicesRequest { ClientId = "north", Status = "lost" }, admin));

        pageSize.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        pageSize.Status.Detail.ShouldBe("page_size: pageSize must be between 1 and 200. status: status must be one " +
            "of 'matched', 'under-licensed', 'over-licensed', 'no-data', 'disabled'.");
        missing.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        missing.Status.Detail.ShouldBe("client_id: client_id is required.");
        malformed.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        malformed.Status.Detail.ShouldBe("client_id: client_id must be an id (uuid). status: status must be one of " +
            "draft, submitted, awaiting, overdue, paid, voided, deleted.");
    }

    private static async Task<StatusCode> StatusOf<T>(Func<AsyncUnaryCall<T>> call) =>
        (await Should.ThrowAsync<RpcException>(async () => await call())).StatusCode;

    /// <summary>Northwind: 12 devices, 2 more than its licences, one awaiting invoice; Contoso: no data, one paid invoice.</summary>
    private async Task SceneAsync()
    {
        await fixture.PublishAndWaitAsync(new ClientUpserted(orgId, northwind, "Northwind", true, "Europe/London", 1,
            Created, Created));
        await fixture.PublishAndWaitAsync(new ClientUpserted(orgId, contoso, "Contoso", true, "Europe/London", 1,
            Created, Created));
        await fixture.PublishAndWaitAsync(new ClientReconciled(orgId, northwind, 1, Created, Guid.NewGuid(), Created,
            12, 10, 2, "under-licensed", 40m, "GBP"));
        await fixture.PublishAndWaitAsync(new InvoiceUpserted(orgId, Guid.NewGuid(), "xero", northwind,
            "Accounts Northwind", "INV-1", "Feb", "awaiting", new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 15),
            "GBP", 120.5m, 120.5m, 1, Created));
        await fixture.PublishAndWaitAsync(new InvoiceUpserted(orgId, Guid.NewGuid(), "xero", contoso,
            "Accounts Contoso", "INV-2", null, "paid", new DateOnly(2026, 2, 3), null, "GBP", 80m, 0m, 1, Created));
    }
}
