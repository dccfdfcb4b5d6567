using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.Pax8;

/// <summary>
/// Builds the sandbox's Pax8 account on the demo clients: a company per client (a few clients buy elsewhere)
/// under a slightly different name, and a year of subscription history: Microsoft 365 seats, add-ons and
/// per-device security and backup, some licensed short or over, some added, switched, cancelled, on trial.
/// Draws from its own seeded <see cref="Random"/> so the RMM data of the same seed stays as it was.
/// </summary>
public static class Pax8DemoDataGenerator
{
    private const int Pax8SeedOffset = 0x5A8;
    private const int DaysInYear = 365;

    public static Pax8DemoData Generate(int seed, DemoDataSet clients)
    {
        var random = new Random(seed + Pax8SeedOffset);
        var today = new DateTimeOffset(clients.Anchor.UtcDateTime.Date, TimeSpan.Zero);
        var productIds = Pax8Catalogue.All.ToDictionary(entry => entry, _ => NextGuid(random));
        var companies = new List<Pax8Company>();
        var clientIdByCompany = new Dictionary<Guid, int>();
        var subscriptions = new List<Pax8Subscription>();

        foreach (var client in clients.Clients)
        {
            if (random.NextDouble() < 0.04)
            {
                continue; // buys its licences elsewhere
            }
            var company = new Pax8Company(
                NextGuid(random),
                Pax8CompanyNames.Vary(random, client.Name, client.TimeZone),
                random.NextDouble() < 0.7 ? $"https://www.{client.DomainName}" : null,
                ExternalId: null,
                Status: "Active",
                BillOnBehalfOfEnabled: random.NextDouble() < 0.2,
                UpdatedDate: today - TimeSpan.FromDays(random.Next(0, 3 * DaysInYear)));
            companies.Add(company);
            clientIdByCompany[company.Id] = client.Id;
            var history = new SubscriptionHistory(random, today, company.Id, productIds);
            history.AddCompanySubscriptions(client);
            subscriptions.AddRange(history.Subscriptions);
        }

        return new Pax8DemoData(
            companies,
            [.. Pax8Catalogue.All.Select(entry => new Pax8Product(productIds[entry], entry.Name, entry.VendorName, entry.Sku,
                entry.RequiresCommitment, entry.Unit.ToString(), entry.MonthlyPrice, Pax8Catalogue.Currency))],
            [.. subscriptions.OrderBy(subscription => subscription.CreatedDate)],
            clientIdByCompany);
    }

