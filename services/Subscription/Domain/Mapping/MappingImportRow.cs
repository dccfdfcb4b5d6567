namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// A row of a mapping import and what importing it would do. <see cref="Vendor"/> is lower case when it is a known
/// vendor; <see cref="ClientId"/> is the client the account would be mapped to, set only when
/// <see cref="Outcome"/> is <see cref="MappingImportOutcome.Applied"/>; <see cref="Reason"/> says why, for people.
/// </summary>
public sealed record MappingImportRow(
    int LineNumber,
    string Vendor,
    string VendorId,
    string ClientText,
    Guid? ClientId,
    MappingImportOutcome Outcome,
    string Reason);
