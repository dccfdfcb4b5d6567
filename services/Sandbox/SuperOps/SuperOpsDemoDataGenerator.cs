using System.Globalization;
using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.SuperOps;

/// <summary>
/// Builds SuperOps' account on the world's first step: about a third of the RMM clients with devices (the ones the MSP
/// bills managed services through SuperOps), named as the bookkeeper typed them, with an invoice on the first of each
/// of the last twelve months and this one: managed workstations and servers at the RMM's counts. This month's is a
/// draft, last month's approved (sent) or overdue, older ones paid with a few still overdue. Amounts are in the demo's
/// currency (AUD), which SuperOps' invoices do not carry: the AppHost gives the connector that currency. Draws from its own seeded
/// <see cref="Random"/>.
/// </summary>
public static class SuperOpsDemoDataGenerator
{
    public const decimal WorkstationPrice = 55m;
    public const decimal ServerPrice = 150m;
    private const int SeedOffset = 0x50E5;
    private const double ClientShare = 0.35;
    private const int MonthsOfHistory = 12;

    private static readonly SuperOpsServiceItem ManagedWorkstation = new("1001", "Managed Workstation", "UNITS");
    private static readonly SuperOpsServiceItem ManagedServer = new("1002", "Managed Server", "UNITS");

    public static SuperOpsDemoData Generate(int seed, DemoDataSet rmm)
    {
        var random = new Random(seed + SeedOffset);
        var today = new DateTimeOffset(rmm.Anchor.UtcDateTime.Date, TimeSpan.Zero);
        var clients = new List<(SuperOpsClient Account, DemoClient Client)>();
        foreach (var client in rmm.Clients.Where(client => client.Devices > 0))
        {
            if (random.NextDouble() < ClientShare)
            {
                clients.Add((new SuperOpsClient(NextId(random), AccountingContactNames.Vary(random, client), "Active", "Paying",
                    [client.DomainName]), client));
            }
        }

        var invoices = new List<SuperOpsInvoice>();
        var firstOfMonth = new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (var monthsAgo = MonthsOfHistory; monthsAgo >= 0; monthsAgo--)
        {
            var date = firstOfMonth.AddMonths(-monthsAgo);
            foreach (var (account, client) in clients)
            {
                List<SuperOpsInvoiceItem> items =
                [
                    .. Item(random, ManagedWorkstation, client.Workstations, WorkstationPrice, date),
                    .. Item(random, ManagedServer, client.Servers, ServerPrice, date),
                ];
                var draw = random.NextDouble();
                var status = monthsAgo switch
                {
                    0 => "DRAFT",
                    1 => draw < 0.6 ? "APPROVED" : "OVERDUE",
                    _ => draw < 0.05 ? "OVERDUE" : "PAID",
                };
                invoices.Add(new SuperOpsInvoice(NextId(random), $"SO-{invoices.Count + 1:D5}",
                    new SuperOpsClientRef(account.AccountId, account.Name), IsoDate(date), IsoDate(date.AddDays(14)), status,
                    SentToClient: monthsAgo > 0, Text(items.Sum(item => decimal.Parse(item.Amount, CultureInfo.InvariantCulture))),
                    items));
            }
        }
        return new SuperOpsDemoData([.. clients.Select(pair => pair.Account)], invoices,
            clients.ToDictionary(pair => pair.Account.AccountId, pair => pair.Client.Id));
    }

    /// <summary>The line for a service, or none when the client has no such devices; the id is drawn either way.</summary>
    private static SuperOpsInvoiceItem[] Item(Random random, SuperOpsServiceItem service, int quantity,
        decimal unitPrice, DateTimeOffset month)
    {
        var itemId = NextId(random);
        return quantity > 0
            ? [new SuperOpsInvoiceItem(itemId, IsoDate(month), $"{service.Name}, {month:MMMM yyyy}", Text(quantity),
                Text(unitPrice), Text(quantity * unitPrice), Taxable: true, service)]
            : [];
    }

    /// <summary>SuperOps' ids are long numbers sent as strings.</summary>
    private static string NextId(Random random) =>
        random.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);

    /// <summary>SuperOps' String-typed amounts and quantities.</summary>
    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string IsoDate(DateTimeOffset date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
