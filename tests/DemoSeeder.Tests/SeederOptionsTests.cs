using System.Collections;

namespace BillingOne.DemoSeeder.Tests;

[Trait("Category", "Unit")]
public class SeederOptionsTests
{
    private static Hashtable Environment(string? gateway = "http://127.0.0.1:5100/", string? key = "bo_admin000_key",
        string? dataDirectory = "/tmp/apphost", string? sandbox = null) => new()
        {
            [SeederOptions.GatewayUrlVariable] = gateway,
            [SeederOptions.AdminApiKeyVariable] = key,
            [SeederOptions.DataDirectoryVariable] = dataDirectory,
            [SeederOptions.SandboxUrlVariable] = sandbox,
        };

    [Fact]
    public void Reads_the_gateway_the_admin_key_and_the_data_directory_the_apphost_sets()
    {
        var options = SeederOptions.FromEnvironment(Environment(), out var errors);

        errors.ShouldBeEmpty();
        options.ShouldBe(new SeederOptions(new Uri("http://127.0.0.1:5100/"), "bo_admin000_key", "/tmp/apphost"));
    }

    [Fact]
    public void Reads_the_sandbox_s_url_when_the_apphost_sets_it()
    {
        var options = SeederOptions.FromEnvironment(Environment(sandbox: "http://localhost:5200"), out var errors);

        errors.ShouldBeEmpty();
        options!.SandboxUrl.ShouldBe(new Uri("http://localhost:5200"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void The_sandbox_s_url_is_optional(string? sandbox)
    {
        var options = SeederOptions.FromEnvironment(Environment(sandbox: sandbox), out var errors);

        errors.ShouldBeEmpty();
        options!.SandboxUrl.ShouldBeNull();
    }

    [Fact]
    public void Refuses_a_sandbox_that_is_not_an_http_url()
    {
        SeederOptions.FromEnvironment(Environment(sandbox: "localhost:5200"), out var errors).ShouldBeNull();

        errors.ShouldHaveSingleItem().ShouldBe("BILLINGONE_SANDBOX_URL is 'localhost:5200', which is not an http(s) URL.");
    }

    [Fact]
    public void Names_every_missing_variable()
    {
        var options = SeederOptions.FromEnvironment(Environment(gateway: null, key: " ", dataDirectory: null), out var errors);

        options.ShouldBeNull();
        errors.ShouldBe([
            "BILLINGONE_GATEWAY_URL is not set.",
            "BILLINGONE_ADMIN_API_KEY is not set.",
            "BILLINGONE_DATA_DIR is not set.",
        ]);
    }

    [Theory]
    [InlineData("127.0.0.1:5100")]
    [InlineData("ftp://127.0.0.1/")]
    public void Refuses_a_gateway_that_is_not_an_http_url(string gateway)
    {
        SeederOptions.FromEnvironment(Environment(gateway: gateway), out var errors).ShouldBeNull();

        errors.ShouldHaveSingleItem().ShouldContain("not an http(s) URL");
    }
}
