using BillingOne.Architecture.Tests.Samples.Domain;

namespace BillingOne.Architecture.Tests;

/// <summary>
/// A service's <c>Domain/</c> holds its rules as plain code: no database, messaging or HTTP types, so a rule reads
/// and tests without any of them. Checked on the compiled types (signatures and IL), which also sees what an implicit
/// using or a lambda brings in.
/// </summary>
public sealed class DomainPurityTests
{
    /// <summary>Namespaces whose types a domain type may not use.</summary>
    internal static readonly string[] Forbidden = ["Dapper", "Npgsql", "MassTransit", "Microsoft.AspNetCore"];

    private static readonly string[] Services =
        ["Identity", "Ingestion", "Invoice", "Metering", "Projection", "Reconciliation", "Sandbox", "Subscription"];

    [Fact]
    public void Domain_namespaces_use_no_database_messaging_or_http_types()
    {
        var domainTypes = Services
            .SelectMany(service => TypeDependencies.TypesIn(AssemblyPath($"BillingOne.{service}"), IsDomain))
            .ToList();
        domainTypes.Count.ShouldBeGreaterThan(100);

        Violations(domainTypes.Select(type => (type.FullName, TypeDependencies.Of(type))))
            .ShouldBeEmpty("Keep Domain/ to rules: the store (Data/) or the endpoint (Apis/) does the I/O and hands the rule plain values");
    }

    [Fact]
    public void The_rule_finds_a_domain_type_that_reaches_for_the_database_even_inside_a_lambda()
    {
        var samples = TypeDependencies.TypesIn(typeof(ImpureRule).Assembly.Location, IsDomain)
            .Where(type => type.Namespace == typeof(ImpureRule).Namespace)
            .ToList();
        samples.Select(type => type.Name).Order().ShouldBe([nameof(ImpureRule), nameof(PureRule)]);

        Violations(samples.Select(type => (type.FullName, TypeDependencies.Of(type))))
            .ShouldBe([$"{typeof(ImpureRule).FullName} uses Npgsql.NpgsqlConnectionStringBuilder"]);
    }

    /// <summary>Each type that uses a forbidden type, with what it uses.</summary>
    internal static IEnumerable<string> Violations(IEnumerable<(string Type, IReadOnlySet<string> Uses)> types) =>
        from type in types
        from used in type.Uses.Order(StringComparer.Ordinal)
        where Forbidden.Any(prefix => TypeDependencies.IsUnder(used, prefix))
        select $"{type.Type} uses {used}";

    /// <summary>A namespace with a <c>Domain</c> segment (<c>BillingOne.Metering.Domain</c>, <c>….Domain.Mapping</c>).</summary>
    private static bool IsDomain(string ns) => ns.Split('.').Contains("Domain", StringComparer.Ordinal);

    private static string AssemblyPath(string name) => Path.Combine(AppContext.BaseDirectory, name + ".dll");
}
