namespace BillingOne.Metering.Domain;

/// <summary>
/// A reading is late when it is received after the billing period (calendar month in the client's time zone) of
/// its <c>observed_at</c> has ended: billing turns it into an adjustment of the next run.
/// </summary>
public static class ReadingLateness
{
    /// <summary>
    /// The instant before which readings received at <paramref name="receivedAt"/> are late in
    /// <paramref name="timeZone"/>: the start of the period that holds <paramref name="receivedAt"/>. Periods tile
    /// time, so a reading's period has ended at <paramref name="receivedAt"/> exactly when it lies before that
    /// period; one cut-off per time zone then classifies a whole batch.
    /// </summary>
    public static DateTimeOffset LateBefore(DateTimeOffset receivedAt, TimeZoneInfo timeZone) =>
        BillingPeriod.Containing(receivedAt, timeZone).Start;
}
