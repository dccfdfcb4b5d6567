namespace BillingOne.Ingestion.Domain;

/// <summary>
/// One entry of an ingest body at <paramref name="Position"/> (zero-based, blank NDJSON lines not counted):
/// either a reading to validate or the reason it could not be read, with the reading's id as sent when that much
/// could be read (<paramref name="UnreadableId"/>).
/// </summary>
public sealed record BatchEntry(int Position, RawReading? Reading, string? Error, string? UnreadableId = null)
{
    public static BatchEntry Of(int position, RawReading reading) => new(position, reading, null);

    public static BatchEntry Unreadable(int position, string error, string? readingId = null) =>
        new(position, null, error, readingId);
}
