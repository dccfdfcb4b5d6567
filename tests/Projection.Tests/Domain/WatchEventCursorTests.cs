using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class WatchEventCursorTests
{
    [Theory]
    [InlineData(0UL, 0L)]
    [InlineData(4_294_967_296UL + 771, 42L)]
    [InlineData(ulong.MaxValue, long.MaxValue)]
    public void A_token_reads_back_as_its_cursor(ulong transactionId, long id)
    {
        var cursor = new WatchEventCursor(transactionId, id);

        var token = cursor.ToToken();

        WatchEventCursor.FromToken(token).ShouldBe(cursor);
        token.ShouldMatch("^[A-Za-z0-9_-]+$", "base64url without padding travels in JSON and URLs as it is");
    }

    [Fact]
    public void The_token_is_a_version_byte_then_the_xid_and_the_id_big_endian() =>
        new WatchEventCursor(1, 2).ToToken().ShouldBe("AQAAAAAAAAABAAAAAAAAAAI");

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("AQAAAAAAAAABAAAAAAAAAA")] // one byte short
    [InlineData("AQAAAAAAAAABAAAAAAAAAAIA")] // one byte over
    [InlineData("AgAAAAAAAAABAAAAAAAAAAI")] // another version
    [InlineData("AQAAAAAAAAAB__________8")] // a negative id
    [InlineData("AQAAAAAAAAABAAAAAAAAAAI=")] // padded
    public void Text_that_is_no_token_of_this_stream_is_refused(string token) =>
        WatchEventCursor.FromToken(token).ShouldBeNull();
}
