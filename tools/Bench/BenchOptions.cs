using System.Globalization;

namespace BillingOne.Bench;

public enum BenchScenario
{
    /// <summary>Readings pushed through the gateway over HTTP and gRPC, against a raw COPY.</summary>
    Ingest,

    /// <summary>A billing run over a closed month, against the same usage computed in one SQL statement.</summary>
    Billing,

    /// <summary>A full and an incremental Pax8 and RMM sync of the sandbox, against reading its pages straight.</summary>
    Sync,

    /// <summary>
    /// The licence pages' API calls with the sandbox's full data, through the gateway against straight to the services.
    /// </summary>
    Pages,

    /// <summary>
    /// The metering analytics pages' API calls and a recalculation of every projection with 10,000 buckets × 13
    /// periods, through the gateway against straight to the projection.
    /// </summary>
    Analytics,

    /// <summary>
    /// Half the measured maximum (or a given rate) of readings sent steadily for half an hour, sampling memory and
    /// backlogs; written to docs/reliability.md.
    /// </summary>
    Soak,

    /// <summary>
    /// The ingest scenario's HTTP and gRPC sends through a system started as the benchmarks start it and through one
    /// started as scripts/run.sh starts it, one after the other.
    /// </summary>
    DefaultRun,

    /// <summary>
    /// Every screen of the web UI opened in a fresh headless chromium and clicked through in a warm one, on the demo
    /// world started as scripts/run.sh starts it, against the same screens' files and API calls fetched raw.
    /// </summary>
    Browser,
}

/// <summary>
/// What to run: <c>--scenario ingest --readings 300000 --batch 5000 --concurrency 4 --grpc-message 1000 --copy-rows
/// 1000000</c>,
/// <c>--scenario billing --readings 10000000 --buckets 10000</c>, <c>--scenario sync</c> (no options of its own) or
/// <c>--scenario pages --calls 200</c> (measured sequential calls per request and path) or <c>--scenario analytics
/// --buckets 10000 --calls 200</c> or <c>--scenario soak --minutes 30 [--rate R] --batch 5000 --concurrency 4
/// --grpc-message 1000</c> (without <c>--rate</c>, half the maximum measured at the start) or <c>--scenario default-run</c>
/// with the ingest options or <c>--scenario browser --rounds 5</c> (first loads per screen and click rounds); <c>--output
/// docs/benchmarks.md</c> (docs/reliability.md for the soak) for any.
/// </summary>
public sealed record BenchOptions(
    BenchScenario Scenario, int Readings, int BatchSize, int Concurrency, int GrpcMessageSize, int Buckets, int Calls,
    string OutputPath)
{
    private static readonly IReadOnlyDictionary<BenchScenario, string[]> ScenarioOptions =
        new Dictionary<BenchScenario, string[]>
        {
            [BenchScenario.Ingest] = ["readings", "batch", "concurrency", "grpc-message", "copy-rows"],
            [BenchScenario.Billing] = ["readings", "buckets"],
            [BenchScenario.Sync] = [],
            [BenchScenario.Pages] = ["calls"],
            [BenchScenario.Analytics] = ["buckets", "calls"],
            [BenchScenario.Soak] = ["minutes", "rate", "batch", "concurrency", "grpc-message"],
            [BenchScenario.DefaultRun] = ["readings", "batch", "concurrency", "grpc-message"],
            [BenchScenario.Browser] = ["rounds"],
        };

    /// <summary>
    /// Rows of the ingest scenario's raw COPY: at least a million whatever <c>--readings</c> is, so that its CPU per row —
    /// the baseline of the measure — is not dominated by start-up and sampling granularity.
    /// </summary>
    public int CopyRows { get; init; } = 1_000_000;

    /// <summary>How long the soak sends.</summary>
    public int Minutes { get; init; } = 30;

    /// <summary>The browser scenario's first loads per screen and rounds of clicks.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>The soak's readings per second; null to send half the maximum measured at the start.</summary>
    public int? Rate { get; init; }

    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }
            values[args[i][2..]] = args[i + 1];
        }
        string[] common = ["scenario", "output"];
        var unknown = values.Keys.Except([.. common, .. ScenarioOptions.Values.SelectMany(names => names)]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(name => "--" + name))}.");
        }
        var scenario = values.GetValueOrDefault("scenario") switch
        {
            null or "ingest" => BenchScenario.Ingest,
            "billing" => BenchScenario.Billing,
            "sync" => BenchScenario.Sync,
            "pages" => BenchScenario.Pages,
            "analytics" => BenchScenario.Analytics,
            "soak" => BenchScenario.Soak,
            "default-run" => BenchScenario.DefaultRun,
            "browser" => BenchScenario.Browser,
            var other => throw new ArgumentException(
                $"--scenario is ingest, billing, sync, pages, analytics, soak, default-run or browser, got '{other}'."),
        };
        var misplaced = values.Keys.Except([.. common, .. ScenarioOptions[scenario]]).ToList();
        if (misplaced.Count > 0)
        {
            throw new ArgumentException($"Not options of the {scenario.ToString().ToLowerInvariant()} scenario: " +
                $"{string.Join(", ", misplaced.Select(name => "--" + name))}.");
        }
        var options = new BenchOptions(
            scenario,
            Number(values, "readings", scenario is BenchScenario.Ingest or BenchScenario.DefaultRun ? 300_000 : 10_000_000),
            Number(values, "batch", 5_000),
            Number(values, "concurrency", 4),
            Number(values, "grpc-message", 1_000),
            Number(values, "buckets", 10_000),
            Number(values, "calls", 200),
            Path.GetFullPath(values.GetValueOrDefault("output") ?? Path.Combine(repositoryRoot, "docs",
                scenario == BenchScenario.Soak ? "reliability.md" : "benchmarks.md")))
        {
            CopyRows = Number(values, "copy-rows", 1_000_000),
            Minutes = Number(values, "minutes", 30),
            Rounds = Number(values, "rounds", 5),
            Rate = values.ContainsKey("rate") ? Number(values, "rate", 0) : null,
        };
        if (options.BatchSize > 10_000)
        {
            throw new ArgumentException("--batch is at most 10000, the ingest limit per call.");
        }
        if (options.Calls + PagesBenchmark.WarmUpCalls > PagesBenchmark.GatewayRequestsPerMinute)
        {
            throw new ArgumentException($"--calls is at most {PagesBenchmark.GatewayRequestsPerMinute - PagesBenchmark.WarmUpCalls}: " +
                $"with the warm-up, one API key's budget of {PagesBenchmark.GatewayRequestsPerMinute} requests a minute.");
        }
        if (scenario == BenchScenario.Billing && options.Readings < options.Buckets * BillingDataSet.AssetsPerBucket)
        {
            throw new ArgumentException($"--readings must give every asset a reading: at least " +
                $"{BillingDataSet.AssetsPerBucket} per bucket ({options.Buckets * BillingDataSet.AssetsPerBucket:N0}).");
        }
        return options;
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} must be a positive whole number, got '{text}'.");
    }
}
