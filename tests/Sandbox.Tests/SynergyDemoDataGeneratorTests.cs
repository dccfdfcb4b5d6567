using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Synergy;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Unit")]
public sealed class SynergyDemoDataGeneratorTests
{
    private static readonly DateTimeOffset Anchor = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DemoDataSet World = DemoDataGenerator.Generate(20250101, 300, Anchor);
    private static readonly SynergyDemoData Data = SynergyDemoDataGenerator.Generate(20250101, World);

    [Fact]
    public void The_same_seed_gives_the_same_account()
    {
        var again = SynergyDemoDataGenerator.Generate(20250101, World);

        again.Domains.ShouldBe(Data.Domains);
        again.Hosting.ShouldBe(Data.Hosting);
        again.Certificates.ShouldBe(Data.Certificates);
    }

    [Fact]
    public void Several_hundred_unique_domains_belong_to_the_demo_clients()
    {
        Data.Domains.Count.ShouldBeInRange(300, 900);
        Data.Domains.Select(domain => domain.Name).ShouldBeUnique();
        var clients = World.Clients.ToDictionary(client => client.Id);
        Data.Domains.ShouldAllBe(domain => clients.ContainsKey(domain.ClientId));
        Data.Domains.Select(domain => domain.ClientId).Distinct().Count().ShouldBeGreaterThan(World.Clients.Count / 2);
        // Every client's own domain is among them when it registers any.
        Data.Domains.GroupBy(domain => domain.ClientId)
            .ShouldAllBe(group => group.Any(domain => domain.Name == clients[group.Key].DomainName));
    }

    [Fact]
    public void Some_expire_within_thirty_days_some_do_not_auto_renew_and_a_few_have_lapsed()
    {
        var soon = Data.Domains.Count(domain => domain.Expiry >= Anchor && domain.Expiry < Anchor.AddDays(30));
        var lapsed = Data.Domains.Where(domain => domain.Expiry < Anchor).ToList();

        soon.ShouldBeGreaterThan(10);
        Data.Domains.Count(domain => !domain.AutoRenew).ShouldBeGreaterThan(20);
        lapsed.Count.ShouldBeInRange(1, Data.Domains.Count / 10);
        lapsed.ShouldAllBe(domain => domain.Status == "Expired");
    }

    [Fact]
    public void Hosting_and_certificates_cover_a_subset_of_the_registered_domains()
    {
        var domains = Data.Domains.Select(domain => domain.Name).ToHashSet();

        Data.Hosting.Count.ShouldBeInRange(50, Data.Domains.Count);
        Data.Hosting.ShouldAllBe(service => domains.Contains(service.Domain) && service.DiskUsageMb <= service.DiskLimitMb);
        Data.Hosting.Select(service => service.Id).ShouldBeUnique();
        Data.Certificates.Count.ShouldBeInRange(30, Data.Domains.Count);
        Data.Certificates.ShouldAllBe(certificate =>
            domains.Contains(certificate.CommonName.Substring(certificate.CommonName.IndexOf('.') + 1)));
        Data.Certificates.Where(certificate => certificate.ExpireDate < Anchor).ShouldAllBe(certificate => certificate.Status == "Expired");
    }
}
