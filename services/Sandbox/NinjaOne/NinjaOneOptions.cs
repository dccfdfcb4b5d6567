using BillingOne.Sandbox.Auth;

namespace BillingOne.Sandbox.NinjaOne;

public sealed class NinjaOneOptions : SandboxVendorOptions
{
    public const string Section = "Sandbox:NinjaOne";
}
