using System.Text;
using BillingOne.Ingestion.Domain;
using BillingOne.Ingestion.Transport;

namespace BillingOne.Ingestion.Tests.Transport;

[Trait("Category", "Unit")]
public class IngestBatchReaderTests
{
    private const string First =
        """{"id":"r-1","assetSource":"veeam","assetExternalId":"srv-01","unitTypeKey":"backup-gb","quantity":12.50,"observedAt":"2025-06-15T10:00:00Z","description":"nightly"}""";

    private const string SnakeCase =
        """{"id":"r-2","asset_source":"veeam","asset_external_id":"srv-02","unit_type_key":"backup-gb","quantity":"3","observed_at":"2025-06-15T12:00:00+02:00","extra":true}""";

    private static Task<List<BatchEntry>> ReadArray(string body, IngestLimits? limits = null) =>
        Read(body, IngestBodyFormat.JsonArray, limits);

    private static Task<List<BatchEntry>> ReadLines(string body, IngestLimits? limits = null) =>
        Read(body, IngestBodyFormat.Ndjson, limits);

    private static Task<List<BatchEntry>> Read(string body, IngestBodyFormat format, IngestLimits? limits) =>
        Read(Encoding.UTF8.GetBytes(body), format, limits);

    private static async Task<List<BatchEntry>> Read(byte[] body, IngestBodyFormat format, IngestLimits? limits = null)
    {
        await using var stream = new TrickleStream(body);
        var entries = new List<BatchEntry>();
        await foreach (var entry in new IngestBatchReader(limits ?? new IngestLimits()).ReadAsync(stream, format))
        {
            entries.Add(entry);
        }
        return entries;
    }

