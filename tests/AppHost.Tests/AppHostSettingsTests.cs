using BillingOne.Hosting;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost.Tests;

public sealed class AppHostSettingsTests : IDisposable
{
    private readonly string _repository = Directory.CreateTempSubdirectory("billingone-apphost-settings-").FullName;

    public void Dispose() => Directory.Delete(_repository, recursive: true);

    private AppHostSettings Load(Dictionary<string, string?>? settings = null) =>
        AppHostSettings.Load(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build(),
            Path.Combine(_repository, "AppHost"));

    [Fact]
    public void Defaults_keep_the_data_in_the_repository_and_the_documented_ports()
    {
        var settings = Load();

        settings.RepositoryRoot.ShouldBe(_repository);
        settings.DataDirectory.ShouldBe(Path.Combine(_repository, ".data", "apphost"));
        settings.Infrastructure.ShouldBe(InfrastructureMode.Auto);
        settings.SeedDemoData.ShouldBeTrue();
        settings.Port("gateway").ShouldBe(5100);
        settings.Port("gateway-grpc").ShouldBe(5104);
        settings.Port("postgres").ShouldBe(5140);
        settings.Port("epmd").ShouldBe(5144);
        // The secrets live with the data they protect.
        File.Exists(Path.Combine(settings.DataDirectory, AppHostSecrets.AdminApiKeyFile)).ShouldBeTrue();
    }

    [Fact]
    public void Configuration_moves_the_data_ports_and_infrastructure()
    {
        var settings = Load(new()
        {
            ["AppHost:DataDirectory"] = "elsewhere/data",
            ["AppHost:Ports:gateway"] = "6100",
            ["AppHost:Infrastructure"] = "Executables",
            ["AppHost:SeedDemoData"] = "false",
        });

        settings.DataDirectory.ShouldBe(Path.Combine(_repository, "elsewhere", "data"));
        settings.Port("gateway").ShouldBe(6100);
        settings.Port("gateway-grpc").ShouldBe(5104);
        settings.Infrastructure.ShouldBe(InfrastructureMode.Executables);
        settings.SeedDemoData.ShouldBeFalse();
    }

    [Fact]
    public void Replicable_services_run_one_process_each_unless_configured()
    {
        Load().ReplicasOf("metering").ShouldBe(1);

        var settings = Load(new()
        {
            ["AppHost:Replicas:metering"] = "2",
            ["AppHost:Replicas:Ingestion"] = "3",
            ["AppHost:Replicas:subscription"] = "2",
            ["AppHost:Replicas:invoice"] = "2",
            ["AppHost:Replicas:reconciliation"] = "2",
        });

        settings.ReplicasOf("metering").ShouldBe(2);
        settings.ReplicasOf("ingestion").ShouldBe(3);
        settings.ReplicasOf("subscription").ShouldBe(2);
        settings.ReplicasOf("invoice").ShouldBe(2);
        settings.ReplicasOf("reconciliation").ShouldBe(2);
        settings.ReplicasOf("projection").ShouldBe(1);
    }

    [Theory]
    [InlineData("metering", "0")]
    [InlineData("metering", "two")]
    [InlineData("projection", "2")]
    [InlineData("identity", "2")]
    public void Replicas_of_a_service_not_audited_for_them_or_out_of_range_are_refused(string service, string count)
    {
        var failure = Should.Throw<InvalidOperationException>(() =>
            Load(new() { [$"AppHost:Replicas:{service}"] = count }));

        failure.Message.ShouldContain($"AppHost:Replicas:{service}");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65536")]
    [InlineData("-1")]
    public void A_port_outside_the_tcp_range_is_refused_with_its_key(string port)
    {
        var failure = Should.Throw<InvalidOperationException>(() => Load(new() { ["AppHost:Ports:postgres"] = port }));

        failure.Message.ShouldContain("AppHost:Ports:postgres");
    }

    [Fact]
    public void An_unknown_infrastructure_is_refused_with_the_choices()
    {
        var failure = Should.Throw<InvalidOperationException>(() => Load(new() { ["AppHost:Infrastructure"] = "vm" }));

        failure.Message.ShouldContain("auto, containers or executables");
    }
}
