namespace BillingOne.Metering.Retention;

/// <summary>Settings under <c>Metering:Retention</c>.</summary>
public sealed class ReadingRetentionOptions
{
    public const string Section = "Metering:Retention";

    /// <summary>Whether this replica archives (and drops) the month partitions the organizations' retentions allow.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often it looks: months age by whole months, so daily is plenty.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
