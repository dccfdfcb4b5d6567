using System.Text;
using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Unit")]
public sealed class Pax8DemoDataGeneratorTests
{
    private const int Seed = 7;
    private static readonly DateTimeOffset Anchor = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DemoDataSet Clients = DemoDataGenerator.Generate(Seed, clientCount: 300, Anchor);
    private static readonly Pax8DemoData Data = Pax8DemoDataGenerator.Generate(Seed, Clients);

    [Fact]
    public void Same_seed_and_clients_give_identical_data()
    {
        var again = Pax8DemoDataGenerator.Generate(Seed, DemoDataGenerator.Generate(Seed, clientCount: 300, Anchor));

        again.Companies.SequenceEqual(Data.Companies).ShouldBeTrue();
        again.Products.SequenceEqual(Data.Products).ShouldBeTrue();
        again.Subscriptions.SequenceEqual(Data.Subscriptions).ShouldBeTrue();
    }

    [Fact]
    public void Another_seed_gives_other_ids()
    {
        var other = Pax8DemoDataGenerator.Generate(Seed + 1, Clients);

        other.Products.Select(product => product.Id).Intersect(Data.Products.Select(product => product.Id)).ShouldBeEmpty();
    }

    [Fact]
    public void Nearly_every_client_is_a_company_with_a_few_thousand_subscriptions_between_them()
    {
        Data.Companies.Count.ShouldBeInRange(270, 299, "a few clients buy their licences elsewhere");
        Data.Companies.Select(company => company.Id).Distinct().Count().ShouldBe(Data.Companies.Count);
        Data.ClientIdByCompany.Values.Distinct().Count().ShouldBe(Data.Companies.Count);
        Data.Subscriptions.Count.ShouldBeInRange(1700, 2600);
        Data.Subscriptions.Select(subscription => subscription.Id).Distinct().Count().ShouldBe(Data.Subscriptions.Count);
    }

    [Fact]
    public void Company_names_differ_slightly_from_the_client_names()
    {
        var clientNames = Clients.Clients.ToDictionary(client => client.Id, client => client.Name);
        var pairs = Data.Companies
            .Select(company => (Company: company.Name, Client: clientNames[Data.ClientIdByCompany[company.Id]]))
            .ToList();

        pairs.Count(pair => pair.Company != pair.Client).ShouldBeGreaterThan(pairs.Count * 6 / 10, "most names drift");
        pairs.Count(pair => pair.Company == pair.Client).ShouldBeGreaterThan(0, "some are typed exactly");
        // Still recognisably the same business: the first word survives (apart from case and punctuation).
        pairs.ShouldAllBe(pair => FirstWord(pair.Company) == FirstWord(pair.Client));
        Data.Companies.ShouldContain(company => company.Name.EndsWith(" Pty. Ltd.", StringComparison.Ordinal));
        Data.Companies.ShouldContain(company => company.Name.Contains(" and ", StringComparison.Ordinal));
    }

    [Fact]
    public void Subscriptions_reference_known_companies_and_products_and_carry_valid_money()
    {
        var companies = Data.Companies.Select(company => company.Id).ToHashSet();
        var products = Data.Products.ToDictionary(product => product.Id);

        Data.Subscriptions.ShouldAllBe(subscription =>
            companies.Contains(subscription.CompanyId) && products.ContainsKey(subscription.ProductId) &&
            subscription.Quantity > 0 && subscription.Price > 0 && subscription.CurrencyCode == "AUD" &&
            (subscription.BillingTerm == "Monthly" || subscription.BillingTerm == "Annual"));
        Data.Products.Select(product => product.UnitOfMeasurement).Distinct().Order().ShouldBe(["Device", "User"]);
        Data.Products.ShouldAllBe(product => product.UnitPrice > 0 && product.CurrencyCode == "AUD");
    }

    [Fact]
    public void A_year_of_history_has_added_cancelled_trial_and_suspended_subscriptions()
    {
        var yearAgo = Anchor.AddDays(-365);
        var cancelled = Data.Subscriptions.Where(subscription => subscription.Status == "Cancelled").ToList();

        cancelled.Count.ShouldBeGreaterThan(100);
        cancelled.ShouldAllBe(subscription => subscription.EndDate >= subscription.StartDate && subscription.EndDate <= Anchor);
        cancelled.Count(subscription => subscription.EndDate >= yearAgo).ShouldBeGreaterThan(cancelled.Count / 2);
        Data.Subscriptions.Where(subscription => subscription.Status != "Cancelled")
            .ShouldAllBe(subscription => subscription.EndDate == null);
        Data.Subscriptions.Count(subscription => subscription.StartDate > yearAgo && subscription.Status == "Active")
            .ShouldBeGreaterThan(100, "subscriptions were added during the year");
        Data.Subscriptions.ShouldContain(subscription => subscription.Status == "Trial");
        Data.Subscriptions.ShouldContain(subscription => subscription.Status == "Suspended");
        Data.Subscriptions.ShouldAllBe(subscription => subscription.CreatedDate <= subscription.StartDate);
        Data.Subscriptions.ShouldAllBe(subscription => subscription.UpdatedDate == (subscription.EndDate ?? subscription.StartDate));
    }

    private static string FirstWord(string name)
    {
        var letters = new StringBuilder();
        foreach (var character in name.TakeWhile(character => character != ' '))
        {
            if (char.IsLetterOrDigit(character))
            {
                letters.Append(char.ToLowerInvariant(character));
            }
        }
        return letters.ToString();
    }
}
