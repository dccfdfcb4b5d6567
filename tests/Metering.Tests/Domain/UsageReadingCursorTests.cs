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
}
