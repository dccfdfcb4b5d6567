using System.Security.Cryptography;
using BillingOne.SystemDriver;
using Microsoft.Extensions.Logging;

namespace BillingOne.Testing.Servers;

/// <param name="BaseDirectory">Folder of this node (data, logs, cookie); owned by the rabbitmq user.</param>
/// <param name="NodeName">Erlang node name without host; a random suffix is appended when a node is created and kept
/// with its ports, so a node is found again in its directory while no other node on the machine — another checkout,
/// or one orphaned when its directory was deleted — can ever hold the same name.</param>
/// <param name="AmqpPort">AMQP port on 127.0.0.1.</param>
/// <param name="ManagementPort">Management API/UI port on 127.0.0.1.</param>
public sealed record RabbitMqServerOptions(string BaseDirectory, string NodeName, int AmqpPort, int ManagementPort);

/// <summary>
/// A private RabbitMQ node on 127.0.0.1 with the management plugin, from the machine's rabbitmq-server,
/// next to any other node. Starting it again while it runs reuses the running node. Nothing of it listens beyond
/// loopback: not AMQP or management, nor the Erlang distribution port or the node's own epmd, which would otherwise
/// be on every interface (Erlang's defaults) and let the network knock on the node's cookie-protected door.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string ServiceUser = "rabbitmq";
    private const string ScriptsDirectory = "/usr/lib/rabbitmq/bin";

    /// <summary>Erlang arguments that keep a node's distribution listener on loopback.</summary>
    private const string LoopbackDistribution = "-kernel inet_dist_use_interface {127,0,0,1}";
    private readonly string baseDirectory;
    private readonly int epmdPort;

    private RabbitMqServer(string baseDirectory, string nodeName, int epmdPort, int amqpPort, int managementPort)
    {
        this.baseDirectory = baseDirectory;
        this.epmdPort = epmdPort;
        NodeName = nodeName;
        AmqpPort = amqpPort;
        ManagementUri = new Uri($"http://127.0.0.1:{managementPort}/");
    }

    public string NodeName { get; }

    public int AmqpPort { get; }

    /// <summary>Management API and UI; the guest user is allowed on loopback.</summary>
    public Uri ManagementUri { get; }

    public Uri AmqpUri(string virtualHost = "/") =>
        new($"amqp://guest:guest@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost)}");

    public static async Task<RabbitMqServer> StartAsync(
        RabbitMqServerOptions options, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(ScriptsDirectory, "rabbitmq-server")))
        {
            throw new InvalidOperationException(
                "rabbitmq-server not found: install it with 'apt-get install -y rabbitmq-server'.");
        }
        var root = Path.GetFullPath(options.BaseDirectory);
        var stateFile = Path.Combine(root, "node");
        var mnesia = Directory.CreateDirectory(Path.Combine(root, "mnesia")).FullName;
        var log = Directory.CreateDirectory(Path.Combine(root, "log")).FullName;
        var enabledPlugins = Path.Combine(root, "enabled_plugins");
        await File.WriteAllTextAsync(enabledPlugins, "[rabbitmq_management].", cancellationToken);
        await CommandRunner.ChangeOwnerAsync(ServiceUser, root, mnesia, log, enabledPlugins);

        var existing = NodeState.TryRead(stateFile);
        if (existing is not null && await IsRunningAsync(root, existing.Node, existing.EpmdPort, cancellationToken))
        {
            logger.LogInformation("Reusing RabbitMQ node {Node} on port {Port}", existing.Node, existing.AmqpPort);
            return new RabbitMqServer(root, existing.Node, existing.EpmdPort, existing.AmqpPort, existing.ManagementPort);
        }

        // The node holds only the tests' throwaway virtual hosts. Started again on them, it would first recover every
        // queue of every earlier run (thousands after a few runs: minutes of boot, past the test hang timeout), so a
        // node that is not running starts empty.
        Directory.Delete(mnesia, recursive: true);
        Directory.CreateDirectory(mnesia);
        await CommandRunner.ChangeOwnerAsync(ServiceUser, mnesia);
        // A stopped node comes back under its own name.
        var node = existing?.Node
            ?? $"{options.NodeName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}@localhost";
        // An epmd of the node's own, started by the node on this port: the machine's default one (port 4369) may
        // belong to another node and listen on every interface. It outlives the node, so a restarted node goes back
        // to it rather than leaving one more epmd behind.
        var epmdPort = existing?.EpmdPort ?? LoopbackPorts.GetFree();
        var environment = NodeEnvironment(root, node, epmdPort);
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = options.AmqpPort.ToString();
        environment["RABBITMQ_DIST_PORT"] = LoopbackPorts.GetFree().ToString();
        environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = LoopbackDistribution;
        environment["RABBITMQ_MNESIA_BASE"] = mnesia;
        environment["RABBITMQ_LOG_BASE"] = log;
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins");
        environment["RABBITMQ_SERVER_START_ARGS"] =
            $"-rabbitmq_management tcp_config [{{port,{options.ManagementPort}}},{{ip,\"127.0.0.1\"}}]";

        logger.LogInformation("Starting RabbitMQ node {Node} on 127.0.0.1:{Port}", node, options.AmqpPort);
        File.Delete(Path.Combine(root, "pid"));
        var consoleLog = Path.Combine(log, "console.log");
        File.Delete(consoleLog);
        CommandRunner.StartDetached(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmq-server"), [], environment,
            consoleLog);
        using var booting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var booted = CommandRunner.RunCheckedAsync(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmqctl"),
            ["-n", node, "wait", Path.Combine(root, "pid"), "--timeout", "120"], NodeEnvironment(root, node, epmdPort),
            booting.Token);
        var crashed = WatchForBootFailureAsync(consoleLog, booting.Token);
        if (await Task.WhenAny(booted, crashed) == crashed)
        {
            await booting.CancelAsync();
            await crashed; // throws with the node's own explanation
        }
        await booting.CancelAsync();
        await booted;
        await new NodeState(node, epmdPort, options.AmqpPort, options.ManagementPort).WriteAsync(stateFile, cancellationToken);
        await CommandRunner.ChangeOwnerAsync(ServiceUser, stateFile);
        logger.LogInformation("RabbitMQ node {Node} is up", node);
        return new RabbitMqServer(root, node, epmdPort, options.AmqpPort, options.ManagementPort);
    }

    public async Task StopAsync()
    {
        await CommandRunner.RunAsync(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmqctl"),
            ["-n", NodeName, "stop"], NodeEnvironment(baseDirectory, NodeName, epmdPort));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<bool> IsRunningAsync(string root, string node, int epmdPort, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(root, "pid")))
        {
            return false;
        }
        var ping = await CommandRunner.RunAsync(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmqctl"),
            ["-n", node, "ping"], NodeEnvironment(root, node, epmdPort), cancellationToken);
        return ping.ExitCode == 0;
    }

    /// <summary>
    /// A node that cannot boot (a port or node name taken) says so in its console log and exits, while
    /// <c>rabbitmqctl wait</c> would keep waiting for a pid file: fail at once with the reason instead.
    /// </summary>
    private static async Task WatchForBootFailureAsync(string consoleLog, CancellationToken cancellationToken)
    {
        const string bootFailure = "Kernel pid terminated";
        while (!cancellationToken.IsCancellationRequested)
        {
            if (File.Exists(consoleLog))
            {
                var text = await File.ReadAllTextAsync(consoleLog, cancellationToken);
                var failure = text.IndexOf(bootFailure, StringComparison.Ordinal);
                if (failure >= 0)
                {
                    throw new InvalidOperationException(
                        $"RabbitMQ could not start: {text[failure..].Split('\n')[0]} (log: {consoleLog})");
                }
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }

    /// <summary>The node this directory holds, as written when it was started: name and ports.</summary>
    private sealed record NodeState(string Node, int EpmdPort, int AmqpPort, int ManagementPort)
    {
        public static NodeState? TryRead(string path)
        {
            var parts = File.Exists(path) ? File.ReadAllText(path).Trim().Split(',') : [];
            return parts is [var node, var epmd, var amqp, var management] && int.TryParse(epmd, out var epmdPort)
                && int.TryParse(amqp, out var amqpPort) && int.TryParse(management, out var managementPort)
                ? new NodeState(node, epmdPort, amqpPort, managementPort)
                : null;
        }

        public Task WriteAsync(string path, CancellationToken cancellationToken) =>
            File.WriteAllTextAsync(path, $"{Node},{EpmdPort},{AmqpPort},{ManagementPort}", cancellationToken);
    }

    /// <summary>
    /// What the server and every rabbitmqctl call share so the tool finds the node: HOME holds the Erlang cookie, and
    /// the node is registered with its own epmd, which listens on loopback only. rabbitmqctl is a short-lived Erlang
    /// node itself, whose distribution listener would otherwise be on every interface while it runs.
    /// </summary>
    private static Dictionary<string, string> NodeEnvironment(string root, string node, int epmdPort) => new()
    {
        ["HOME"] = root,
        ["RABBITMQ_NODENAME"] = node,
        ["RABBITMQ_PID_FILE"] = Path.Combine(root, "pid"),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["ERL_EPMD_PORT"] = epmdPort.ToString(),
        ["RABBITMQ_CTL_ERL_ARGS"] = LoopbackDistribution,
    };
}
