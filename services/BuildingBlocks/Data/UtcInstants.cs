namespace BillingOne.BuildingBlocks.Data;

/// <summary>Npgsql reads <c>timestamptz</c> as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
public static class UtcInstants
{
    public static DateTimeOffset From(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? From(DateTime? value) => value is { } instant ? From(instant) : null;
}
