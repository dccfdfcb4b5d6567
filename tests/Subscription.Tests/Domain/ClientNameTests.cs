using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientNameTests
{
    [Fact]
    public void Surrounding_white_space_is_removed()
    {
        ClientName.Normalize("  Acme Pty Ltd \t", out var error).ShouldBe("Acme Pty Ltd");
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_or_blank_name_is_required(string? value)
    {
        ClientName.Normalize(value, out var error).ShouldBeNull();
        error.ShouldBe("Name is required.");
    }

    [Fact]
    public void Two_hundred_characters_are_accepted_after_trimming()
    {
        var name = new string('a', ClientName.MaxLength);
        ClientName.Normalize($"  {name}  ", out var error).ShouldBe(name);
        error.ShouldBeNull();
    }

    [Fact]
    public void More_than_two_hundred_characters_are_rejected()
    {
        ClientName.Normalize(new string('a', ClientName.MaxLength + 1), out var error).ShouldBeNull();
        error.ShouldBe("Name must be at most 200 characters.");
    }

    [Theory]
    [InlineData("Acme\nCorp")]
    [InlineData("Acme\tCorp")]
    [InlineData("Acme\u0000Corp")]
    public void Control_characters_inside_the_name_are_rejected(string value)
    {
        ClientName.Normalize(value, out var error).ShouldBeNull();
        error!.ShouldContain("control characters");
    }

    [Fact]
    public void Non_latin_names_are_accepted()
    {
        ClientName.Normalize("Müller & Söhne — 東京", out var error).ShouldBe("Müller & Söhne — 東京");
        error.ShouldBeNull();
    }
}
