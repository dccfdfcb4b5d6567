namespace BillingOne.Hosting;

/// <summary>
/// The folder and environment of the AppHost's private RabbitMQ node. Every listener is on loopback: AMQP, the
/// management API, the Erlang distribution port and the node's own epmd (a private port, so the node neither meets
/// nor outlives another epmd on the machine).
/// </summary>
public sealed record RabbitMqNodeFiles(string Directory, IReadOnlyDictionary<string, string> Environment)
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private const string NodeName = "billingone@localhost";

    public static RabbitMqNodeFiles Prepare(string directory, ServerPorts ports)
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"{ServerScript} is missing: install it with 'apt-get install -y rabbitmq-server'.");
        }
        var home = Path.Combine(directory, "home");
        System.IO.Directory.CreateDirectory(home);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "mnesia"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "log"));
        var config = Path.Combine(directory, "rabbitmq.conf");
        File.WriteAllText(config,
            $"management.tcp.port = {ports.RabbitMqManagement}\nmanagement.tcp.ip = 127.0.0.1\n");
        var plugins = Path.Combine(directory, "enabled_plugins");
        File.WriteAllText(plugins, "[rabbitmq_management].");
        var emptyEnvironmentFile = Path.Combine(directory, "rabbitmq-env.conf");
        File.WriteAllText(emptyEnvironmentFile, "");

        return new RabbitMqNodeFiles(directory, new Dictionary<string, string>
        {
            // Started as root, the node keeps its Erlang cookie under HOME.
            ["HOME"] = home,
            ["RABBITMQ_NODENAME"] = NodeName,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = ports.RabbitMq.ToString(),
            // Its default (AMQP port + 20000) is no valid port for AMQP ports above 45535.
            ["RABBITMQ_DIST_PORT"] = ports.RabbitMqDistribution.ToString(),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["ERL_EPMD_PORT"] = ports.Epmd.ToString(),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_CONFIG_FILE"] = config,
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = plugins,
            ["RABBITMQ_CONF_ENV_FILE"] = emptyEnvironmentFile,
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
        });
    }

    /// <summary>Erlang's epmd, run in the foreground as its own resource so the AppHost owns and stops it.</summary>
    public static string EpmdPath() =>
        System.IO.Directory.Exists("/usr/lib/erlang")
            ? System.IO.Directory.GetFiles("/usr/lib/erlang", "epmd", SearchOption.AllDirectories)
                .Where(path => path.Contains("/erts-", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .LastOrDefault() ?? "epmd"
            : "epmd";
}
