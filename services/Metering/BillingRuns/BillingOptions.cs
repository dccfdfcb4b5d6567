namespace BillingOne.Metering.BillingRuns;

/// <summary>Settings under <c>Metering:Billing</c>.</summary>
public sealed class BillingOptions
{
    public const string Section = "Metering:Billing";

    /// <summary>Whether this replica runs the organizations' schedules and grace periods.</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due schedules and expired grace periods.</summary>
    public TimeSpan SchedulerInterval { get; set; } = TimeSpan.FromMinutes(1);
}
