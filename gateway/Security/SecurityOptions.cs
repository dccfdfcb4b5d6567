using BillingOne.BuildingBlocks.Security;
using Microsoft.Extensions.Options;

namespace BillingOne.Gateway.Security;

/// <summary>
/// The gateway's keys (section <c>Security</c>), base64 of at least 32 bytes each: <see cref="InternalTokenSigningKey"/>
/// is shared with every service, <see cref="SessionSigningKey"/> is the gateway's alone (it signs and checks sessions).
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public string? InternalTokenSigningKey { get; set; }

    public string? SessionSigningKey { get; set; }
}

/// <summary>Fails the gateway's start, naming the setting, when a key is missing or too short.</summary>
public sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        Check(options.InternalTokenSigningKey, InternalTokens.SigningKeySetting, failures);
        Check(options.SessionSigningKey, $"{SecurityOptions.SectionName}:{nameof(SecurityOptions.SessionSigningKey)}", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string? base64, string setting, List<string> failures)
    {
        try
        {
            InternalTokens.ParseKey(base64, setting);
        }
        catch (InvalidOperationException exception)
        {
            failures.Add(exception.Message);
        }
    }
}
