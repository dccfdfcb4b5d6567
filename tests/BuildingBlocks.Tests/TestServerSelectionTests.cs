using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BillingOne.Hosting;
using BillingOne.SystemDriver;
using BillingOne.Testing.Servers;
using Shouldly;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>How a test run picks its servers: the rule itself, and the engine check it relies on.</summary>
[Trait("Category", "Unit")]
public sealed class TestServerSelectionTests
{
    [Theory]
    // auto, spelled every way it may come: containers when an engine answers, native otherwise
    [InlineData(null, false, true, TestServerKind.Containers)]
    [InlineData(null, false, false, TestServerKind.Native)]
    [InlineData("", false, true, TestServerKind.Containers)]
    [InlineData("", false, false, TestServerKind.Native)]
    [InlineData("auto", false, true, TestServerKind.Containers)]
    [InlineData("auto", false, false, TestServerKind.Native)]
    [InlineData(" Auto ", false, true, TestServerKind.Containers)]
    [InlineData(" Auto ", false, false, TestServerKind.Native)]
    // an explicit choice stands whether or not an engine answers
    [InlineData("native", false, true, TestServerKind.Native)]
    [InlineData("native", false, false, TestServerKind.Native)]
    [InlineData("containers", false, true, TestServerKind.Containers)]
    [InlineData("containers", false, false, TestServerKind.Containers)]
    [InlineData("CONTAINERS", false, false, TestServerKind.Containers)]
    // external servers, when configured, win over every setting
    [InlineData(null, true, true, TestServerKind.External)]
    [InlineData(null, true, false, TestServerKind.External)]
    [InlineData("auto", true, true, TestServerKind.External)]
    [InlineData("auto", true, false, TestServerKind.External)]
    [InlineData("native", true, true, TestServerKind.External)]
    [InlineData("native", true, false, TestServerKind.External)]
    [InlineData("containers", true, true, TestServerKind.External)]
    [InlineData("containers", true, false, TestServerKind.External)]
    public void Chooses_by_setting_external_servers_and_engine(
        string? setting, bool externalConfigured, bool engineAnswers, TestServerKind expected)
    {
        TestServerSelection.Choose(setting, externalConfigured, () => engineAnswers).ShouldBe(expected);
    }

    [Theory]
    [InlineData("native", false)]
    [InlineData("containers", false)]
    [InlineData("auto", true)]
    public void Asks_the_engine_only_when_the_choice_depends_on_it(string setting, bool externalConfigured)
    {
        TestServerSelection.Choose(setting, externalConfigured,
            () => throw new ShouldAssertException("The engine was asked."));
    }

    [Theory]
    [InlineData("docker", false)]
    [InlineData("docker", true)]
    [InlineData("container", false)]
    public void A_setting_it_does_not_know_is_refused_with_the_accepted_values(string setting, bool externalConfigured)
    {
        var refused = Should.Throw<ArgumentException>(() => TestServerSelection.Choose(setting, externalConfigured, () => true));

        refused.Message.ShouldContain(TestServerSelection.Variable);
        refused.Message.ShouldContain($"'{setting}'");
        refused.Message.ShouldContain("auto, native or containers");
    }

    [Fact]
    public void No_engine_at_the_address_means_no_engine()
    {
        var timer = Stopwatch.StartNew();

        ContainerEngine.Answers(TimeSpan.FromSeconds(5), $"tcp://127.0.0.1:{LoopbackPorts.GetFree()}").ShouldBeFalse();

        timer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void An_engine_that_never_answers_is_given_up_on_after_the_timeout()
    {
        // Accepts the connection and says nothing: docker info would wait far longer than a test run can.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var timer = Stopwatch.StartNew();

        ContainerEngine.Answers(TimeSpan.FromSeconds(2), $"tcp://{silent.LocalEndpoint}").ShouldBeFalse();

        timer.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
