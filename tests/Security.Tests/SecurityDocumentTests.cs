using System.Text;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Security.Tests;

/// <summary>
/// The role and scope table of <c>docs/security.md</c> is the services' endpoint metadata, row for row. Run with
/// <c>BILLINGONE_WRITE_SECURITY_TABLE=1</c> to rewrite the table after changing endpoints.
/// </summary>
[Collection(StartedServicesCollection.Name)]
public sealed class SecurityDocumentTests(StartedServices services)
{
    private const string Start = "<!-- endpoint-table:start -->";
    private const string End = "<!-- endpoint-table:end -->";

    [Fact]
    public async Task The_role_and_scope_table_is_every_services_endpoint_metadata()
    {
        var rows = new List<string>
        {
            "| Service | Method | Path | Policy (roles) | Client-scoped keys |",
            "|---|---|---|---|---|",
        };
        foreach (var service in ServiceHost.Names.Order(StringComparer.Ordinal))
        {
            var host = await services.GetAsync(service);
            using var client = host.CreateClient();
            var policies = host.Services.GetRequiredService<IAuthorizationPolicyProvider>();
            foreach (var operation in (await DocumentedOperation.ReadAsync(client))
                         .OrderBy(operation => operation.Path, StringComparer.Ordinal)
                         .ThenBy(operation => operation.Method, StringComparer.Ordinal))
            {
                rows.Add($"| {service} | {operation.Method} | `{operation.Path}` | " +
                    $"{await PolicyRolesAsync(policies, operation.Policy)} | {operation.ClientScope ?? "—"} |");
            }
        }
        var table = string.Join('\n', rows);

        var path = Path.Combine(RepositoryRoot.Find(), "docs", "security.md");
        var document = await File.ReadAllTextAsync(path);
        var (start, end) = (document.IndexOf(Start, StringComparison.Ordinal), document.IndexOf(End, StringComparison.Ordinal));
        start.ShouldBeGreaterThanOrEqualTo(0, $"docs/security.md must hold the table between {Start} and {End}.");
        var documented = document[(start + Start.Length)..end].Trim('\n');
        if (documented != table && Environment.GetEnvironmentVariable("BILLINGONE_WRITE_SECURITY_TABLE") == "1")
        {
            var rewritten = new StringBuilder(document[..(start + Start.Length)]).Append('\n').Append(table).Append('\n')
                .Append(document[end..]);
            await File.WriteAllTextAsync(path, rewritten.ToString());
            return;
        }
        documented.ShouldBe(table, "docs/security.md's endpoint table is out of date: run this test with " +
            "BILLINGONE_WRITE_SECURITY_TABLE=1 to rewrite it, and review the change.");
    }

    /// <summary>The policy's name and the roles it lets in, as the service's authorization options define them.</summary>
    private static async Task<string> PolicyRolesAsync(IAuthorizationPolicyProvider policies, string name)
    {
        if (name is "anonymous" or "authenticated")
        {
            return name;
        }
        var policy = (await policies.GetPolicyAsync(name)).ShouldNotBeNull($"The service has no policy '{name}'.");
        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles);
        return $"{name}: {string.Join(", ", roles)}";
    }
}
