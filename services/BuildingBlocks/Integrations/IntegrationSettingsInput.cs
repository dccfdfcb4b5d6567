namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>Checks submitted integration settings against the integration's fields; errors name <c>values.{field}</c>.</summary>
public static class IntegrationSettingsInput
{
    public const int MaxValueLength = 2000;

    /// <summary>
    /// The plain values and the secrets to store, or null with <paramref name="errors"/> filled. A required secret
    /// may be left out when one is stored already (<paramref name="saved"/>). Addresses are checked by
    /// <see cref="VendorAddress"/>; <paramref name="development"/> lets them name the sandbox.
    /// </summary>
    public static (Dictionary<string, string> Plain, Dictionary<string, string> Secrets)? Parse(
        IIntegration integration, IReadOnlyDictionary<string, string?>? submitted, int? syncIntervalMinutes,
        SavedIntegrationSettings? saved, Dictionary<string, string[]> errors, bool development = false)
    {
        submitted ??= new Dictionary<string, string?>();
        foreach (var unknown in submitted.Keys.Where(name => integration.Fields.All(field => field.Name != name)))
        {
            errors[$"values.{unknown}"] = [$"{integration.DisplayName} has no setting '{unknown}'; it has " +
                string.Join(", ", integration.Fields.Select(field => field.Name)) + "."];
        }
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in integration.Fields)
        {
            var given = submitted.TryGetValue(field.Name, out var raw) ? raw?.Trim() : null;
            var key = $"values.{field.Name}";
            if (given is { Length: > MaxValueLength })
            {
                errors[key] = [$"{field.Label} is longer than {MaxValueLength} characters."];
                continue;
            }
            if (field.Secret)
            {
                // Left out: keep what is stored. Given (even empty): replace.
                if (raw is not null)
                {
                    secrets[field.Name] = given ?? "";
                }
                var willBeSet = raw is not null ? !string.IsNullOrEmpty(given) : saved?.SecretNames.Contains(field.Name) == true;
                if (field.Required && !willBeSet)
                {
                    errors[key] = [$"{field.Label} is required."];
                }
                continue;
            }
            if (string.IsNullOrEmpty(given))
            {
                if (field.Required)
                {
                    errors[key] = [$"{field.Label} is required."];
                }
                continue;
            }
            if (field.Kind == "url" && VendorAddress.Error(field, given, development) is { } addressError)
            {
                errors[key] = [addressError];
                continue;
            }
            if (field.Choices is { } choices && !choices.Contains(given, StringComparer.Ordinal))
            {
                errors[key] = [$"{field.Label} must be one of: {string.Join(", ", choices)}."];
                continue;
            }
            plain[field.Name] = given;
        }
        if (syncIntervalMinutes is not null and not (>= 15 and <= 10080))
        {
            errors["syncIntervalMinutes"] = ["Minutes between scheduled syncs must be 15–10080 (a week), or null for none."];
        }
        return errors.Count == 0 ? (plain, secrets) : null;
    }

    /// <summary>
    /// Errors of submitted values a connection test would use (lengths, addresses), by <c>values.{field}</c>: a test
    /// must not call an address a save would refuse.
    /// </summary>
    public static Dictionary<string, string[]> TestErrors(IIntegration integration,
        IReadOnlyDictionary<string, string?>? submitted, bool development)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, raw) in submitted ?? new Dictionary<string, string?>())
        {
            var given = raw?.Trim();
            if (integration.Fields.FirstOrDefault(field => field.Name == name) is not { } field)
            {
                errors[$"values.{name}"] = [$"{integration.DisplayName} has no setting '{name}'."];
            }
            else if (given is { Length: > MaxValueLength })
            {
                errors[$"values.{name}"] = [$"{field.Label} is longer than {MaxValueLength} characters."];
            }
            else if (field.Kind == "url" && !string.IsNullOrEmpty(given) && VendorAddress.Error(field, given, development) is { } error)
            {
                errors[$"values.{name}"] = [error];
            }
        }
        return errors;
    }

    /// <summary>
    /// Errors of submitted addresses whose host name resolves to a loopback, link-local or private address
    /// (<see cref="VendorAddress.ResolvedErrorAsync"/>), by <c>values.{field}</c>; addresses refused as written are left to
    /// <see cref="Parse"/> and <see cref="TestErrors"/>.
    /// </summary>
    public static async Task<Dictionary<string, string[]>> ResolvedAddressErrorsAsync(IIntegration integration,
        IReadOnlyDictionary<string, string?>? submitted, bool development, IVendorHostResolver resolver,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var field in integration.Fields.Where(field => field.Kind == "url"))
        {
            if (submitted?.GetValueOrDefault(field.Name)?.Trim() is { Length: > 0 and <= MaxValueLength } given
                && await VendorAddress.ResolvedErrorAsync(field, given, development, resolver, cancellationToken) is { } error)
            {
                errors[$"values.{field.Name}"] = [error];
            }
        }
        return errors;
    }

    /// <summary>Values to test: the submitted ones over the saved (or default) ones.</summary>
    public static IntegrationValues Overlay(IntegrationValues? current, IReadOnlyDictionary<string, string?>? submitted)
    {
        var merged = new Dictionary<string, string>(current?.All ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (name, value) in submitted ?? new Dictionary<string, string?>())
        {
            if (value is not null)
            {
                merged[name] = value;
            }
        }
        return new IntegrationValues(merged);
    }
}
