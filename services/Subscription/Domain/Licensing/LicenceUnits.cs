namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// How a catalog product counts: per device, per user, or not at all. The API writes the effective unit as
/// <c>device</c>, <c>user</c> or null; <c>none</c> is only ever set, to override a unit Pax8 gives.
/// </summary>
public static class LicenceUnits
{
    public const string Device = "device";
    public const string User = "user";
    public const string None = "none";

    public static readonly IReadOnlyList<string> Settable = [Device, User, None];
}
