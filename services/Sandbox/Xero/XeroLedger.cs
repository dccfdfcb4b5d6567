namespace BillingOne.Sandbox.Xero;

/// <summary>
/// The Xero organisation's invoices: the generated history, then the invoices apps created, in creation order. Created
/// invoices are kept in memory for the process's life; a repeated <c>Idempotency-Key</c> answers the first creation
/// again, as Xero does, while a repeat without the key is recorded as the duplicate it is.
/// </summary>
public sealed class XeroLedger(XeroDemoData data)
{
    private readonly List<XeroInvoice> created = [];
    private readonly Dictionary<string, IReadOnlyList<XeroInvoice>> byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public XeroDemoData Data => data;

    public IReadOnlyList<XeroInvoice> Created
    {
        get
        {
            lock (gate)
            {
                return [.. created];
            }
        }
    }

    public IReadOnlyList<XeroInvoice> Invoices => [.. data.Invoices, .. Created];

    /// <summary>
    /// Adds the invoices <paramref name="build"/> makes from the next free invoice numbers, or answers the invoices
    /// created earlier under the same key (scoped by the caller) without building again.
    /// </summary>
    public IReadOnlyList<XeroInvoice> Add(string? idempotencyKey, Func<Func<string>, IReadOnlyList<XeroInvoice>> build)
    {
        lock (gate)
        {
            if (idempotencyKey is not null && byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return earlier;
            }
            var next = 1001 + data.Invoices.Count + created.Count;
            var invoices = build(() => $"INV-{next++}");
            created.AddRange(invoices);
            if (idempotencyKey is not null)
            {
                byIdempotencyKey[idempotencyKey] = invoices;
            }
            return invoices;
        }
    }
}
