using BillingOne.BuildingBlocks.Validation;
using BillingOne.Contracts.Money;

namespace BillingOne.Identity.Domain;

/// <summary>What a settings edit sets; null members stay as they are. Values are already validated.</summary>
public sealed record OrganizationChanges(string? Name, string? TimeZone, string? Currency, int? BillingGraceDays,
    bool? RequireTwoFactor = null)
{
    /// <summary>
    /// Validates an edit: at least one member given, each given one valid. Errors are keyed by the JSON property
    /// they concern.
    /// </summary>
    public static OrganizationChanges? ForEdit(string? name, string? timeZone, string? currency, int? billingGraceDays,
        IDictionary<string, string[]> errors, bool? requireTwoFactor = null)
    {
        if (name is null && timeZone is null && currency is null && billingGraceDays is null && requireTwoFactor is null)
        {
            errors[string.Empty] =
                ["Give at least one of 'name', 'timeZone', 'currency', 'billingGraceDays' and 'requireTwoFactor' to change."];
            return null;
        }
        string? validName = null;
        if (name is not null)
        {
            validName = DisplayName.Normalize(name, Organization.MaxNameLength, out var nameError);
            if (nameError is not null)
            {
                errors["name"] = [nameError];
            }
        }
        var validZone = IanaTimeZone.ResolveEdit(timeZone, errors);
        string? validCurrency = null;
        if (currency is not null)
        {
            // The same rule Money applies, so every amount the organization bills can be rounded.
            if (Iso4217.TryNormalize(currency.Trim(), out var normalized))
            {
                validCurrency = normalized;
            }
            else
            {
                errors["currency"] = [Iso4217.RefusalMessage(currency)];
            }
        }
        if (billingGraceDays is < Organization.MinBillingGraceDays or > Organization.MaxBillingGraceDays)
        {
            errors["billingGraceDays"] =
                [$"billingGraceDays must be between {Organization.MinBillingGraceDays} and {Organization.MaxBillingGraceDays}."];
        }
        return errors.Count == 0 ? new OrganizationChanges(validName, validZone, validCurrency, billingGraceDays, requireTwoFactor)
            : null;
    }
}
