using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// The MSP's Xero organisation. <see cref="CompanyByContact"/> links each contact to the Pax8 company it bills, which
/// Xero does not know (mapping is BillingOne's job); the contacts missing from it bill no Pax8 company.
/// </summary>
public sealed record XeroDemoData(
    IReadOnlyList<XeroContact> Contacts,
    IReadOnlyList<XeroInvoice> Invoices,
    IReadOnlyList<XeroUnderBilledLine> UnderBilled,
    IReadOnlyDictionary<Guid, Guid> CompanyByContact);

/// <summary>
/// Builds a year of monthly invoices on the Pax8 companies of the world's first step: a contact per company under a
/// drifted or mistyped name, and an invoice on the first of each of the last twelve months and this one, a line per
/// subscription running that day (quantity × Pax8 price; annual terms billed a twelfth a month). Older invoices are
/// paid, some authorised ones are overdue, the latest are submitted or draft, and a few lines bill fewer seats than
/// subscribed. A handful of contacts bill project work and match no company. Draws from its own seeded
/// <see cref="Random"/>, so the other vendors' data of the same seed stays as it was.
/// </summary>
public static class XeroDemoDataGenerator
{
    public const int MonthsOfHistory = 12;
    public const string SalesAccountCode = "200";
    private const int SeedOffset = 0x8E70;
    private const double UnderBilledShare = 0.03;
    private const decimal ProjectHourlyRate = 165m;

    private static readonly string[] ContactsWithoutCompany =
    [
        "Harbour Yacht Club", "Cash Sales", "J. Smith (Consulting)", "Westside Tennis Association", "Sunrise Community Kindy",
    ];

