using BillingOne.AppHost.Configuration;
using BillingOne.AppHost.Resources;
using Microsoft.Extensions.Configuration;

namespace BillingOne.AppHost.Tests;

/// <summary>
/// A throw-away repository as <see cref="AppHostPlan"/> expects one: the solution file and an (empty) Debug build
/// output of every project. Deleted on dispose.
/// </summary>
public sealed class TemporaryRepository : IDisposable
{
    public TemporaryRepository(string name)
    {
        Root = Directory.CreateTempSubdirectory($"billingone-apphost-{name}-").FullName;
        File.WriteAllText(Path.Combine(Root, AppHostPlan.SolutionFileName), "");
        foreach (var project in ProjectCatalog.All)
        {
            CreateBuildOutput(project);
        }
    }

    public string Root { get; }

    /// <summary>Where the AppHost would run from: the repository is found above it.</summary>
    public string AppBaseDirectory => Path.Combine(Root, "AppHost", "bin", "Debug", "net10.0");

    public void CreateBuildOutput(ProjectDefinition project, string configuration = "Debug")
    {
        var output = Path.Combine(Root, project.ProjectDirectory, "bin", configuration, "net10.0");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, project.AssemblyName + ".dll"), "");
    }

    /// <summary>The plan for this repository with <paramref name="settings"/> on top of a Debug build.</summary>
    public AppHostPlan Plan(Dictionary<string, string?>? settings = null, Func<int>? freePort = null)
    {
        var values = new Dictionary<string, string?> { ["AppHost:BuildConfiguration"] = "Debug" };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return AppHostPlan.Create(configuration, AppBaseDirectory,
            freePort ?? (() => throw new InvalidOperationException("no port 0 configured")));
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
