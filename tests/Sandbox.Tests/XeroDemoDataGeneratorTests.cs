using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;
using BillingOne.Sandbox.Xero;

namespace BillingOne.Sandbox.Tests;

[Trait("Category", "Unit")]
public sealed class XeroDemoDataGeneratorTests
{
    private const int Seed = 777;
    private static readonly DateTimeOffset Anchor = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DemoDataSet Rmm = DemoDataGenerator.Generate(Seed, 150, Anchor);
    private static readonly Pax8DemoData Pax8 = Pax8DemoDataGenerator.Generate(Seed, Rmm);
    private static readonly XeroDemoData Xero = XeroDemoDataGenerator.Generate(Seed, Rmm, Pax8);

    [Fact]
    public void Every_line_of_a_company_contact_bills_a_running_pax8_subscription_at_its_quantity_and_price()
    {
        var products = Pax8.Products.ToDictionary(product => product.Sku);
        var underBilled = Xero.UnderBilled.ToDictionary(line => line.LineItemID);
        var companyInvoices = Xero.Invoices.Where(invoice => Xero.CompanyByContact.ContainsKey(invoice.Contact.ContactID)).ToList();

        companyInvoices.Count.ShouldBeGreaterThan(Pax8.Companies.Count * 10);
        // Checked with plain LINQ and asserted once: a Shouldly predicate per line compiles an expression each time
        // (a minute for the year's thousands of lines).
        var subscriptionsByCompany = Pax8.Subscriptions.ToLookup(s => s.CompanyId);
        var wrongLines = (
            from invoice in companyInvoices
            let subscriptions = subscriptionsByCompany[Xero.CompanyByContact[invoice.Contact.ContactID]]
            from line in invoice.LineItems
            let product = products[line.ItemCode!]
            let quantity = underBilled.TryGetValue(line.LineItemID, out var shortLine) ? shortLine.SubscribedQuantity : line.Quantity
            where !subscriptions.Any(s => s.ProductId == product.Id && s.Quantity == quantity
                                          && (s.BillingTerm == "Annual" ? XeroInvoices.Cents(s.Price / 12) : s.Price) == line.UnitAmount)
                  || line.LineAmount != XeroInvoices.Cents(line.Quantity * line.UnitAmount)
            select $"{invoice.InvoiceNumber}: {line.Description}").ToList();

        wrongLines.ShouldBeEmpty();
    }

    [Fact]
    public void A_few_lines_are_under_billed_and_really_lower_than_their_subscription()
    {
        var subscriptions = Pax8.Subscriptions.ToDictionary(subscription => subscription.Id);
        var lines = Xero.Invoices.SelectMany(invoice => invoice.LineItems).ToDictionary(line => line.LineItemID);

        Xero.UnderBilled.Count.ShouldBeInRange(5, Xero.Invoices.Count / 10);
        foreach (var shortLine in Xero.UnderBilled)
        {
            subscriptions[shortLine.SubscriptionId].Quantity.ShouldBe(shortLine.SubscribedQuantity);
            lines[shortLine.LineItemID].Quantity.ShouldBe(shortLine.BilledQuantity);
            shortLine.BilledQuantity.ShouldBeLessThan(shortLine.SubscribedQuantity);
        }
    }

    [Fact]
    public void A_year_of_invoices_runs_from_paid_through_overdue_to_submitted_and_draft()
    {
        var byStatus = Xero.Invoices.GroupBy(invoice => invoice.Status).ToDictionary(group => group.Key, group => group.ToList());

        byStatus.Keys.Order().ShouldBe(["AUTHORISED", "DRAFT", "PAID", "SUBMITTED"]);
        byStatus["PAID"].ShouldAllBe(invoice => invoice.AmountDue == 0 && invoice.AmountPaid == invoice.Total);
        byStatus["AUTHORISED"].ShouldContain(invoice => invoice.AmountDue > 0 && string.CompareOrdinal(invoice.DueDateString, "2025-02-28") < 0);
        byStatus["DRAFT"].ShouldAllBe(invoice => invoice.DateString == "2025-03-01T00:00:00");
        Xero.Invoices.Select(invoice => invoice.DateString[..7]).Distinct().Count().ShouldBe(13);
        Xero.Invoices.ShouldAllBe(invoice => invoice.UpdatedAt <= Anchor);
    }

    [Fact]
    public void Contact_names_need_mapping_and_some_contacts_bill_no_company()
    {
        var clientNames = Rmm.Clients.Select(client => client.Name).ToHashSet();
        var companyContacts = Xero.Contacts.Where(contact => Xero.CompanyByContact.ContainsKey(contact.ContactID)).ToList();

        companyContacts.Count.ShouldBe(Pax8.Companies.Count);
        companyContacts.Count(contact => !clientNames.Contains(contact.Name)).ShouldBeGreaterThan(companyContacts.Count / 2);
        Xero.Contacts.Count(contact => !Xero.CompanyByContact.ContainsKey(contact.ContactID)).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_organisation()
    {
        var again = XeroDemoDataGenerator.Generate(Seed, Rmm, Pax8);

        again.Contacts.ShouldBe(Xero.Contacts);
        again.Invoices.Select(invoice => (invoice.InvoiceID, invoice.InvoiceNumber, invoice.Total, invoice.Status, invoice.UpdatedDateUTC))
            .ShouldBe(Xero.Invoices.Select(invoice => (invoice.InvoiceID, invoice.InvoiceNumber, invoice.Total, invoice.Status, invoice.UpdatedDateUTC)));
        again.UnderBilled.ShouldBe(Xero.UnderBilled);
    }
}
