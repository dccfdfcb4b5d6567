namespace BillingOne.Sandbox.Changes;

public sealed class ChangesOptions
{
    public const string Section = "Sandbox:Changes";

    /// <summary>Advance the world one step this often; unset (the default) advances only on <c>POST /sandbox/changes</c>.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>
    /// How much world time one step stands for: step N's changes are dated <c>anchor + N × StepDuration</c>. The
    /// clock is not used, so the same steps always give the same dates.
    /// </summary>
    public TimeSpan StepDuration { get; set; } = TimeSpan.FromHours(1);
}
