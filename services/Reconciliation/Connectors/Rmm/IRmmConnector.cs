namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>
/// Reads organizations and devices from one RMM. The streams page through the vendor's API; each page is
/// validated whole before any of its items is yielded, and a malformed page ends the stream with
/// <see cref="RmmPageRejectedException"/> — so a snapshot must read the stream to its end before it stores anything.
/// <see cref="RmmConnectorFactory"/> makes one for an organization's settings.
/// </summary>
public interface IRmmConnector
{
    RmmVendor Vendor { get; }

    IAsyncEnumerable<RmmOrganization> ListOrganizationsAsync(CancellationToken cancellationToken = default);

    IAsyncEnumerable<RmmDevice> ListDevicesAsync(string organizationVendorId, CancellationToken cancellationToken = default);

    IAsyncEnumerable<RmmDevice> ListAllDevicesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Items the streams read so far left out on their own (a device without a name or, on Datto RMM, without its type or online flag), each named with its
    /// reason; the rest of their page was yielded.
    /// </summary>
    IReadOnlyList<RmmSkippedItem> Skipped => [];

    /// <summary>Gets a token and counts the organizations; answers why not instead of throwing.</summary>
    Task<RmmConnectionCheck> CheckConnectionAsync(CancellationToken cancellationToken = default);
}

/// <param name="Organizations">How many organizations the RMM lists; null when it did not answer.</param>
/// <param name="Failure">Null when the RMM answered; otherwise what went wrong, fit to show an operator.</param>
public sealed record RmmConnectionCheck(RmmVendor Vendor, int? Organizations, string? Failure)
{
    public bool Succeeded => Failure is null;
}
