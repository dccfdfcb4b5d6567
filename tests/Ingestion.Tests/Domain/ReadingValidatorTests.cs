using BillingOne.Ingestion.Domain;
using static BillingOne.Ingestion.Tests.Domain.Readings;

namespace BillingOne.Ingestion.Tests.Domain;

[Trait("Category", "Unit")]
public class ReadingValidatorTests
{
    [Fact]
    public void A_valid_reading_is_put_in_canonical_form()
    {
        var reading = Valid(Raw(
            id: "  r-1 ", source: " veeam", quantity: "12.500",
            observedAt: new DateTimeOffset(2025, 6, 15, 13, 30, 0, TimeSpan.FromHours(2)), description: "  "));

        reading.Id.ShouldBe("r-1");
        reading.AssetSource.ShouldBe("veeam");
        reading.Quantity.ShouldBe(12.5m);
        reading.Quantity.Scale.ShouldBe((byte)1);
        reading.ObservedAt.ShouldBe(new DateTimeOffset(2025, 6, 15, 11, 30, 0, TimeSpan.Zero));
        reading.ObservedAt.Offset.ShouldBe(TimeSpan.Zero);
        reading.Description.ShouldBeNull();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.000000")]
    [InlineData("99999999999999.999999")]
    [InlineData("1e3")]
    [InlineData("0.000001")]
    [InlineData("1.50000000000")]
    [InlineData("0.0000000000000000000000000000000000015e36")]
    [InlineData(" +.5 ")]
    [InlineData("12.e-0")]
    [InlineData("0e-400")]
    public void Quantities_from_zero_to_the_column_maximum_are_accepted(string quantity)
    {
        ErrorOf(Raw(quantity: quantity)).ShouldBeNull();
    }

    [Theory]
    [InlineData("0.000000", "0", 0)]
    [InlineData("-0", "0", 0)]
    [InlineData("1.50000000000", "1.5", 1)]
    [InlineData("1e3", "1000", 0)]
    [InlineData("1.50e1", "15", 0)]
    [InlineData("12.e-0", "12", 0)]
    [InlineData("0.0000000000000000000000000000000000015e36", "1.5", 1)]
    [InlineData("2.5e-5", "0.000025", 6)]
    [InlineData("99999999999999.999990", "99999999999999.99999", 5)]
    [InlineData("10.000100", "10.0001", 4)]
    public void A_quantity_keeps_its_value_without_trailing_zeros(string quantity, string expected, int scale)
    {
        var accepted = Valid(Raw(quantity: quantity)).Quantity;

        accepted.ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        accepted.Scale.ShouldBe((byte)scale);
    }

    [Fact]
    public void The_largest_quantity_is_the_numeric_20_6_maximum()
    {
        new IngestLimits().MaxQuantity.ShouldBe(99_999_999_999_999.999999m);
    }

    [Theory]
    [InlineData("-0.000001", "quantity must be 0 or more")]
    [InlineData("100000000000000", "quantity must be at most 99999999999999.999999")]
    [InlineData("1e30", "quantity must be at most 99999999999999.999999")]
    [InlineData("0.0000001", "quantity must have at most 6 decimal places")]
    [InlineData("1e-400", "quantity must have at most 6 decimal places")]
    [InlineData("1.0000000000000000000000000000001", "quantity must have at most 6 decimal places")]
    [InlineData("123456789012345678901234567890123", "quantity must be at most 99999999999999.999999")]
    [InlineData("1e400", "quantity must be at most 99999999999999.999999")]
    [InlineData("-1e-400", "quantity must be 0 or more")]
    [InlineData("12\0", "quantity must not contain control characters")]
    [InlineData("1e", "quantity '1e' is not a finite decimal number")]
    [InlineData(".", "quantity '.' is not a finite decimal number")]
    [InlineData("NaN", "quantity 'NaN' is not a finite decimal number")]
    [InlineData("Infinity", "quantity 'Infinity' is not a finite decimal number")]
    [InlineData("1,5", "quantity '1,5' is not a finite decimal number")]
    [InlineData("twelve", "quantity 'twelve' is not a finite decimal number")]
    [InlineData("", "quantity is required")]
    [InlineData(null, "quantity is required")]
    public void Quantities_outside_the_rules_are_rejected(string? quantity, string error)
    {
        ErrorOf(Raw(quantity: quantity)).ShouldBe(error);
    }

    [Fact]
    public void A_quantity_is_read_at_its_exact_value_however_it_is_spelled()
    {
        Valid(Raw(quantity: "1" + new string('0', 20_000) + "e-20000")).Quantity.ShouldBe(1m);
        Valid(Raw(quantity: "0." + new string('0', 20_000) + "15e20001")).Quantity.ShouldBe(1.5m);
    }

    [Fact]
    public void A_huge_unparseable_quantity_is_echoed_cut_short()
    {
        ErrorOf(Raw(quantity: new string('x', 5000)))!.Length.ShouldBeLessThan(100);
    }

    [Fact]
    public void Observed_at_exactly_at_the_future_skew_is_accepted_and_one_tick_later_rejected()
    {
        ErrorOf(Raw(observedAt: ReceivedAt.AddHours(24))).ShouldBeNull();
        ErrorOf(Raw(observedAt: ReceivedAt.AddHours(24).AddMicroseconds(1)))
            .ShouldBe("observedAt 2025-06-16T12:00:00Z is more than 24 h in the future");
    }

    [Fact]
    public void Observed_at_exactly_at_the_retention_is_accepted_and_one_microsecond_older_rejected()
    {
        var limits = new IngestLimits { Retention = TimeSpan.FromDays(90) };
        ErrorOf(Raw(observedAt: ReceivedAt.AddDays(-90)), limits).ShouldBeNull();
        ErrorOf(Raw(observedAt: ReceivedAt.AddDays(-90).AddMicroseconds(-1)), limits)
            .ShouldBe("observedAt 2025-03-17T11:59:59Z is older than the retention of 90 days");
    }

    [Fact]
    public void Observed_at_is_required()
    {
        ErrorOf(Raw() with { ObservedAt = null }).ShouldBe("observedAt is required");
    }

    [Fact]
    public void Observed_at_is_truncated_to_microseconds()
    {
        var observed = new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero).AddTicks(1234567);
        Valid(Raw(observedAt: observed)).ObservedAt.Ticks.ShouldBe(observed.Ticks - 7);
    }

