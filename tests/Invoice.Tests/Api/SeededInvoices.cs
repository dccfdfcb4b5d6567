using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Tests.Support;
using BillingOne.Testing;

namespace BillingOne.Invoice.Tests.Api;

/// <summary>
/// One organization synced from the stand-in Xero with an invoice in every status, one contact mapped to a client
/// (through ClientUpserted and ClientMappingChanged, as the subscription service announces them) and one unmapped.
/// </summary>
public sealed class SeededInvoices : IAsyncLifetime
{
    public static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);

    public InvoiceServiceFixture Service { get; } = new();

    public Guid OrgId { get; } = Guid.NewGuid();

    public Guid ClientId { get; } = Guid.NewGuid();

    public Guid MappedContact { get; } = Guid.NewGuid();

    public Guid UnmappedContact { get; } = Guid.NewGuid();

    /// <summary>Xero's invoice ids by number.</summary>
    public Dictionary<string, Guid> XeroIds { get; } = [];

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Service.InitializeAsync();
        Http = Service.ClientFor(OrgId);
        var tenant = Guid.NewGuid();
        await Service.ConnectAsync(Http, "seeded", tenant);
        Service.Xero.GivenContactsPage(tenant, 1, XeroStub.Contact(MappedContact, "Harbourside Dental"),
            XeroStub.Contact(UnmappedContact, "Northgate Legal"));
        Service.Xero.GivenInvoicesPage(tenant, 1,
            Invoice("INV-1", MappedContact, "Harbourside Dental", "DRAFT", -6, 20, lines: [100m]),
            Invoice("INV-2", MappedContact, "Harbourside Dental", "SUBMITTED", -5, 20, lines: [1136.36m]),
            Invoice("INV-3", UnmappedContact, "Northgate Legal", "AUTHORISED", -4, 10, lines: [200m, 100m]));
        Service.Xero.GivenInvoicesPage(tenant, 2,
            Invoice("INV-4", UnmappedContact, "Northgate Legal", "AUTHORISED", -40, -5, amountPaid: 120m, lines: [400m, 50m]),
            Invoice("INV-5", MappedContact, "Harbourside Dental", "PAID", -60, -30, amountPaid: 330m, lines: [300m]),
            Invoice("INV-6", UnmappedContact, "Northgate Legal", "VOIDED", -70, -40, reference: "PO-778", lines: [80m]));
        Service.Xero.GivenInvoicesPage(tenant, 3);
        var run = await Service.SyncAsync(Http);
        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);

        var now = DateTimeOffset.UtcNow;
        await Service.Bus.Publish(new ClientUpserted(OrgId, ClientId, "Harbourside Dental Pty Ltd", true, "Australia/Sydney", 1,
            now, now));
        await Service.Bus.Publish(new ClientMappingChanged(OrgId, "xero", MappedContact.ToString(), ClientId, "manual", now));
        await Eventually.AssertAsync(async () =>
        {
            var mapped = await Http.GetFromJsonAsync<JsonElement>($"/api/invoice/invoices?clientId={ClientId}");
            mapped.GetProperty("totalCount").GetInt32().ShouldBe(3);
            mapped.GetProperty("items")[0].GetProperty("clientName").GetString().ShouldBe("Harbourside Dental Pty Ltd");
        });
    }

    private Dictionary<string, object?> Invoice(string number, Guid contact, string contactName, string status, int issuedDaysAgo,
        int dueInDays, decimal amountPaid = 0, string? reference = null, params decimal[] lines)
    {
        var id = Guid.NewGuid();
        XeroIds[number] = id;
        return XeroStub.Invoice(id, number, contact, contactName, status, Today.AddDays(issuedDaysAgo), Today.AddDays(dueInDays),
            amountPaid, reference, lines);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Service.DisposeAsync();
    }
}
