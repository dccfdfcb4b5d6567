using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>The invoice service's answers, shaped as its invoices, Xero connection and account-mapping API spell them.</summary>
public static class InvoiceResponses
{
    public const string InvoicesPath = "/api/invoice/invoices";
    public const string XeroConnectionPath = "/api/invoice/xero/connection";
    public const string XeroConnectPath = "/api/invoice/xero/connect";
    public const string XeroTenantPath = "/api/invoice/xero/tenant";
    public const string AccountMappingsPath = "/api/invoice/account-mappings";

    public static readonly Guid InvoiceId = Guid.Parse("1e000000-0000-4000-8000-000000000001");

    public static object Invoice(
        string? number = "INV-0042", string? clientName = "Contoso", Guid? clientId = null, string? contactName = "Contoso Pty Ltd",
        string status = "awaiting", string source = "xero", decimal total = 1100m, decimal amountDue = 1100m,
        string? vendorUrl = "https://go.xero.com/app/invoicing/view/xero-inv-42", Guid? id = null, string? dueOn = "2025-04-14") =>
        new
        {
            id = id ?? InvoiceId,
            source,
            externalId = "xero-inv-42",
            number,
            reference = "March services",
            contactId = "xero-contact-7",
            contactName,
            clientId = clientName is null ? (Guid?)null : clientId ?? ContosoId,
            clientName,
            status,
            issuedOn = (string?)"2025-03-14",
            dueOn,
            currency = "AUD",
            total,
            amountDue,
            amountPaid = total - amountDue,
            vendorUrl,
        };

    public static object InvoiceDetail(string paymentStatus = "Part paid: 500.00 of 1,100.00", decimal amountDue = 600m) =>
        new
        {
            id = InvoiceId,
            source = "xero",
            externalId = "xero-inv-42",
            number = "INV-0042",
            reference = "March services",
            contactId = "xero-contact-7",
            contactName = "Contoso Pty Ltd",
            clientId = ContosoId,
            clientName = "Contoso",
            status = "awaiting",
            issuedOn = "2025-03-14",
            dueOn = "2025-04-14",
            currency = "AUD",
            total = 1100m,
            amountDue,
            amountPaid = 1100m - amountDue,
            vendorUrl = "https://go.xero.com/app/invoicing/view/xero-inv-42",
            lines = new object[]
            {
                new { description = "Managed backup (GB)", quantity = 400m, unitAmount = 1.25m, accountCode = "200", itemCode = "BKP", taxAmount = 50m, lineAmount = 500m },
                new { description = "Microsoft 365 Business Premium", quantity = 10m, unitAmount = 50m, accountCode = "210", itemCode = "M365", taxAmount = 50m, lineAmount = 500m },
                new { description = "Onboarding", quantity = (decimal?)null, unitAmount = (decimal?)null, accountCode = (string?)null, itemCode = (string?)null, taxAmount = (decimal?)null, lineAmount = (decimal?)null },
            },
            subTotal = 1000m,
            totalTax = 100m,
            paymentStatus,
            fullyPaidOn = (string?)null,
            updatedAt = Created,
        };

    public static object XeroConnection(
        string status, string? tenantName = null, object[]? tenants = null, DateTimeOffset? connectedAt = null,
        string? error = null) =>
        new
        {
            status,
            tenantId = tenantName is null ? null : "tenant-1",
            tenantName,
            tenants = tenants ?? [],
            connectedAt,
            connectedBy = connectedAt is null ? null : "Olivia Owner",
            error,
        };

    public static object Tenant(string id, string name) => new { id, name };

    public static object AccountMapping(string billingType, string accountCode, string taxType) =>
        new { billingType, accountCode, taxType, updatedAt = Created };

    public static object AccountMapping(string billingType, string accountCode) =>
        new { billingType, accountCode, updatedAt = Created };
}