    [Theory]
    [InlineData(null, "id is required")]
    [InlineData("   ", "id is required")]
    [InlineData("r\n1", "id must not contain control characters")]
    public void The_id_is_required_and_single_line(string? id, string error)
    {
        ErrorOf(Raw(id: id)).ShouldBe(error);
    }

    [Fact]
    public void The_id_may_be_as_long_as_the_limit_but_no_longer()
    {
        var limits = new IngestLimits();
        ErrorOf(Raw(id: new string('i', limits.MaxIdLength))).ShouldBeNull();
        ErrorOf(Raw(id: new string('i', limits.MaxIdLength + 1))).ShouldBe("id must be at most 128 characters");
    }

    [Fact]
    public void Asset_source_external_id_and_unit_type_key_are_required_and_bounded()
    {
        var tooLong = new string('n', new IngestLimits().MaxNameLength + 1);
        ErrorOf(Raw(source: "")).ShouldBe("assetSource is required");
        ErrorOf(Raw(externalId: tooLong)).ShouldBe("assetExternalId must be at most 256 characters");
        ErrorOf(Raw(unitTypeKey: null)).ShouldBe("unitTypeKey is required");
        ErrorOf(Raw(externalId: new string('n', 256))).ShouldBeNull();
    }

    [Fact]
    public void An_unknown_unit_type_key_is_rejected()
    {
        ErrorOf(Raw(unitTypeKey: "tape-gb")).ShouldBe("unitTypeKey 'tape-gb' is not a known unit type");
    }

    [Fact]
    public void The_description_is_optional_and_bounded_and_may_span_lines()
    {
        ErrorOf(Raw(description: null)).ShouldBeNull();
        ErrorOf(Raw(description: "line one\r\nline two\tend")).ShouldBeNull();
        ErrorOf(Raw(description: new string('d', 1024))).ShouldBeNull();
        ErrorOf(Raw(description: new string('d', 1025))).ShouldBe("description must be at most 1024 characters");
        ErrorOf(Raw(description: "nul\0inside"))
            .ShouldBe("description must not contain control characters other than tabs and line breaks");
    }

    [Theory]
    [InlineData("id")]
    [InlineData("assetSource")]
    [InlineData("assetExternalId")]
    [InlineData("unitTypeKey")]
    public void A_nul_or_other_control_character_in_an_identifier_is_rejected_naming_it(string field)
    {
        foreach (var value in new[] { "a\0b", "a\u001Fb", "a\u0085b", "a\tb" })
        {
            var raw = field switch
            {
                "id" => Raw(id: value),
                "assetSource" => Raw(source: value),
                "assetExternalId" => Raw(externalId: value),
                _ => Raw(unitTypeKey: value),
            };
            ErrorOf(raw).ShouldBe($"{field} must not contain control characters");
        }
    }

    [Fact]
    public void Every_problem_of_a_reading_is_reported_at_once()
    {
        ErrorOf(Raw(id: null, quantity: "-1", unitTypeKey: "nope"))
            .ShouldBe("id is required; unitTypeKey 'nope' is not a known unit type; quantity must be 0 or more");
    }
}
