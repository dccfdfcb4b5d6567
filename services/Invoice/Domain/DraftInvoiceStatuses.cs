namespace BillingOne.Invoice.Domain;

/// <summary>Where a finalized month's draft invoice stands.</summary>
public static class DraftInvoiceStatuses
{
    /// <summary>Waiting for its (next) push.</summary>
    public const string Pending = "pending";

    /// <summary>The client has no Xero contact mapped: retried after a mapping can have arrived.</summary>
    public const string NeedsMapping = "needs-mapping";

    /// <summary>Xero is not connected (or must be reconnected): retried once it may be.</summary>
    public const string WaitingForXero = "waiting-for-xero";

    public const string Pushed = "pushed";

    /// <summary>Xero refused the invoice: only a person's retry sends it again.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Pending, NeedsMapping, WaitingForXero, Pushed, Failed];
}