    /// <summary>Hands out at most 7 bytes per read, as a slow network would, so lines span many reads.</summary>
    private sealed class TrickleStream(byte[] body) : MemoryStream(body)
    {
        private const int Chunk = 7;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, Chunk));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, Chunk), cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, Chunk)], cancellationToken);
    }

    [Fact]
    public async Task A_json_array_yields_one_entry_per_element()
    {
        var entries = await ReadArray($"  [\n{First},\n{SnakeCase}\n]  ");

        entries.Count.ShouldBe(2);
        entries[0].ShouldBe(BatchEntry.Of(0, new RawReading("r-1", "veeam", "srv-01", "backup-gb", "12.50",
            new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero), "nightly")));
        entries[1].Reading!.AssetExternalId.ShouldBe("srv-02");
        entries[1].Reading!.ObservedAt.ShouldBe(new DateTimeOffset(2025, 6, 15, 10, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Ndjson_yields_one_entry_per_non_blank_line()
    {
        var entries = await ReadLines($"{First}\r\n\n   \n{SnakeCase}");

        entries.Select(e => (e.Position, e.Reading?.Id)).ShouldBe([(0, "r-1"), (1, "r-2")]);
    }

    [Fact]
    public async Task A_byte_order_mark_is_ignored_in_both_formats()
    {
        (await ReadArray($"\uFEFF[{First}]")).ShouldHaveSingleItem().Reading!.Id.ShouldBe("r-1");
        (await ReadLines($"\uFEFF{First}")).ShouldHaveSingleItem().Reading!.Id.ShouldBe("r-1");
    }

    [Fact]
    public async Task Malformed_ndjson_lines_are_reported_by_position_and_line_and_reading_goes_on()
    {
        var entries = await ReadLines($"{First}\n\n{{\"id\": \n[1,2]\n{{\"id\":5,\"quantity\":{{}}}}\n{SnakeCase}\n");

        entries.Count.ShouldBe(5);
        entries[1].ShouldBe(BatchEntry.Unreadable(1, "Line 3 is not valid JSON (byte 8)."));
        entries[2].ShouldBe(BatchEntry.Unreadable(2, "Line 4: a reading must be a JSON object."));
        entries[3].Error.ShouldBe("Line 5: id must be a string; quantity must be a number or a numeric string.");
        entries[3].Position.ShouldBe(3);
        entries[4].Error.ShouldBeNull();
        entries[4].Reading!.Id.ShouldBe("r-2");
        (await ReadLines($"{First}\n{SnakeCase}\nnot json")).Select(e => e.Error is null).ShouldBe([true, true, false]);
    }

    [Fact]
    public async Task Array_elements_of_the_wrong_shape_are_reported_per_position()
    {
        var entries = await ReadArray($"[{First}, 42, {{\"observedAt\":\"yesterday\"}}, {{\"observedAt\":\"2025-06-15T10:00:00\"}}]");

        entries.Select(e => e.Error).ShouldBe([
            null,
            "A reading must be a JSON object.",
            "ObservedAt must be an ISO 8601 timestamp such as 2025-01-31T23:00:00Z.",
            "ObservedAt must include a UTC offset or Z.",
        ]);
    }

    [Fact]
    public async Task A_json_array_with_a_syntax_error_is_refused_as_a_whole()
    {
        var error = await Should.ThrowAsync<MalformedBatchException>(() => ReadArray($"[{First}, {{\"id\": ]"));

        error.Message.ShouldBe($"The body is not a valid JSON array of readings (line 1, byte {First.Length + 11}).");
    }

    [Fact]
    public async Task A_numeric_quantity_keeps_its_exact_text()
    {
        var entries = await ReadLines("""{"quantity": 0.1000000000000000055511151231257827}""");

        entries.ShouldHaveSingleItem().Reading!.Quantity.ShouldBe("0.1000000000000000055511151231257827");
    }

    [Fact]
    public async Task Exactly_the_batch_limit_is_read_and_one_more_is_refused()
    {
        var limits = new IngestLimits { MaxBatchSize = 3 };
        var three = string.Join('\n', Enumerable.Repeat(First, 3));

        (await ReadLines(three, limits)).Count.ShouldBe(3);
        (await Should.ThrowAsync<IngestBatchTooLargeException>(() => ReadLines(three + "\n" + First, limits)))
            .MaxBatchSize.ShouldBe(3);
        await Should.ThrowAsync<IngestBatchTooLargeException>(() => ReadArray($"[{three.Replace('\n', ',')},{First}]", limits));
    }

    [Fact]
    public async Task Malformed_lines_count_against_the_batch_limit()
    {
        await Should.ThrowAsync<IngestBatchTooLargeException>(
            () => ReadLines("x\ny\nz", new IngestLimits { MaxBatchSize = 2 }));
    }

    [Fact]
    public async Task An_overlong_line_is_reported_without_being_kept_and_the_next_line_is_read()
    {
        var limits = new IngestLimits { MaxLineBytes = 300 };
        var longLine = $"{{\"description\":\"{new string('d', 1000)}\"}}";

        var entries = await ReadLines($"{longLine}\n{First}\n{longLine}", limits);

        entries.Count.ShouldBe(3);
        entries[0].ShouldBe(BatchEntry.Unreadable(0, "Line 1 is longer than 300 bytes."));
        entries[1].Position.ShouldBe(1);
        entries[1].Error.ShouldBeNull();
        entries[1].Reading!.Id.ShouldBe("r-1");
        entries[2].ShouldBe(BatchEntry.Unreadable(2, "Line 3 is longer than 300 bytes."));
    }

    [Fact]
    public async Task An_empty_array_or_an_empty_ndjson_body_has_no_entries()
    {
        (await ReadArray(" [ ] ")).ShouldBeEmpty();
        (await ReadLines("")).ShouldBeEmpty();
        (await ReadLines(" \n\n")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(First)]
    [InlineData("\"readings\"")]
    public async Task A_json_body_that_is_not_an_array_is_refused_as_a_whole(string body)
    {
        var error = await Should.ThrowAsync<MalformedBatchException>(() => ReadArray(body));

        error.Message.ShouldStartWith("An application/json body must be a JSON array of readings");
    }

    [Fact]
    public async Task An_ndjson_body_is_read_line_by_line_even_when_it_starts_like_an_array()
    {
        var entries = await ReadLines($"[{First}]\n{First}");

        entries.Select(e => e.Error).ShouldBe(["Line 1: a reading must be a JSON object.", null]);
    }

    /// <summary>
    /// Text fields holding bytes that are not UTF-8 (raw 0xFF) or an escaped half of a surrogate pair (<c>\ud800</c>),
    /// and the field the reason names.
    /// </summary>
    public static TheoryData<string, string> UndecodableFields => new()
    {
        { "\"id\":\"r-\\ud800\"", "id" },
        { "\"assetSource\":\"veeam\\udfff\"", "assetSource" },
        { "\"asset_external_id\":\"srv-\u00FF\"", "asset_external_id" },
        { "\"unitTypeKey\":\"\u00FF\"", "unitTypeKey" },
        { "\"quantity\":\"1\\udc00\"", "quantity" },
        { "\"observedAt\":\"2025-06-15T10:00:00Z\\ud800\"", "observedAt" },
        { "\"description\":\"\u00FFnightly\"", "description" },
        { "\"extra\u00FF\":1", "a property name" },
    };

    [Theory]
    [MemberData(nameof(UndecodableFields))]
    public async Task Undecodable_text_rejects_only_its_reading_naming_the_field_in_both_formats(
        string property, string field)
    {
        // \u00FF in the test data stands for the raw byte 0xFF, which no UTF-8 text contains.
        var broken = Latin1Bytes($"{{\"id\":\"r-0\",{property}}}");
        var first = Encoding.UTF8.GetBytes(First);

        var array = await Read([.. "["u8, .. broken, .. ","u8, .. first, .. "]"u8], IngestBodyFormat.JsonArray);
        var lines = await Read([.. broken, .. "\n"u8, .. first], IngestBodyFormat.Ndjson);

        var reason = $"{field} must be valid Unicode text (UTF-8 without unpaired surrogates)";
        array.Select(e => (e.Position, e.Error)).ShouldBe([(0, char.ToUpperInvariant(reason[0]) + reason[1..] + "."), (1, null)]);
        lines.Select(e => (e.Position, e.Error)).ShouldBe([(0, $"Line 1: {reason}."), (1, null)]);
        // The id read before the broken field is kept for the answer, unless the id is what is broken.
        var readableId = field == "id" ? null : "r-0";
        (array[0].UnreadableId, lines[0].UnreadableId).ShouldBe((readableId, readableId));
    }

    private static byte[] Latin1Bytes(string text) => Encoding.Latin1.GetBytes(text);
}
