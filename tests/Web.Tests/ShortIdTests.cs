using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using Bunit;
using Microsoft.JSInterop;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ShortIdTests : BunitContext
{
    // Two UUIDv7s created in the same millisecond: equal at the start, different at the end.
    private const string First = "019ae3c2-7b10-7c4e-9a51-3f0d2b8e41a7";
    private const string Second = "019ae3c2-7b10-7d02-8c3e-a94f60c1d5b2";

    [Theory]
    [InlineData(First, "2b8e41a7")]
    [InlineData(Second, "60c1d5b2")]
    [InlineData("6f1d2c1e", "6f1d2c1e")]
    [InlineData("42", "42")]
    public void The_short_form_is_the_end_of_the_id(string id, string expected)
    {
        IdFormat.Short(id).ShouldBe(expected);
    }

    [Fact]
    public void Ids_created_together_look_different()
    {
        var first = Render<ShortId>(parameters => parameters.Add(id => id.Value, First));
        var second = Render<ShortId>(parameters => parameters.Add(id => id.Value, Second));

        first.Find("code").TextContent.ShouldNotBe(second.Find("code").TextContent);
        first.Find("code").GetAttribute("title").ShouldBe(First);
        first.Find("[data-testid=short-id]").GetAttribute("data-id").ShouldBe(First);
    }

    [Fact]
    public void Copy_puts_the_full_id_on_the_clipboard()
    {
        var copy = JSInterop.SetupVoid("navigator.clipboard.writeText", First);
        copy.SetVoidResult();
        var rendered = Render<ShortId>(parameters => parameters.Add(id => id.Value, First));

        rendered.Find("[data-testid=short-id-copy]").Click();

        copy.Invocations.Count.ShouldBe(1);
        rendered.Find("[data-testid=short-id-copy]").TextContent.ShouldBe("Copied");
    }

    [Fact]
    public void A_blocked_clipboard_shows_the_full_id_to_copy_by_hand()
    {
        JSInterop.SetupVoid("navigator.clipboard.writeText", First).SetException(new JSException("NotAllowedError"));
        var rendered = Render<ShortId>(parameters => parameters.Add(id => id.Value, First));

        rendered.Find("[data-testid=short-id-copy]").Click();

        rendered.Find("[data-testid=short-id-full]").TextContent.ShouldBe(First);
    }
}
