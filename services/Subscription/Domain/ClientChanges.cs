using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Validation;

namespace BillingOne.Subscription.Domain;

/// <summary>What an update sets; null members stay as they are. Values are already validated.</summary>
public sealed record ClientChanges(string? Name = null, string? TimeZone = null, bool? Enabled = null)
{
    public static ClientChanges Enable { get; } = new(Enabled: true);

    public static ClientChanges Disable { get; } = new(Enabled: false);

    /// <summary>How the audit log names the change: enabling and disabling are actions of their own.</summary>
    public string AuditAction => this == Enable ? AuditActions.Enable
        : this == Disable ? AuditActions.Disable
        : AuditActions.Update;

    /// <summary>
    /// Validates an edit of name and/or time zone. At least one must be given; each given one must be valid.
    /// Errors are keyed by the JSON property they concern.
    /// </summary>
    public static ClientChanges? ForEdit(string? name, string? timeZone, IDictionary<string, string[]> errors)
    {
        if (name is null && timeZone is null)
        {
            errors[string.Empty] = ["Give at least one of 'name' and 'timeZone' to change."];
            return null;
        }
        string? validName = null;
        if (name is not null)
        {
            validName = ClientName.Normalize(name, out var nameError);
            if (nameError is not null)
            {
                errors["name"] = [nameError];
            }
        }
        var validZone = IanaTimeZone.ResolveEdit(timeZone, errors);
        return errors.Count == 0 ? new ClientChanges(validName, validZone) : null;
    }
}
