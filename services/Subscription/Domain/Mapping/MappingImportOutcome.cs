namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>What importing a row of a mapping file would do.</summary>
public enum MappingImportOutcome
{
    /// <summary>The vendor account would be mapped to the client.</summary>
    Applied,

    /// <summary>No client has the name or id the row gives.</summary>
    UnknownClient,

    /// <summary>The vendor has no account with the row's id.</summary>
    UnknownVendorId,

    /// <summary>The vendor is neither pax8 nor rmm.</summary>
    UnknownVendor,

    /// <summary>An earlier row maps the same vendor account; the first row wins.</summary>
    Duplicate,

    /// <summary>The row lacks a value it needs.</summary>
    Invalid,
}
