using BillingOne.Web.Formatting;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class DurationFormatTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(42, "42 s")]
    [InlineData(65, "1 min 05 s")]
    [InlineData(3599, "59 min 59 s")]
    [InlineData(3720, "1 h 02 min")]
    [InlineData(-3, "0 s")]
    public void Shows_how_long_a_job_took_to_the_second(int seconds, string expected) =>
        DurationFormat.Format(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
}
