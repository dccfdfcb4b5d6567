
namespace BillingOne.EndToEnd.Tests;

/// <summary>One running system shared by the API and browser tests: starting one takes most of a minute.</summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public RunningSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await RunningSystem.StartAsync("e2e", dashboard: true);

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RunningSystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "running system";
}
