using System.Globalization;
using BillingOne.BuildingBlocks.Csv;
using CsvHelper;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// The Synergy lists as CSV for spreadsheets. The columns are a contract for the files people keep: add at the end,
/// never reorder. Names typed by people open as text, never as formulas.
/// </summary>
public static class SynergyCsv
{
    public const string ContentType = CsvFiles.ContentType;

    public static readonly string[] DomainHeader =
        ["Domain", "Status", "Expiry", "Auto-Renew", "Synergy Account", "Client ID", "Client"];

    public static readonly string[] HostingHeader =
    [
        "Hosting ID", "Domain", "Plan", "Status", "Renews", "Disk Used (MB)", "Disk Limit (MB)", "Bandwidth (MB)",
        "Bandwidth Limit (MB)", "Synergy Account", "Client ID", "Client",
    ];

    public static readonly string[] CertificateHeader =
        ["Certificate ID", "Common Name", "Product", "Status", "Expiry", "Synergy Account", "Client ID", "Client"];

    public static byte[] Write(IEnumerable<SynergyDomainResponse> domains) => CsvFiles.Write(DomainHeader, domains, (csv, domain) =>
    {
        csv.WriteField(domain.Name);
        csv.WriteField(domain.Status);
        csv.WriteField(CsvFiles.Date(domain.ExpiresAt));
        csv.WriteField(domain.AutoRenew ? "on" : "off");
        Client(csv, domain.AccountName, domain.ClientId, domain.ClientName);
    });

    public static byte[] Write(IEnumerable<SynergyHostingResponse> services) => CsvFiles.Write(HostingHeader, services, (csv, service) =>
    {
        csv.WriteField(service.Id);
        csv.WriteField(service.Domain);
        csv.WriteField(service.Plan);
        csv.WriteField(service.Status);
        csv.WriteField(CsvFiles.Date(service.RenewsAt));
        csv.WriteField(service.DiskUsageMb?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(service.DiskLimitMb?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(service.BandwidthMb?.ToString(CultureInfo.InvariantCulture) ?? "");
        csv.WriteField(service.BandwidthLimitMb?.ToString(CultureInfo.InvariantCulture) ?? "");
        Client(csv, service.AccountName, service.ClientId, service.ClientName);
    });

    public static byte[] Write(IEnumerable<SynergyCertificateResponse> certificates) => CsvFiles.Write(CertificateHeader, certificates,
        (csv, certificate) =>
        {
            csv.WriteField(certificate.Id);
            csv.WriteField(certificate.CommonName);
            csv.WriteField(certificate.Product);
            csv.WriteField(certificate.Status);
            csv.WriteField(CsvFiles.Date(certificate.ExpiresAt));
            Client(csv, certificate.AccountName, certificate.ClientId, certificate.ClientName);
        });

    private static void Client(CsvWriter csv, string? accountName, Guid? clientId, string? clientName)
    {
        csv.WriteField(accountName ?? "");
        csv.WriteField(clientId?.ToString() ?? "");
        csv.WriteField(clientName ?? "");
    }

}
