namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// A row of a mapping import: which vendor account (<see cref="Vendor"/>, <see cref="VendorId"/>) belongs to which
/// client (<see cref="Client"/>: its name or id). Values are trimmed; a value the row lacks is empty.
/// </summary>
public sealed record MappingCsvRow(int LineNumber, string Vendor, string VendorId, string Client);
