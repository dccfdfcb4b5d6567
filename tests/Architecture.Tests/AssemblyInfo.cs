// Every test here reads source, project files, docs or loaded assemblies; none starts a server.
[assembly: AssemblyTrait("Category", "Unit")]
