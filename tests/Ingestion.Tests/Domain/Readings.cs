using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Tests.Domain;

/// <summary>Valid raw readings to vary one field at a time, and a validator with a fixed clock.</summary>
internal static class Readings
{
    public static readonly DateTimeOffset ReceivedAt = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlySet<string> UnitTypes =
        new HashSet<string>(StringComparer.Ordinal) { "backup-gb", "device" };

    public static RawReading Raw(
        string? id = "r-1",
        string? source = "veeam",
        string? externalId = "srv-01",
        string? unitTypeKey = "backup-gb",
        string? quantity = "12.5",
        DateTimeOffset? observedAt = null,
        string? description = "nightly backup") =>
        new(id, source, externalId, unitTypeKey, quantity, observedAt ?? ReceivedAt.AddHours(-1), description);

    public static ReadingValidator Validator(IngestLimits? limits = null) => new(limits ?? new IngestLimits(), UnitTypes);

    public static UsageReading Valid(RawReading raw)
    {
        var validation = Validator().Validate(raw, ReceivedAt);
        validation.Error.ShouldBeNull();
        return validation.Reading!;
    }

    public static string? ErrorOf(RawReading raw, IngestLimits? limits = null) =>
        Validator(limits).Validate(raw, ReceivedAt).Error;
}
