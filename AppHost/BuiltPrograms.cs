using System.Reflection;

namespace BillingOne.AppHost;

/// <summary>
/// Starts a project resource's built program itself, as <c>dotnet run</c> does once it has evaluated the project. Aspire
/// starts each project through <c>dotnet run --no-build</c>, and that evaluation took 1.5–2 CPU-s per process: about a
/// third of a whole system's start-up CPU, over ten long-running programs, seven migration steps and the demo seeder
/// (docs/benchmarks.md, "Starting the programs without dotnet run"). The AppHost's build records where each project's
/// build put its program (<c>EmbedBuiltProgramPaths</c> in AppHost.csproj), so the program started is the one built with
/// the AppHost, in its configuration; the process environment is the one <c>dotnet run</c> passed on unchanged.
/// </summary>
public static class BuiltPrograms
{
    private const string MetadataKeyPrefix = "BuiltProgram:";

    public static IResourceBuilder<ProjectResource> WithBuiltProgram(this IResourceBuilder<ProjectResource> project)
    {
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        return project.WithAnnotation(new ExecutableAnnotation
        {
            Command = ProgramOf(projectPath),
            WorkingDirectory = Path.GetDirectoryName(projectPath)!,
        }, ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>The native launcher the SDK builds beside a program's assembly (what <c>dotnet run</c> executes).</summary>
    public static string ProgramOf(string projectPath)
    {
        var assembly = typeof(BuiltPrograms).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(metadata => metadata.Key == MetadataKeyPrefix + projectPath)?.Value
            ?? throw new InvalidOperationException($"The AppHost's build recorded no program for {projectPath}.");
        return Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
    }
}
