using BillingOne.Hosting;
using BillingOne.SystemDriver;
using BillingOne.Testing.Servers;

namespace BillingOne.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ servers of this test process, chosen once (<see cref="TestServerSelection"/>): the
/// servers named by BILLINGONE_TEST_POSTGRES / BILLINGONE_TEST_RABBITMQ / BILLINGONE_TEST_RABBITMQ_MANAGEMENT when
/// all three are set; else, as BILLINGONE_TEST_SERVERS says (auto by default), Testcontainers when a container engine
/// answers or the machine's own servers under <c>.data/test-servers</c>.
/// </summary>
public static class TestServers
{
    /// <summary>Long enough for a healthy engine, short enough not to hold up a run on a machine without one.</summary>
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(5);

    private static readonly Lazy<Task<ITestServers>> Instance = new(StartAsync);

    public static Task<ITestServers> GetAsync() => Instance.Value;

    private static async Task<ITestServers> StartAsync()
    {
        var external = ExternalTestServers.FromEnvironment();
        var kind = TestServerSelection.Choose(Environment.GetEnvironmentVariable(TestServerSelection.Variable),
            external is not null, () => ContainerEngine.Answers(EngineTimeout));
        return kind switch
        {
            TestServerKind.External when external is not null => external,
            TestServerKind.Containers => await ContainerTestServers.StartAsync(),
            TestServerKind.Native => await NativeTestServers.StartAsync(
                Path.Combine(RepositoryRoot.Find(), ".data", "test-servers")),
            _ => throw new InvalidOperationException($"No test servers of kind {kind}."),
        };
    }
}
