using System.Globalization;

namespace BillingOne.Bench;

/// <summary>What to run: <c>--readings 300000 --batch 5000 --concurrency 4 --grpc-message 1000 --output docs/benchmarks.md</c>.</summary>
public sealed record BenchOptions(int Readings, int BatchSize, int Concurrency, int GrpcMessageSize, string OutputPath)
{
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
        var options = new BenchOptions(
            Number(values, "readings", 300_000),
            Number(values, "batch", 5_000),
            Number(values, "concurrency", 4),
            Number(values, "grpc-message", 1_000),
            Path.GetFullPath(values.GetValueOrDefault("output") ?? Path.Combine(repositoryRoot, "docs", "benchmarks.md")));
        var unknown = values.Keys.Except(["readings", "batch", "concurrency", "grpc-message", "output"]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown.Select(name => "--" + name))}.");
        }
        if (options.BatchSize > 10_000)
        {
            throw new ArgumentException("--batch is at most 10000, the ingest limit per call.");
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
