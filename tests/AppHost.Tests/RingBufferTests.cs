using BillingOne.AppHost.Supervision;

namespace BillingOne.AppHost.Tests;

public class RingBufferTests
{
    [Fact]
    public void Keeps_every_item_oldest_first_while_below_capacity()
    {
        var buffer = new RingBuffer<int>(5);
        buffer.Add(1);
        buffer.Add(2);
        buffer.Add(3);

        buffer.Latest().ShouldBe([1, 2, 3]);
        buffer.TotalAdded.ShouldBe(3);
    }

    [Fact]
    public void Drops_the_oldest_items_once_full()
    {
        var buffer = new RingBuffer<int>(3);
        foreach (var item in Enumerable.Range(1, 8))
        {
            buffer.Add(item);
        }

        buffer.Latest().ShouldBe([6, 7, 8]);
        buffer.TotalAdded.ShouldBe(8);
    }

    [Fact]
    public void Latest_returns_the_newest_items_in_order()
    {
        var buffer = new RingBuffer<string>(4);
        foreach (var item in new[] { "a", "b", "c", "d", "e" })
        {
            buffer.Add(item);
        }

        buffer.Latest(2).ShouldBe(["d", "e"]);
        buffer.Latest(0).ShouldBeEmpty();
        buffer.Latest(100).ShouldBe(["b", "c", "d", "e"]);
    }

    [Fact]
    public void Rejects_a_capacity_below_one() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new RingBuffer<int>(0));

    [Fact]
    public void Cuts_a_runaway_log_line()
    {
        var line = LogLine.Create(DateTimeOffset.UtcNow, LogStream.StandardOutput, new string('x', LogLine.MaxLength + 500));

        line.Text.Length.ShouldBeLessThan(LogLine.MaxLength + 10);
        line.Text.ShouldEndWith("…");
    }
}
