using System.Globalization;
using BillingOne.BuildingBlocks.Grpc;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Partner.V1;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using WireInvoice = BillingOne.Contracts.Partner.V1.Invoice;

namespace BillingOne.Projection.Grpc;

/// <summary>
/// <c>billingone.partner.v1.PartnerClients</c>: the Clients read model and the invoice copies, as the HTTP Clients API
/// reads them. A client-scoped caller sees only its client; another client is <c>NOT_FOUND</c>, as if it did not
/// exist, so a scoped key learns nothing about the organization's other clients.
/// </summary>
public sealed class PartnerClientsService(ClientSnapshotStore snapshots, InvoiceCopyStore invoices, IActorContext caller)
    : PartnerClients.PartnerClientsBase
{
    public override async Task<ListClientsResponse> ListClients(ListClientsRequest request, ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var query = ClientSnapshotQuery.Parse(GrpcErrors.Given(request.Search), GrpcErrors.Given(request.Status),
            GrpcErrors.Given(request.Sort), GrpcErrors.Given(request.Direction), GrpcErrors.Given(request.Page),
            GrpcErrors.Given(request.PageSize), errors);
        if (query is null)
        {
            throw GrpcErrors.InvalidArgument(errors);
        }
        var page = await snapshots.ListAsync(caller.OrgId, caller.ClientScope, query, context.CancellationToken);
        var response = new ListClientsResponse
        {
            Page = page.Page,
            PageSize = page.PageSize,
            TotalCount = page.TotalCount,
        };
        response.Clients.AddRange(page.Items.Select(entry => ToSummary(entry.Snapshot)));
        return response;
    }

    public override async Task<ClientSnapshot> GetClientSnapshot(GetClientSnapshotRequest request,
        ServerCallContext context)
    {
        var clientId = RequiredClientId(request.ClientId);
        var snapshot = await snapshots.FindAsync(caller.OrgId, caller.ClientScope, clientId, context.CancellationToken)
            ?? throw GrpcErrors.NotFound($"There is no client '{clientId}' in this organization's read model.");
        var figures = await snapshots.InvoiceFiguresAsync(caller.OrgId, clientId, context.CancellationToken);
        var response = new ClientSnapshot
        {
            Client = ToSummary(snapshot),
            SnapshotTakenAt = snapshot.SnapshotTakenAt is { } taken ? Timestamp.FromDateTimeOffset(taken) : null,
            MissedBillingOpen = Money.Of(snapshot.MissedBillingOpen, snapshot.MissedBillingCurrency),
            TotalSpend = figures.SpendAmount is { } spend ? Money.Of(spend, figures.SpendCurrency) : null,
            BillingContact = figures.BillingContact ?? "",
            Invoices = figures.Invoices,
        };
        return response;
    }

    public override async Task<ListInvoicesResponse> ListInvoices(ListInvoicesRequest request, ServerCallContext context)
    {
        var errors = new Dictionary<string, string[]>();
        var clientId = QueryValues.ParseGuid(request.ClientId, "client_id", errors);
        var status = GrpcErrors.Given(request.Status);
        if (status is not null && !InvoiceCopyStore.Statuses.Contains(status))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", InvoiceCopyStore.Statuses)}."];
        }
        var page = PageRequest.Parse(GrpcErrors.Given(request.Page), GrpcErrors.Given(request.PageSize), errors);
        if (errors.Count > 0)
        {
            throw GrpcErrors.InvalidArgument(errors);
        }
        if (clientId is { } id && !caller.MaySee(id))
        {
            throw GrpcErrors.NotFound($"There is no client '{id}' in this organization.");
        }
        var result = await invoices.ListAsync(caller.OrgId, caller.ClientScope, clientId, status, page,
            context.CancellationToken);
        var response = new ListInvoicesResponse
        {
            Page = result.Page,
            PageSize = result.PageSize,
            TotalCount = result.TotalCount,
        };
        response.Invoices.AddRange(result.Items.Select(ToInvoice));
        return response;
    }

    private static Guid RequiredClientId(string value)
    {
        var errors = new Dictionary<string, string[]>();
        return QueryValues.ParseGuid(value, "client_id", errors) is { } id ? id
            : throw GrpcErrors.InvalidArgument(errors.Count > 0 ? errors
                : new Dictionary<string, string[]> { ["client_id"] = ["client_id is required."] });
    }

    private static ClientSummary ToSummary(ClientBillingSnapshot snapshot)
    {
        var summary = new ClientSummary
        {
            ClientId = snapshot.ClientId.ToString(),
            Name = snapshot.Name,
            Enabled = snapshot.Enabled,
            TimeZone = snapshot.TimeZone,
            Mrr = Money.Of(snapshot.MrrAmount, snapshot.MrrCurrency),
            Subscriptions = snapshot.Subscriptions,
            Devices = snapshot.Devices,
            DeviceLicenses = snapshot.Licenses,
            UserLicenses = snapshot.UserLicenses,
            Status = snapshot.Status.ToCode(),
            UpdatedAt = Timestamp.FromDateTimeOffset(snapshot.UpdatedAt),
        };
        if (snapshot.Variance is { } variance)
        {
            summary.Variance = variance;
        }
        return summary;
    }

    private static WireInvoice ToInvoice(InvoiceCopy invoice) => new()
    {
        InvoiceId = invoice.InvoiceId.ToString(),
        Source = invoice.Source,
        ClientId = invoice.ClientId?.ToString() ?? "",
        ContactName = invoice.ContactName ?? "",
        Number = invoice.Number ?? "",
        Reference = invoice.Reference ?? "",
        Status = invoice.Status,
        IssueDate = invoice.IssueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        DueDate = invoice.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
        Total = Money.Of(invoice.Total, invoice.Currency),
        AmountDue = Money.Of(invoice.AmountDue, invoice.Currency),
        UpdatedAt = Timestamp.FromDateTimeOffset(invoice.UpdatedAt),
    };
}
