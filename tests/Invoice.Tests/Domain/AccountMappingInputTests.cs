using BillingOne.Invoice.Domain;

namespace BillingOne.Invoice.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AccountMappingInputTests
{
    [Theory]
    [InlineData("workstation")]
    [InlineData("m365-user")]
    [InlineData("server-2")]
    public void Unit_type_keys_are_billing_types(string billingType) =>
        AccountMappingInput.BillingTypeError(billingType).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData("Workstation")]
    [InlineData("m365_user")]
    [InlineData("-leading")]
    [InlineData("double--hyphen")]
    [InlineData("trailing-")]
    public void Anything_but_kebab_case_is_refused_with_a_reason(string billingType) =>
        AccountMappingInput.BillingTypeError(billingType).ShouldNotBeNull();

    [Fact]
    public void A_billing_type_longer_than_64_characters_is_refused() =>
        AccountMappingInput.BillingTypeError(new string('a', 65))!.ShouldContain("64");

    [Theory]
    [InlineData("200", true)]
    [InlineData("SALES01", true)]
    [InlineData("1234567890", true)]
    [InlineData("12345678901", false)]
    [InlineData("20-0", false)]
    [InlineData(" ", false)]
    [InlineData(null, false)]
    public void Account_codes_are_one_to_ten_letters_or_digits(string? accountCode, bool valid) =>
        (AccountMappingInput.AccountCodeError(accountCode) is null).ShouldBe(valid);

    /// <summary>Codes from the TaxType enumeration of Xero's accounting OpenAPI (docs/vendors.md, Xero), and a custom rate.</summary>
    [Theory]
    [InlineData("OUTPUT", true)]
    [InlineData("EXEMPTOUTPUT", true)]
    [InlineData("OUTPUT2", true)]
    [InlineData("TAX001", true)]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("output", false)]
    [InlineData("GST on Income", false)]
    [InlineData("OUT-PUT", false)]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ01234", false)]
    public void Tax_types_are_optional_xero_tax_type_codes(string? taxType, bool valid) =>
        (AccountMappingInput.TaxTypeError(taxType) is null).ShouldBe(valid);
}
