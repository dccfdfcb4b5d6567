using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>Totals of billing lines: sums of lines already rounded once each, never rounded again.</summary>
public static class BillingTotals
{
    /// <summary>Each client's total per currency, by client and currency.</summary>
    public static IReadOnlyList<ClientBillingTotal> PerClient(IEnumerable<(Guid ClientId, Money Cost)> lines) =>
        lines.GroupBy(line => (line.ClientId, line.Cost.Currency))
            .OrderBy(group => group.Key.ClientId).ThenBy(group => group.Key.Currency, StringComparer.Ordinal)
            .Select(group => new ClientBillingTotal(group.Key.ClientId, group.Key.Currency,
                group.Sum(line => line.Cost.Amount), group.Count()))
            .ToList();
}
