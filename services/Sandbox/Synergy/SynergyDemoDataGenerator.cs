using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Synergy;

/// <summary>
/// Builds the reseller's Synergy Wholesale account on the world's first step: most clients register their domain
/// (and often a variant or two) through the MSP, the registrant organisation named as on their Pax8 company; some host
/// a site, some buy a certificate. Expiries spread over the next year with a share due within 30 days, auto-renewal off
/// on some and a few already expired. Draws from its own seeded <see cref="Random"/>.
/// </summary>
public static class SynergyDemoDataGenerator
{
    private const int SeedOffset = 0x5E2E;
    private const double DomainShare = 0.8;
    private const double HostingShare = 0.45;
    private const double CertificateShare = 0.35;
    private const double AutoRenewOffShare = 0.15;

    private static readonly string[] Suffixes = [".com", ".net", ".com.au", ".net.au", ".au", ".io", ".co.nz"];

    private static readonly (string Name, int DiskMb, int BandwidthMb)[] Plans =
    [
        ("Starter 2GB", 2_048, 20_480),
        ("Business 10GB", 10_240, 102_400),
        ("Business 25GB", 25_600, 256_000),
        ("WordPress Pro 50GB", 51_200, 512_000),
    ];

    private static readonly (string Id, string Name, bool Wildcard)[] Products =
    [
        ("1", "RapidSSL Standard DV", false),
        ("2", "GeoTrust QuickSSL Premium", false),
        ("3", "Sectigo PositiveSSL Wildcard", true),
        ("4", "DigiCert Secure Site OV", false),
    ];

    public static SynergyDemoData Generate(int seed, DemoDataSet rmm)
    {
        var random = new Random(seed + SeedOffset);
        var today = new DateTimeOffset(rmm.Anchor.UtcDateTime.Date, TimeSpan.Zero);
        var domains = new List<SynergyDemoDomain>();
        var hosting = new List<SynergyDemoHosting>();
        var certificates = new List<SynergyDemoCertificate>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var client in rmm.Clients)
        {
            if (random.NextDouble() >= DomainShare)
            {
                continue;
            }
            var registrant = Pax8CompanyNames.Vary(random, client.Name, client.TimeZone);
            var label = client.DomainName[..client.DomainName.IndexOf('.', StringComparison.Ordinal)];
            var clientDomains = new List<string> { client.DomainName };
            var variants = random.Next(3); // 0–2 more: the brand under other suffixes
            foreach (var suffix in Suffixes.OrderBy(_ => random.Next()).Take(variants))
            {
                clientDomains.Add(label + suffix);
            }
            foreach (var name in clientDomains.Where(names.Add))
            {
                domains.Add(NewDomain(random, today, name, registrant, client.Id));
            }

            if (random.NextDouble() < HostingShare)
            {
                var plan = Plans[random.Next(Plans.Length)];
                var renews = today.AddDays(random.Next(-5, 366));
                hosting.Add(new SynergyDemoHosting($"HO{hosting.Count + 100_001}", client.DomainName, plan.Name,
                    random.NextDouble() < 0.06 ? "Suspended" : "Active", renews,
                    (int)(plan.DiskMb * random.NextDouble() * 0.9), plan.DiskMb,
                    (int)(plan.BandwidthMb * random.NextDouble() * 0.5), plan.BandwidthMb));
            }
            if (random.NextDouble() < CertificateShare)
            {
                var product = Products[random.Next(Products.Length)];
                var expires = today.AddDays(random.Next(-10, 396));
                certificates.Add(new SynergyDemoCertificate($"{certificates.Count + 700_001}",
                    (product.Wildcard ? "*." : "www.") + client.DomainName, product.Id, product.Name,
                    expires < today ? "Expired" : random.NextDouble() < 0.05 ? "Pending Validation" : "Issued",
                    expires.AddYears(-1), expires));
            }
        }
        return new SynergyDemoData(domains, hosting, certificates);
    }

    private static SynergyDemoDomain NewDomain(Random random, DateTimeOffset today, string name, string registrant,
        int clientId)
    {
        // One in ten due within 30 days, a few lapsed, the rest over the coming year.
        var draw = random.NextDouble();
        var expiry = today.AddDays(draw switch
        {
            < 0.03 => -random.Next(1, 40),
            < 0.13 => random.Next(0, 30),
            _ => random.Next(30, 730),
        }).AddHours(random.Next(24));
        var status = expiry < today ? "Expired" : random.NextDouble() < 0.3 ? "clientTransferProhibited" : "ok";
        return new SynergyDemoDomain(name, status, expiry, random.NextDouble() >= AutoRenewOffShare, registrant, clientId);
    }
}