    public static XeroDemoData Generate(int seed, DemoDataSet rmm, Pax8DemoData pax8)
    {
        var random = new Random(seed + SeedOffset);
        var today = new DateTimeOffset(rmm.Anchor.UtcDateTime.Date, TimeSpan.Zero);
        var clients = rmm.Clients.ToDictionary(client => client.Id);
        var companyByContact = new Dictionary<Guid, Guid>();
        var contacts = new List<XeroContact>();
        foreach (var company in pax8.Companies)
        {
            var client = clients[pax8.ClientIdByCompany[company.Id]];
            var contact = NewContact(random, today, AccountingContactNames.Vary(random, client), $"accounts@{client.DomainName}");
            contacts.Add(contact);
            companyByContact[contact.ContactID] = company.Id;
        }
        contacts.AddRange(ContactsWithoutCompany.Select(name => NewContact(random, today, name, null)));

        var builder = new InvoiceBuilder(random, today, pax8);
        var firstOfMonth = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var monthsAgo = MonthsOfHistory; monthsAgo >= 0; monthsAgo--)
        {
            foreach (var contact in contacts)
            {
                builder.Add(contact, companyByContact.TryGetValue(contact.ContactID, out var companyId) ? companyId : null,
                    firstOfMonth.AddMonths(-monthsAgo), monthsAgo);
            }
        }
        return new XeroDemoData(contacts, builder.Invoices, builder.UnderBilled, companyByContact);
    }

    private static XeroContact NewContact(Random random, DateTimeOffset today, string name, string? email)
    {
        var updated = today - TimeSpan.FromDays(random.Next(30, 900)) + TimeSpan.FromMinutes(random.Next(0, 24 * 60));
        return new XeroContact(Pax8DemoDataGenerator.NextGuid(random), name, email, "ACTIVE", true, XeroJson.Date(updated), updated);
    }

    private sealed class InvoiceBuilder(Random random, DateTimeOffset today, Pax8DemoData pax8)
    {
        private readonly ILookup<Guid, Pax8Subscription> subscriptionsByCompany = pax8.Subscriptions.ToLookup(s => s.CompanyId);
        private readonly Dictionary<Guid, Pax8Product> products = pax8.Products.ToDictionary(product => product.Id);
        private int nextNumber = 1001;

        public List<XeroInvoice> Invoices { get; } = [];

        public List<XeroUnderBilledLine> UnderBilled { get; } = [];

        public void Add(XeroContact contact, Guid? companyId, DateTimeOffset date, int monthsAgo)
        {
            var invoiceId = Pax8DemoDataGenerator.NextGuid(random);
            var number = $"INV-{nextNumber}";
            List<XeroLineItem> lines;
            if (companyId is { } id)
            {
                lines = SubscriptionLines(invoiceId, number, contact.ContactID, id, date);
            }
            else if (monthsAgo % 3 == 0)
            {
                lines = [XeroInvoices.Line(Pax8DemoDataGenerator.NextGuid(random), $"Project work, {date:MMMM yyyy}",
                    random.Next(2, 21), ProjectHourlyRate, SalesAccountCode, "PROJECT", XeroInvoices.Exclusive)];
            }
            else
            {
                return;
            }
            if (lines.Count == 0)
            {
                return;
            }
            nextNumber++;
            var dueDate = date.AddDays(20);
            var (status, paidShare, updated) = Outcome(date, dueDate, monthsAgo);
            var total = lines.Sum(line => line.LineAmount + line.TaxAmount);
            Invoices.Add(XeroInvoices.Create(invoiceId, number, $"Managed services {date:MMM yyyy}",
                new XeroContactRef(contact.ContactID, contact.Name, contact.EmailAddress), date, dueDate, status,
                XeroInvoices.Exclusive, lines, XeroInvoices.Cents(total * paidShare), Pax8Catalogue.Currency, updated));
        }

        /// <summary>A line per subscription running on the invoice's date, trials aside; now and then one billed short.</summary>
        private List<XeroLineItem> SubscriptionLines(Guid invoiceId, string number, Guid contactId, Guid companyId, DateTimeOffset date)
        {
            var running = subscriptionsByCompany[companyId]
                .Where(s => s.StartDate <= date && (s.EndDate is null || s.EndDate > date) && s.Status != "Trial")
                .ToList();
            var shortIndex = random.NextDouble() < UnderBilledShare && running.Any(s => s.Quantity > 1)
                ? running.FindIndex(s => s.Quantity > 1)
                : -1;
            var lines = new List<XeroLineItem>(running.Count);
            for (var index = 0; index < running.Count; index++)
            {
                var subscription = running[index];
                var product = products[subscription.ProductId];
                var quantity = index == shortIndex
                    ? subscription.Quantity - random.Next(1, Math.Max(2, subscription.Quantity / 4 + 1))
                    : subscription.Quantity;
                var unitAmount = subscription.BillingTerm == "Annual" ? XeroInvoices.Cents(subscription.Price / 12) : subscription.Price;
                var line = XeroInvoices.Line(Pax8DemoDataGenerator.NextGuid(random),
                    $"{product.Name} ({subscription.BillingTerm}), {date:MMMM yyyy}", quantity, unitAmount, SalesAccountCode,
                    product.Sku, XeroInvoices.Exclusive);
                lines.Add(line);
                if (index == shortIndex)
                {
                    UnderBilled.Add(new XeroUnderBilledLine(invoiceId, number, contactId, line.LineItemID, subscription.Id,
                        product.Sku, subscription.Quantity, quantity));
                }
            }
            return lines;
        }

        /// <summary>
        /// This month's invoice is a draft or awaiting approval; last month's is paid, awaiting approval or overdue; older
        /// ones are mostly paid, a few still overdue, some of those part paid. Updates never lie after the world's today.
        /// </summary>
        private (string Status, decimal PaidShare, DateTimeOffset Updated) Outcome(DateTimeOffset date, DateTimeOffset dueDate, int monthsAgo)
        {
            var draw = random.NextDouble();
            var hours = TimeSpan.FromHours(random.Next(1, 48));
            var paidOn = dueDate - TimeSpan.FromDays(random.Next(0, 16)) + hours;
            var (status, share, updated) = monthsAgo switch
            {
                0 => (draw < 0.6 ? "DRAFT" : "SUBMITTED", 0m, date + hours),
                1 when draw < 0.15 => ("SUBMITTED", 0m, date + hours),
                _ when draw < (monthsAgo == 1 ? 0.5 : 0.06) => ("AUTHORISED", draw < 0.02 ? 0.5m : 0m, date + TimeSpan.FromDays(1) + hours),
                _ => ("PAID", 1m, paidOn < date ? date + hours : paidOn),
            };
            return (status, share, updated < today ? updated : today);
        }
    }
}
