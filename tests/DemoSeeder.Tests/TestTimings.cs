namespace BillingOne.DemoSeeder.Tests;

/// <summary>Timings for the stub gateway: it answers at once, so polls are short and nothing takes long.</summary>
public static class TestTimings
{
    public static readonly SeederTimings Quick = new(
        PollInterval: TimeSpan.FromMilliseconds(10),
        RetryDelay: TimeSpan.FromMilliseconds(10),
        UnitTypeSyncTimeout: TimeSpan.FromSeconds(30),
        ClientSyncTimeout: TimeSpan.FromSeconds(30),
        MeteringCatchUpTimeout: TimeSpan.FromSeconds(30),
        ProvisioningTimeout: TimeSpan.FromSeconds(30),
        BillingRunTimeout: TimeSpan.FromSeconds(30),
        VendorSyncTimeout: TimeSpan.FromSeconds(30));
}
