using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests.Json;

/// <summary>
/// The services' HTTP JSON options refuse text with a NUL; the same rule must hold for the keys of string-keyed
/// dictionaries, which a validation problem's <c>errors</c> is: a converter that cannot write keys turned that 400 into
/// a 500, depending on which serialization ran first.
/// </summary>
[Trait("Category", "Unit")]
public sealed class HttpJsonTextTests
{
    private static JsonSerializerOptions ServiceOptions()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults();
        using var services = builder.Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
    }

    [Fact]
    public void A_string_keyed_dictionary_is_written_and_read_back()
    {
        var options = ServiceOptions();
        var errors = new Dictionary<string, string[]> { ["Idempotency-Key"] = ["must be ASCII."] };

        var json = JsonSerializer.Serialize(errors, options);

        json.ShouldBe("""{"Idempotency-Key":["must be ASCII."]}""");
        var read = JsonSerializer.Deserialize<Dictionary<string, string[]>>(json, options).ShouldNotBeNull();
        read.Keys.ShouldBe(["Idempotency-Key"]);
        read["Idempotency-Key"].ShouldBe(["must be ASCII."]);
    }

    [Fact]
    public void A_key_or_value_with_a_nul_is_refused_when_read()
    {
        var options = ServiceOptions();

        Should.Throw<RejectedValueException>(() =>
            JsonSerializer.Deserialize<Dictionary<string, string>>("""{"a\u0000b": "x"}""", options));
        Should.Throw<RejectedValueException>(() =>
            JsonSerializer.Deserialize<Dictionary<string, string>>("""{"a": "x\u0000"}""", options));
    }
}
