using System.Security.Cryptography;
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
/// next to any other node. Starting it again while it runs reuses the running node.
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string ServiceUser = "rabbitmq";
    private const string ScriptsDirectory = "/usr/lib/rabbitmq/bin";
    private readonly string baseDirectory;

    private RabbitMqServer(string baseDirectory, string nodeName, int amqpPort, int managementPort)
    {
        this.baseDirectory = baseDirectory;
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
        Directory.CreateDirectory(Path.Combine(root, "mnesia"));
        Directory.CreateDirectory(Path.Combine(root, "log"));
        await File.WriteAllTextAsync(Path.Combine(root, "enabled_plugins"), "[rabbitmq_management].", cancellationToken);
        await CommandRunner.ChangeOwnerAsync(ServiceUser, root);

        var existing = NodeState.TryRead(stateFile);
        if (existing is not null && await IsRunningAsync(root, existing.Node, cancellationToken))
        {
            logger.LogInformation("Reusing RabbitMQ node {Node} on port {Port}", existing.Node, existing.AmqpPort);
            return new RabbitMqServer(root, existing.Node, existing.AmqpPort, existing.ManagementPort);
        }

        // RabbitMQ keeps a node's data under its name: a stopped node comes back under the same one.
        var node = existing?.Node
            ?? $"{options.NodeName}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}@localhost";
        var environment = NodeEnvironment(root, node);
        environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        environment["RABBITMQ_NODE_PORT"] = options.AmqpPort.ToString();
        environment["RABBITMQ_DIST_PORT"] = LoopbackPorts.GetFree().ToString();
        environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia");
        environment["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log");
        environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins");
        environment["RABBITMQ_SERVER_START_ARGS"] =
            $"-rabbitmq_management tcp_config [{{port,{options.ManagementPort}}},{{ip,\"127.0.0.1\"}}]";

        logger.LogInformation("Starting RabbitMQ node {Node} on 127.0.0.1:{Port}", node, options.AmqpPort);
        File.Delete(Path.Combine(root, "pid"));
        var consoleLog = Path.Combine(root, "log", "console.log");
        File.Delete(consoleLog);
        CommandRunner.StartDetached(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmq-server"), [], environment,
            consoleLog);
        using var booting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var booted = CommandRunner.RunCheckedAsync(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmqctl"),
            ["-n", node, "wait", Path.Combine(root, "pid"), "--timeout", "120"], NodeEnvironment(root, node),
            booting.Token);
        var crashed = WatchForBootFailureAsync(consoleLog, booting.Token);
        if (await Task.WhenAny(booted, crashed) == crashed)
        {
            await booting.CancelAsync();
            await crashed; // throws with the node's own explanation
        }
        await booting.CancelAsync();
        await booted;
        await new NodeState(node, options.AmqpPort, options.ManagementPort).WriteAsync(stateFile, cancellationToken);
        await CommandRunner.ChangeOwnerAsync(ServiceUser, stateFile);
        logger.LogInformation("RabbitMQ node {Node} is up", node);
        return new RabbitMqServer(root, node, options.AmqpPort, options.ManagementPort);
    }

    public async Task StopAsync()
    {
        await CommandRunner.RunAsync(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmqctl"),
            ["-n", NodeName, "stop"], NodeEnvironment(baseDirectory, NodeName));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<bool> IsRunningAsync(string root, string node, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(root, "pid")))
        {
            return false;
        }
        var ping = await CommandRunner.RunAsync(ServiceUser, Path.Combine(ScriptsDirectory, "rabbitmqctl"),
            ["-n", node, "ping"], NodeEnvironment(root, node), cancellationToken);
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
    private sealed record NodeState(string Node, int AmqpPort, int ManagementPort)
    {
        public static NodeState? TryRead(string path)
        {
            var parts = File.Exists(path) ? File.ReadAllText(path).Trim().Split(',') : [];
            return parts.Length == 3 && int.TryParse(parts[1], out var amqp) && int.TryParse(parts[2], out var management)
                ? new NodeState(parts[0], amqp, management)
                : null;
        }

        public Task WriteAsync(string path, CancellationToken cancellationToken) =>
            File.WriteAllTextAsync(path, $"{Node},{AmqpPort},{ManagementPort}", cancellationToken);
    }

    /// <summary>HOME holds the node's Erlang cookie, so the server and rabbitmqctl agree on it.</summary>
    private static Dictionary<string, string> NodeEnvironment(string root, string node) => new()
    {
        ["HOME"] = root,
        ["RABBITMQ_NODENAME"] = node,
        ["RABBITMQ_PID_FILE"] = Path.Combine(root, "pid"),
    };
}
