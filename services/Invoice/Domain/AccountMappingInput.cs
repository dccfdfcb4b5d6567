using System.Text.RegularExpressions;

namespace BillingOne.Invoice.Domain;

/// <summary>
/// What an account mapping may hold: a billing type is a metering unit type key (kebab-case, e.g. <c>workstation</c>,
/// <c>m365-user</c>, at most 64 characters); an account code is Xero's, 1–10 letters or digits; a tax type is Xero's
/// <c>TaxType</c> code (upper-case letters and digits, e.g. <c>OUTPUT</c>, <c>EXEMPTOUTPUT</c>, <c>TAX001</c> for a
/// custom rate; docs/vendors.md, Xero), optional.
/// </summary>
public static partial class AccountMappingInput
{
    public const int MaxBillingTypeLength = 64;

    public static string? BillingTypeError(string? billingType) =>
        string.IsNullOrEmpty(billingType) ? "The billing type is required."
        : billingType.Length > MaxBillingTypeLength ? $"The billing type must be at most {MaxBillingTypeLength} characters."
        : !KebabCase().IsMatch(billingType)
            ? "The billing type must be kebab-case: lower-case letters and digits in words joined by single hyphens, e.g. m365-user."
            : null;

    public static string? AccountCodeError(string? accountCode) =>
        string.IsNullOrWhiteSpace(accountCode) ? "The account code is required."
        : !AccountCode().IsMatch(accountCode.Trim()) ? "The account code must be 1–10 letters or digits, e.g. 200."
        : null;

    public const int MaxTaxTypeLength = 30;

    public static string? TaxTypeError(string? taxType) =>
        string.IsNullOrWhiteSpace(taxType) ? null
        : taxType.Trim().Length > MaxTaxTypeLength ? $"The tax type must be at most {MaxTaxTypeLength} characters."
        : !TaxType().IsMatch(taxType.Trim())
            ? "The tax type must be a Xero tax type code: upper-case letters and digits, e.g. OUTPUT."
            : null;

    [GeneratedRegex("^[A-Z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TaxType();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[A-Za-z0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountCode();
}