    /// <summary>A version 4 GUID from the seeded generator, so ids repeat with the seed.</summary>
    internal static Guid NextGuid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>One company's subscriptions, drawn in a fixed order.</summary>
    private sealed class SubscriptionHistory(
        Random random, DateTimeOffset today, Guid companyId, Dictionary<Pax8Catalogue.Entry, Guid> productIds)
    {
        public List<Pax8Subscription> Subscriptions { get; } = [];

        public void AddCompanySubscriptions(DemoClient client)
        {
            // Cloud-only clients still have staff with mailboxes.
            var users = client.Workstations > 0
                ? Math.Max(1, (int)Math.Round(client.Workstations * (0.8 + random.NextDouble() * 0.5)))
                : random.Next(2, 16);
            AddCorePlan(users);
            foreach (var (product, uptake, seatShare) in Pax8Catalogue.UserAddOns)
            {
                AddIfTaken(product, uptake, Licensed(Math.Max(1, (int)Math.Round(users * seatShare))));
            }
            if (client.Devices == 0)
            {
                return;
            }
            foreach (var (product, uptake, covers) in Pax8Catalogue.DeviceProducts)
            {
                var actual = covers switch
                {
                    Pax8Catalogue.CoveredDevices.Workstations => client.Workstations,
                    Pax8Catalogue.CoveredDevices.Servers => client.Servers,
                    _ => client.Devices,
                };
                if (actual > 0)
                {
                    AddIfTaken(product, uptake, Licensed(actual));
                }
            }
        }

        /// <summary>
        /// The Microsoft 365 plan: a fifth of companies switched plans during the year (the old one cancelled
        /// on the day the new one starts), and a third commit base seats annually with monthly seats on top.
        /// </summary>
        private void AddCorePlan(int users)
        {
            var plan = Pax8Catalogue.CorePlans[random.Next(Pax8Catalogue.CorePlans.Length)];
            var start = PastStart();
            if (random.NextDouble() < 0.2)
            {
                var switchedOn = today - TimeSpan.FromDays(random.Next(1, DaysInYear));
                var previous = Pax8Catalogue.CorePlans.First(other => other != plan);
                Add(previous, "Monthly", users, "Cancelled", start, switchedOn);
                start = switchedOn;
            }
            if (users > 4 && random.NextDouble() < 0.35)
            {
                var flexSeats = random.Next(1, 4);
                Add(plan, "Annual", Licensed(users - flexSeats), "Active", start, null);
                Add(plan, "Monthly", flexSeats, "Active", start + TimeSpan.FromDays(random.Next(0, 120)), null);
            }
            else
            {
                Add(plan, random.NextDouble() < 0.5 ? "Annual" : "Monthly", Licensed(users), "Active", start, null);
            }
        }

        /// <summary>
        /// Taken products are mostly active; some were cancelled during the year or are on trial. Products not
        /// taken were sometimes tried and dropped.
        /// </summary>
        private void AddIfTaken(Pax8Catalogue.Entry product, double uptake, int quantity)
        {
            var term = product.RequiresCommitment && random.NextDouble() < 0.4 ? "Annual" : "Monthly";
            if (random.NextDouble() >= uptake)
            {
                if (random.NextDouble() < 0.15)
                {
                    var start = today - TimeSpan.FromDays(random.Next(60, 2 * DaysInYear));
                    var end = start + TimeSpan.FromDays(random.Next(30, 300));
                    Add(product, "Monthly", quantity, "Cancelled", start, end < today ? end : today);
                }
                return;
            }
            var outcome = random.NextDouble();
            var added = random.NextDouble() < 0.2;
            var begin = added ? today - TimeSpan.FromDays(random.Next(1, DaysInYear)) : PastStart();
            switch (outcome)
            {
                case < 0.08:
                    var daysRunning = (int)(today - begin).TotalDays;
                    Add(product, term, quantity, "Cancelled", begin,
                        today - TimeSpan.FromDays(random.Next(0, Math.Min(daysRunning, DaysInYear) + 1)));
                    break;
                case < 0.11:
                    Add(product, "Monthly", quantity, "Trial", today - TimeSpan.FromDays(random.Next(1, 30)), null);
                    break;
                case < 0.12:
                    Add(product, term, quantity, "Suspended", begin, null);
                    break;
                default:
                    Add(product, term, quantity, "Active", begin, null);
                    break;
            }
        }

        /// <summary>What the company pays for against what it uses: mostly exact, sometimes short, a few over.</summary>
        private int Licensed(int actual) => random.NextDouble() switch
        {
            < 0.70 => actual,
            < 0.90 => Math.Max(1, actual - random.Next(1, Math.Max(2, actual / 6 + 1))),
            _ => actual + random.Next(1, 4),
        };

        private DateTimeOffset PastStart() => today - TimeSpan.FromDays(random.Next(DaysInYear, 5 * DaysInYear));

        private void Add(Pax8Catalogue.Entry product, string billingTerm, int quantity, string status,
            DateTimeOffset start, DateTimeOffset? end)
        {
            // Annual terms are priced per year at the 5% discount Microsoft gives annual commitments.
            var price = billingTerm == "Annual" ? Math.Round(product.MonthlyPrice * 12 * 0.95m, 2) : product.MonthlyPrice;
            Subscriptions.Add(new Pax8Subscription(NextGuid(random), companyId, productIds[product], quantity, price,
                Pax8Catalogue.Currency, billingTerm, status, start - TimeSpan.FromDays(random.Next(0, 4)), start, end,
                UpdatedDate: end ?? start));
        }
    }
}
