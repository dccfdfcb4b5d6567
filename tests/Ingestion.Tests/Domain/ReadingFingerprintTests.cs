using BillingOne.Ingestion.Domain;
using static BillingOne.Ingestion.Tests.Domain.Readings;

namespace BillingOne.Ingestion.Tests.Domain;

[Trait("Category", "Unit")]
public class ReadingFingerprintTests
{
    [Fact]
    public void Trailing_zeros_offsets_and_padding_do_not_change_the_fingerprint()
    {
        var observed = new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero);
        var plain = Valid(Raw(quantity: "1.5", observedAt: observed));
        var padded = Valid(Raw(
            id: "another-id", source: " veeam ", quantity: "1.50", observedAt: observed.ToOffset(TimeSpan.FromHours(10))));

        padded.Fingerprint.ShouldBe(plain.Fingerprint);
    }

    [Fact]
    public void Zero_written_any_way_has_one_fingerprint()
    {
        Valid(Raw(quantity: "0.000")).Fingerprint.ShouldBe(Valid(Raw(quantity: "-0")).Fingerprint);
    }

    [Theory]
    [InlineData("1.51", null, null, null)]
    [InlineData(null, "other-source", null, null)]
    [InlineData(null, null, "device", null)]
    [InlineData(null, null, null, "Nightly backup")]
    public void Any_payload_change_changes_the_fingerprint(
        string? quantity, string? source, string? unitTypeKey, string? description)
    {
        var original = Valid(Raw());
        var changed = Valid(Raw(
            quantity: quantity ?? "12.5", source: source ?? "veeam", unitTypeKey: unitTypeKey ?? "backup-gb",
            description: description ?? "nightly backup"));

        changed.Fingerprint.ShouldNotBe(original.Fingerprint);
    }

    [Fact]
    public void Moving_text_between_fields_changes_the_fingerprint()
    {
        Valid(Raw(source: "ab", externalId: "c")).Fingerprint
            .ShouldNotBe(Valid(Raw(source: "a", externalId: "bc")).Fingerprint);
    }

    [Fact]
    public void A_missing_description_differs_from_a_present_one()
    {
        Valid(Raw(description: null)).Fingerprint.ShouldNotBe(Valid(Raw(description: "x")).Fingerprint);
    }

    [Fact]
    public void The_fingerprint_is_stable_sha256_hex_and_survives_storage()
    {
        var fingerprint = Valid(Raw(observedAt: new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero))).Fingerprint;

        fingerprint.Value.Length.ShouldBe(64);
        ReadingFingerprint.FromStored(fingerprint.Value).ShouldBe(fingerprint);
        // Pinned: a change to the canonical form would turn every retried old reading into a conflict.
        fingerprint.Value.ShouldBe(PinnedFingerprint);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ZZ00000000000000000000000000000000000000000000000000000000000000")]
    public void A_malformed_stored_fingerprint_is_refused(string stored)
    {
        Should.Throw<FormatException>(() => ReadingFingerprint.FromStored(stored));
    }

    private const string PinnedFingerprint = "b3b3b88402f10c22084bcc943602878f52cfcabffd5190676ad8dbf9582cec79";
}
