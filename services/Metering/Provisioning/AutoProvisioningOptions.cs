using Cronos;

namespace BillingOne.Metering.Provisioning;

/// <summary>Settings under <c>Metering:AutoProvisioning</c>.</summary>
public sealed class AutoProvisioningOptions
{
    public const string Section = "Metering:AutoProvisioning";

    /// <summary>Cron expression (five fields, UTC) of the nightly run over every organization with templates.</summary>
    public string Schedule { get; set; } = "0 2 * * *";

    public static bool IsValidSchedule(string? schedule) =>
        schedule is not null && CronExpression.TryParse(schedule, out _);
}
