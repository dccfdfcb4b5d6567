using Npgsql;

// Deliberate violations for the rules' own tests: this namespace is never a service's.
namespace BillingOne.Architecture.Tests.Samples.Domain;

/// <summary>A "rule" that opens a database connection string in a lambda: what <c>DomainPurityTests</c> refuses.</summary>
internal static class ImpureRule
{
    public static Func<string, string?> DatabaseOf { get; } =
        connectionString => new NpgsqlConnectionStringBuilder(connectionString).Database;
}

/// <summary>A rule on plain values.</summary>
internal static class PureRule
{
    public static decimal Overage(decimal usage, decimal commit) => Math.Max(0m, usage - commit);
}
