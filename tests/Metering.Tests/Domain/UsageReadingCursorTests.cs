using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageReadingCursorTests
{
    [Theory]
    [InlineData("r-1")]
    [InlineData("reading with spaces, ümlauts and a : colon")]
    public void A_token_stands_for_the_cursor_it_was_written_from(string readingId)
    {
        var cursor = new UsageReadingCursor(new DateTimeOffset(2026, 2, 10, 8, 30, 15, TimeSpan.Zero).AddTicks(1234560),
            Guid.NewGuid(), readingId);

        var token = cursor.ToToken();

        UsageReadingCursor.FromToken(token).ShouldBe(cursor);
        token.ShouldNotContain('=');
        token.ShouldNotContain('/');
        token.ShouldNotContain('+');
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("")]
    [InlineData("AQ")]
    // Version 2, which this service never writes.
    [InlineData("AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAHI")]
    public void Text_that_is_no_token_this_service_wrote_stands_for_no_cursor(string token) =>
        UsageReadingCursor.FromToken(token).ShouldBeNull();

    [Theory]
    [InlineData(long.MaxValue, "r-1")]
    [InlineData(-1L, "r-1")]
    [InlineData(253402300800000000L, "r-1")]
    [InlineData(1767225600000000L, "r\0")]
    public void A_forged_token_with_a_time_beyond_the_calendar_or_a_nul_in_its_id_stands_for_no_cursor(long micros,
        string readingId)
    {
        var id = System.Text.Encoding.UTF8.GetBytes(readingId);
        var bytes = new byte[1 + sizeof(long) + 16 + id.Length];
        bytes[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), micros);
        id.CopyTo(bytes, 1 + sizeof(long) + 16);
        var token = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        UsageReadingCursor.FromToken(token).ShouldBeNull();
    }
}
