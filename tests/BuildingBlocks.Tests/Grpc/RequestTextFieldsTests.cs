using BillingOne.BuildingBlocks.Grpc;
using Google.Protobuf.WellKnownTypes;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Grpc;

[Trait("Category", "Unit")]
public sealed class RequestTextFieldsTests
{
    [Fact]
    public void A_nul_in_a_string_field_is_found_by_its_name() =>
        RequestTextFields.FirstWithNul(new StringValue { Value = "acme\0" }).ShouldBe("value");

    [Fact]
    public void A_nul_in_a_repeated_message_is_found_by_its_path()
    {
        var api = new Api { Name = "clean", Methods = { new Method { Name = "list" }, new Method { Name = "ge\0t" } } };

        RequestTextFields.FirstWithNul(api).ShouldBe("methods.name");
    }

    [Fact]
    public void Clean_strings_other_control_characters_and_empty_messages_pass() =>
        new[]
        {
            RequestTextFields.FirstWithNul(new StringValue { Value = "tab\tbell\u0007 ümlaut" }),
            RequestTextFields.FirstWithNul(new Api { Name = "clean", Methods = { new Method { Name = "list" } } }),
            RequestTextFields.FirstWithNul(new Empty()),
        }.ShouldAllBe(path => path == null);
}
